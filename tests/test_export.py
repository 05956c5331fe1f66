"""`medialit export`: GIFT for Moodle and QTI 1.2 for Canvas, deterministic, never dropping a question silently."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import Report
from generator.export.gift import _MOODLE_GRADES, GiftWriter, build_gift, gift_escape, to_gift
from generator.export.qti import build_qti, qti_identifier, to_qti_zip
from generator.model import Bank
from generator.stages import load_bank

from .conftest import FIXTURES, REPO, run_cli

TOWN = FIXTURES / "course" / "quizzes" / "town-library.yaml"
SEEDS = sorted((REPO / "quizzes").glob("*.yaml"))
UNSUPPORTED = {"gift": {"order", "select-text"}, "qti": {"order", "select-text"}}


# --------------------------------------------------------------------------------------------------
# helpers


def load(path: Path) -> Bank:
    report = Report()
    bank = load_bank(path, report)
    assert bank is not None and report.ok, report.as_text()
    return bank


def make_bank(tmp_path: Path, questions: list[dict[str, Any]], **fields: Any) -> Bank:
    data = {"bank": "b1", "article": "town-library", "title": "T", **fields, "questions": questions}
    path = tmp_path / f"bank-{len(list(tmp_path.glob('bank-*.yaml')))}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load(path)


def moodle_pre(text: str) -> str:
    """Moodle's qformat_gift::escapedchar_pre: escaped characters become placeholders before parsing."""
    text = text.replace("\\\\", "&&092;")
    for char, placeholder in ((":", "&&058;"), ("#", "&&035;"), ("=", "&&061;"), ("{", "&&123;"),
                              ("}", "&&125;"), ("~", "&&126;"), ("n", "&&010")):
        text = text.replace("\\" + char, placeholder)
    return text.replace("&&092;", "\\")


def moodle_post(text: str) -> str:
    """Moodle's qformat_gift::escapedchar_post: placeholders back to characters after parsing."""
    for char, placeholder in ((":", "&&058;"), ("#", "&&035;"), ("=", "&&061;"), ("{", "&&123;"),
                              ("}", "&&125;"), ("~", "&&126;"), ("\n", "&&010")):
        text = text.replace(placeholder, char)
    return text


def gift_blocks(text: str) -> dict[str, str]:
    """Question id -> its GIFT text (comment lines dropped), split on blank lines as Moodle does."""
    blocks = {}
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if not ln.strip().startswith("//")]
        body = "\n".join(lines).strip()
        if body.startswith("::"):
            blocks[body[2:body.index("::", 2)]] = body
    return blocks


def strip_ns(root: ET.Element) -> ET.Element:
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    return root


def qti_files(data: bytes) -> dict[str, ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: strip_ns(ET.fromstring(zf.read(name))) for name in zf.namelist()}


def qti_items(bank: Bank) -> dict[str, ET.Element]:
    files = qti_files(to_qti_zip(bank))
    aid = qti_identifier(bank)
    root = files[f"{aid}/{aid}.xml"]
    return {item.get("title"): item for item in root.iter("item")}


def metadata(item: ET.Element) -> dict[str, str]:
    return {f.findtext("fieldlabel"): f.findtext("fieldentry") or "" for f in item.iter("qtimetadatafield")}


def correct_condition(item: ET.Element) -> ET.Element:
    [cond] = [c for c in item.iter("respcondition") if c.find("setvar[@action='Set']") is not None]
    assert cond.find("setvar").text == "100"
    return cond.find("conditionvar")


# --------------------------------------------------------------------------------------------------
# GIFT: escaping

SPECIALS = ["~", "=", "#", "{", "}", ":", "\\"]


@pytest.mark.parametrize("char", SPECIALS)
def test_gift_escape_round_trips_through_moodle(char: str) -> None:
    text = f"a {char} b {char}{char} c\\n{char}"
    escaped = gift_escape(text)
    assert f"\\{char}" in escaped
    assert moodle_post(moodle_pre(escaped)) == text
    assert not any(c in moodle_pre(escaped) for c in "~=#{}:"), "an unescaped reserved character is left"


def test_gift_escape_new_lines_and_backslash_n() -> None:
    text = "one\n\ntwo \\n three\r\nfour"
    escaped = gift_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert moodle_post(moodle_pre(escaped)) == text.replace("\r\n", "\n")


@pytest.mark.parametrize("char", SPECIALS)
@pytest.mark.parametrize("where", ["prompt", "option", "feedback", "explanation"])
def test_gift_escapes_reserved_characters_everywhere(tmp_path: Path, char: str, where: str) -> None:
    x = f"x{char}y"
    q = {"id": "q1", "type": "single", "prompt": x if where == "prompt" else "P",
         "options": [{"text": x if where == "option" else "right", "correct": True,
                      "feedback": x if where == "feedback" else "ok"},
                     {"text": "wrong"}],
         "explanation": x if where == "explanation" else "E"}
    block = gift_blocks(to_gift(make_bank(tmp_path, [q])))["q1"]
    assert f"x\\{char}y" in block
    parsed = moodle_pre(block)
    # What Moodle parses: exactly the structure we wrote, one answer block, two answers, one general feedback.
    assert parsed.count("{") == 1 and parsed.count("}") == 1
    assert parsed.count("=") == 1 and parsed.count("~") == 1
    assert parsed.count("####") == 1
    assert parsed.count("#") == 4 + 1  # general feedback + one option feedback
    assert "x" + char + "y" in moodle_post(parsed)


def test_gift_prompt_uses_markdown_marker(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "true-false", "prompt": "Is **this** `code`?", "answer": True}])
    assert gift_blocks(to_gift(bank))["q1"] == "::q1::[markdown]Is **this** `code`?{TRUE}"


def test_gift_option_that_looks_like_a_weight_gets_an_explicit_one(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "single", "prompt": "P",
                                 "options": [{"text": "all", "correct": True}, {"text": "%50% of them"}]}])
    assert "\t~%0%%50% of them" in gift_blocks(to_gift(bank))["q1"]


# --------------------------------------------------------------------------------------------------
# GIFT: each type

TOWN_GIFT = {
    "vote": "::vote::[markdown]By how many votes to how many did the council decide?{\n"
            "\t=7 to 2\n"
            "\t~2 to 7#This swaps the votes for and against.\n"
            "\t~None of the above#One of the options is in the text.\n"
            "\t####The text says 7 to 2.\n}",
    "opinions": "::opinions::[markdown]Which are opinions?{\n"
                "\t~%50%Clearly, this is the worst decision\n"
                "\t~%50%Readers will surely abandon the library\n"
                "\t~%-50%The council voted on Tuesday#A date and a vote can be checked\\: a fact.\n}",
    "tf": "::tf::[markdown]The text says the library closes on Sundays.{TRUE#Read the first sentence again.#Yes.}",
    "saving": "::saving::[markdown]How much does the councillor say the change saves each year?{#\n\t=40000:0\n}",
    "street": "::street::[markdown]Which street is the library on?{\n\t=Elm Street\n\t=Elm\n}",
    "pairs": "::pairs::[markdown]Match each word to its kind of cue.{\n"
             "\t=surely -> booster\n\t=worst -> evaluative word\n}",
    "sort": "::sort::[markdown]Sort each statement.{\n"
            "\t=The council voted 7 to 2. -> Fact\n\t=This is the worst decision. -> Opinion\n}",
}


@pytest.mark.parametrize("qid", sorted(TOWN_GIFT))
def test_gift_form_of_each_supported_type(qid: str) -> None:
    assert gift_blocks(to_gift(load(TOWN)))[qid] == TOWN_GIFT[qid]


def test_gift_file_header_and_category() -> None:
    text = to_gift(load(TOWN))
    assert text.startswith("// Question bank 'town-library-quiz'")
    assert "\n$CATEGORY: $course$/top/town-library-quiz\n\n" in text
    assert "\n\n\n" not in text and "\r" not in text


def test_gift_single_carries_right_and_wrong_feedback_per_option(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "single", "prompt": "P",
                                 "options": [{"text": "a", "correct": True, "feedback": "A."}, {"text": "b"}],
                                 "feedback": {"correct": "Well done.", "incorrect": "Not quite."}}])
    block = gift_blocks(to_gift(bank))["q1"]
    assert "\t=a#A.\\n\\nWell done.\n" in block
    assert "\t~b#Not quite.\n" in block


def test_gift_numeric_tolerance_range_unit_and_feedback(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [
        {"id": "tol", "type": "numeric", "prompt": "P", "answer": 1.5, "tolerance": 0.25, "unit": "km",
         "feedback": {"correct": "Yes.", "incorrect": "No."}},
        {"id": "rng", "type": "numeric", "prompt": "P", "range": [-3, 0.00001]},
    ])
    blocks = gift_blocks(to_gift(bank))
    assert blocks["tol"] == "::tol::[markdown]P\\n\\nUnit\\: km{#\n\t=1.5:0.25#Yes.\n\t~#No.\n}"
    assert blocks["rng"] == "::rng::[markdown]P{#\n\t=-3..0.00001\n}"


def test_gift_text_escapes_wildcards_and_gives_wrong_answer_feedback(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "text", "prompt": "P", "accept": ["a*b", "c"],
                                 "feedback": {"correct": "Yes.", "incorrect": "No."}}])
    block = gift_blocks(to_gift(bank))["q1"]
    assert block == "::q1::[markdown]P{\n\t=a\\\\*b#Yes.\n\t=c#Yes.\n\t=%0%*#No.\n}"
    assert "a\\*b" in moodle_post(moodle_pre(block))  # Moodle's literal star


def test_gift_text_keeps_arrows_and_percent_signs_from_changing_the_type(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "text", "prompt": "P", "accept": ["%5 off", "5%"],
                                 "feedback": {"correct": "a -> b"}}])
    block = gift_blocks(to_gift(bank))["q1"]
    assert block == "::q1::[markdown]P{\n\t=%5 off#a -&gt; b\n\t=5%#a -&gt; b\n}"
    bank = make_bank(tmp_path, [{"id": "q1", "type": "text", "prompt": "P", "accept": ["%50% off"]}])
    assert "\t=%100%%50% off\n" in gift_blocks(to_gift(bank))["q1"]


def test_gift_classify_adds_unused_categories_as_distractors(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "classify", "prompt": "P",
                                 "categories": ["Fact", "Opinion", "Neither"],
                                 "items": [{"text": "x", "category": "Fact"}, {"text": "y", "category": "Fact"}]}])
    block = gift_blocks(to_gift(bank))["q1"]
    assert block == "::q1::[markdown]P{\n\t=x -> Fact\n\t=y -> Fact\n\t= -> Opinion\n\t= -> Neither\n}"


@pytest.mark.parametrize(("correct", "right", "wrong"), [(1, "100", "-100"), (2, "50", "-50"),
                                                          (3, "33.33333", "-33.33333"), (4, "25", "-25"),
                                                          (6, "16.66667", "-16.66667"), (7, "14.28571", "-14.28571")])
def test_gift_multiple_weights_follow_right_minus_wrong(tmp_path: Path, correct: int, right: str, wrong: str) -> None:
    options = [{"text": f"r{i}", "correct": True} for i in range(correct)] + [{"text": "w1"}, {"text": "w2"}]
    bank = make_bank(tmp_path, [{"id": "q1", "type": "multiple", "prompt": "P", "options": options}])
    block = gift_blocks(to_gift(bank))["q1"]
    assert block.count(f"\t~%{right}%r") == correct
    assert f"\t~%{wrong}%w1" in block and f"\t~%{wrong}%w2" in block
    assert "=" not in moodle_pre(block)  # no "=": Moodle makes it a multiple-answer question


def test_moodle_weight_is_always_a_grade_moodle_accepts() -> None:
    for k in range(1, 30):
        for sign in (1, -1):
            w = float(GiftWriter.weight(sign * 100 / k))
            assert abs(w) in _MOODLE_GRADES


# --------------------------------------------------------------------------------------------------
# Unsupported questions are named, never dropped silently


@pytest.mark.parametrize("fmt", ["gift", "qti"])
def test_unsupported_types_are_reported_by_name(fmt: str) -> None:
    bank = load(TOWN)
    result = build_gift(bank) if fmt == "gift" else build_qti(bank)
    skipped = {(n.bank, n.question, n.type) for n in result.skipped}
    assert skipped == {("town-library-quiz", "steps", "order"), ("town-library-quiz", "predictions", "select-text")}
    assert set(result.exported) == {q.id for q in bank.questions} - {"steps", "predictions"}
    texts = [n.format() for n in result.skipped]
    assert any("question 'steps' (order) of bank 'town-library-quiz' was not exported: " in t for t in texts)
    # partial losses are named too
    partial = {n.question: n.message for n in result.notes if not n.skipped and n.question}
    assert "pattern" in partial["street"] and "pinned" in partial["vote"]


@pytest.mark.parametrize("fmt", ["gift", "qti"])
def test_pattern_only_text_question_is_skipped_with_reason(tmp_path: Path, fmt: str) -> None:
    bank = make_bank(tmp_path, [{"id": "re", "type": "text", "prompt": "P", "pattern": "elm( st)?"},
                                {"id": "ok", "type": "true-false", "prompt": "P", "answer": False}])
    result = build_gift(bank) if fmt == "gift" else build_qti(bank)
    assert result.exported == ["ok"]
    [note] = result.skipped
    assert note.question == "re" and "regular expression" in note.message


def test_gift_skips_arrow_in_a_left_side(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "m", "type": "match", "prompt": "P",
                                 "pairs": [{"left": "a -> b", "right": "c"}, {"left": "d", "right": "e"}]}])
    result = build_gift(bank)
    assert result.exported == [] and "'->'" in result.skipped[0].message
    assert build_qti(bank).exported == ["m"]


# --------------------------------------------------------------------------------------------------
# QTI 1.2 (Canvas)


def test_qti_zip_is_well_formed_and_manifest_points_at_the_assessment() -> None:
    bank = load(TOWN)
    data = to_qti_zip(bank)
    aid = qti_identifier(bank)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    files = qti_files(data)  # parses every file
    assert set(files) == {"imsmanifest.xml", f"{aid}/{aid}.xml", f"{aid}/assessment_meta.xml"}
    manifest = files["imsmanifest.xml"]
    [qti] = [r for r in manifest.iter("resource") if r.get("type") == "imsqti_xmlv1p2"]
    assert qti.get("identifier") == aid
    hrefs = {f.get("href") for f in manifest.iter("file")}
    assert f"{aid}/{aid}.xml" in hrefs and hrefs <= set(files)
    [dep] = qti.findall("dependency")
    [meta] = [r for r in manifest.iter("resource") if r.get("identifier") == dep.get("identifierref")]
    assert meta.get("href") == f"{aid}/assessment_meta.xml"
    root = files[f"{aid}/{aid}.xml"]
    assert root.tag == "questestinterop"
    assessment = root.find("assessment")
    assert assessment.get("ident") == aid and assessment.get("title") == bank.title
    assert assessment.find("section").get("ident") == "root_section"
    quiz = files[f"{aid}/assessment_meta.xml"]
    assert quiz.findtext("title") == bank.title and quiz.findtext("shuffle_answers") == "true"
    assert quiz.findtext("points_possible") == "7"


QTI_TYPES = {"vote": "multiple_choice_question", "opinions": "multiple_answers_question",
             "tf": "true_false_question", "saving": "numerical_question", "street": "short_answer_question",
             "pairs": "matching_question", "sort": "matching_question"}


def test_qti_items_have_the_canvas_question_types() -> None:
    items = qti_items(load(TOWN))
    assert {k: metadata(v)["question_type"] for k, v in items.items()} == QTI_TYPES
    for qid, item in items.items():
        assert item.get("ident") == f"medialit_town-library-quiz_{qid}"
        assert metadata(item)["points_possible"] == "1"


def test_qti_single_choice_structure() -> None:
    item = qti_items(load(TOWN))["vote"]
    lid = item.find("presentation/response_lid")
    assert lid.get("ident") == "response1" and lid.get("rcardinality") == "Single"
    labels = [rl.get("ident") for rl in lid.findall("render_choice/response_label")]
    base = "medialit_town-library-quiz_vote"
    assert labels == [f"{base}_c1", f"{base}_c2", f"{base}_c3"]
    assert metadata(item)["original_answer_ids"] == ",".join(labels)
    var = correct_condition(item)
    assert [(v.get("respident"), v.text) for v in var.findall("varequal")] == [("response1", f"{base}_c1")]
    # per-option feedback and the explanation as general feedback
    feedback = {fb.get("ident"): fb.findtext("flow_mat/material/mattext") for fb in item.findall("itemfeedback")}
    assert feedback["general_fb"] == "<p>The text says 7 to 2.</p>"
    assert feedback[f"{base}_c2_fb"] == "<p>This swaps the votes for and against.</p>"
    shown = {d.get("linkrefid") for d in item.iter("displayfeedback")}
    assert shown == set(feedback)


def test_qti_multiple_answers_marks_right_and_wrong_options() -> None:
    item = qti_items(load(TOWN))["opinions"]
    assert item.find("presentation/response_lid").get("rcardinality") == "Multiple"
    both = correct_condition(item).find("and")
    base = "medialit_town-library-quiz_opinions"
    assert [v.text for v in both.findall("varequal")] == [f"{base}_c1", f"{base}_c2"]
    assert [v.text for v in both.findall("not/varequal")] == [f"{base}_c3"]


def test_qti_true_false_and_feedback() -> None:
    item = qti_items(load(TOWN))["tf"]
    labels = item.findall("presentation/response_lid/render_choice/response_label")
    assert [rl.findtext("material/mattext") for rl in labels] == ["True", "False"]
    assert correct_condition(item).findtext("varequal") == "medialit_town-library-quiz_tf_true"
    feedback = {fb.get("ident") for fb in item.findall("itemfeedback")}
    assert feedback == {"correct_fb", "general_incorrect_fb"}


def test_qti_numeric_tolerance_and_range(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "tol", "type": "numeric", "prompt": "P", "answer": 0.1, "tolerance": 0.2},
                                {"id": "rng", "type": "numeric", "prompt": "P", "range": [1, 5], "unit": "km"}])
    items = qti_items(bank)
    fib = items["tol"].find("presentation/response_str/render_fib")
    assert fib.get("fibtype") == "Decimal"
    var = correct_condition(items["tol"])
    assert var.findtext("or/varequal") == "0.1"
    assert (var.findtext("or/and/vargte"), var.findtext("or/and/varlte")) == ("-0.1", "0.3")
    var = correct_condition(items["rng"])
    assert (var.findtext("vargte"), var.findtext("varlte")) == ("1", "5")
    assert "Unit: km" in items["rng"].findtext("presentation/material/mattext")


def test_qti_short_answer_lists_accepted_answers() -> None:
    item = qti_items(load(TOWN))["street"]
    assert item.find("presentation/response_str/render_fib/response_label").get("ident") == "answer1"
    assert [v.text for v in correct_condition(item).findall("varequal")] == ["Elm Street", "Elm"]


def test_qti_match_and_classify_structure() -> None:
    items = qti_items(load(TOWN))
    pairs = items["pairs"]
    lids = pairs.findall("presentation/response_lid")
    assert [lid.get("ident") for lid in lids] == ["response_1", "response_2"]
    assert [lid.findtext("material/mattext") for lid in lids] == ["surely", "worst"]
    labels = lids[0].findall("render_choice/response_label")
    choices = {rl.findtext("material/mattext"): rl.get("ident") for rl in labels}
    assert set(choices) == {"booster", "evaluative word"}
    adds = [c for c in pairs.iter("respcondition") if c.find("setvar[@action='Add']") is not None]
    assert [(c.find("conditionvar/varequal").get("respident"), c.findtext("conditionvar/varequal")) for c in adds] == [
        ("response_1", choices["booster"]), ("response_2", choices["evaluative word"])]
    assert [c.findtext("setvar") for c in adds] == ["50.00", "50.00"]
    # classify: items on the left, the categories as the shared right side
    sort = items["sort"]
    lids = sort.findall("presentation/response_lid")
    assert [lid.findtext("material/mattext") for lid in lids] == ["The council voted 7 to 2.",
                                                                  "This is the worst decision."]
    for lid in lids:
        assert [rl.findtext("material/mattext") for rl in lid.findall("render_choice/response_label")] == [
            "Fact", "Opinion"]
    cats = {rl.findtext("material/mattext"): rl.get("ident") for rl in lids[0].findall("render_choice/response_label")}
    adds = [c.findtext("conditionvar/varequal") for c in sort.iter("respcondition")
            if c.find("setvar[@action='Add']") is not None]
    assert adds == [cats["Fact"], cats["Opinion"]]


def test_qti_renders_markdown_as_escaped_html(tmp_path: Path) -> None:
    bank = make_bank(tmp_path, [{"id": "q1", "type": "true-false", "prompt": "Is **this** <script>x</script> & ok?",
                                 "answer": True}])
    aid = qti_identifier(bank)
    with zipfile.ZipFile(io.BytesIO(to_qti_zip(bank))) as zf:
        raw = zf.read(f"{aid}/{aid}.xml").decode("utf-8")
    assert "<script>" not in raw and "&lt;strong&gt;this&lt;/strong&gt;" in raw
    html = qti_items(bank)["q1"].findtext("presentation/material/mattext")
    assert html == "<p>Is <strong>this</strong> &lt;script&gt;x&lt;/script&gt; &amp; ok?</p>"
    assert qti_items(bank)["q1"].find("presentation/material/mattext").get("texttype") == "text/html"


def test_qti_draw_becomes_a_question_group(tmp_path: Path) -> None:
    qs = [{"id": f"q{i}", "type": "true-false", "prompt": "P", "answer": True, "points": 2} for i in range(4)]
    bank = make_bank(tmp_path, qs, draw=3)
    aid = qti_identifier(bank)
    files = qti_files(to_qti_zip(bank))
    group = files[f"{aid}/{aid}.xml"].find("assessment/section/section")
    assert group.findtext("selection_ordering/selection/selection_number") == "3"
    assert group.findtext("selection_ordering/selection/selection_extension/points_per_item") == "2"
    assert len(group.findall("item")) == 4
    assert files[f"{aid}/assessment_meta.xml"].findtext("points_possible") == "6"


# --------------------------------------------------------------------------------------------------
# Determinism and the seed banks


@pytest.mark.parametrize("path", [TOWN, *SEEDS], ids=lambda p: p.stem)
def test_exports_are_byte_identical(path: Path) -> None:
    assert to_qti_zip(load(path)) == to_qti_zip(load(path))
    assert to_gift(load(path)) == to_gift(load(path))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_banks_export_every_exportable_question(path: Path) -> None:
    bank = load(path)
    for fmt, build in (("gift", build_gift), ("qti", build_qti)):
        result = build(bank)
        expected = [q.id for q in bank.questions if q.type not in UNSUPPORTED[fmt]]
        assert result.exported == expected, fmt
        assert {n.question for n in result.skipped} == {q.id for q in bank.questions if q.type in UNSUPPORTED[fmt]}
    assert list(gift_blocks(to_gift(bank))) == build_gift(bank).exported
    for block in gift_blocks(to_gift(bank)).values():
        parsed = moodle_pre(block)
        assert parsed.count("{") == 1 and parsed.count("}") == 1 and parsed.rstrip().endswith("}")
    assert list(qti_items(bank)) == build_qti(bank).exported


# --------------------------------------------------------------------------------------------------
# The command


def test_cli_export_gift(fixture_book: Path) -> None:
    res = run_cli("export", "--format", "gift", "quizzes/town-library.yaml", cwd=fixture_book)
    assert res.code == 0, res.err
    out = fixture_book / "_build" / "export" / "town-library-quiz.gift"
    assert out.read_text(encoding="utf-8") == to_gift(load(TOWN))
    assert "wrote _build/export/town-library-quiz.gift" in res.out and "7 of 9 questions" in res.out
    assert "warning: question 'steps' (order) of bank 'town-library-quiz' was not exported" in res.err
    assert "warning: question 'predictions' (select-text) of bank 'town-library-quiz' was not exported" in res.err
    assert "quizzes/town-library.yaml:" in res.err and "Traceback" not in res.err


def test_cli_export_qti_to_a_chosen_file(fixture_book: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "quiz.zip"
    res = run_cli("export", "--format", "qti", fixture_book / "quizzes" / "town-library.yaml", "-o", target,
                  cwd=fixture_book)
    assert res.code == 0, res.err
    assert target.read_bytes() == to_qti_zip(load(TOWN))
    assert not (fixture_book / "_build" / "export").exists()


def test_cli_export_of_a_bank_with_errors_writes_nothing(fixture_book: Path) -> None:
    bad = fixture_book / "quizzes" / "bad.yaml"
    bad.write_text("bank: b1\narticle: town-library\ntitle: T\nquestions:\n  - id: q1\n    type: singel\n"
                   "    prompt: P\n", encoding="utf-8")
    res = run_cli("export", "--format", "gift", bad, cwd=fixture_book)
    assert res.code == 1
    assert "quizzes/bad.yaml:6:" in res.err and "nothing was written" in res.err
    assert not (fixture_book / "_build" / "export").exists()


@pytest.mark.parametrize("fmt", ["gift", "qti"])
def test_cli_export_with_nothing_exportable_fails_clearly(fixture_book: Path, fmt: str) -> None:
    only = fixture_book / "quizzes" / "only-order.yaml"
    only.write_text("bank: b1\narticle: town-library\ntitle: T\nquestions:\n  - id: steps\n    type: order\n"
                    "    prompt: P\n    items: [a, b, c]\n", encoding="utf-8")
    res = run_cli("export", "--format", fmt, only, cwd=fixture_book)
    assert res.code == 1
    assert "question 'steps' (order) of bank 'b1' was not exported" in res.err
    assert "bank 'b1' has no question that" in res.err
    assert not (fixture_book / "_build" / "export").exists()
