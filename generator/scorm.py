"""A chapter as a SCORM 1.2 package: `medialit export --format scorm SLUG`.

The chapter's pages come from the book build (`medialit build`), with every file they load. Each exercise and quiz
page is a SCO of its own; the overview and the article are assets, linked from the pages as in the book. Links to
pages outside the chapter (the rest of the book, the search page) are taken out, so that nothing in the package
points at a file it does not hold. The zip is deterministic: sorted entries, fixed timestamps and permissions.
At run time the quiz runtime finds the LMS's API and reports to it (generator/static/quiz-lms.js).
"""

from __future__ import annotations

import posixpath
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .diagnostics import Code
from .errors import MedialitError, Report, display_path, plural
from .generate import EXERCISE_PAGES
from .i18n import translator
from .stages import load_course
from .write import atomic_write, deterministic_zip

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
                   f"{ADLCP} adlcp_rootv1p2.xsd")
# the book's search (a page of its own, and an index of the whole book): not part of a chapter's package
SEARCH = ("#pst-search-dialog", ".search-button__button", ".search-button-field", "link[rel=search]",
          "link[rel=index]", "script[src$='searchindex.js']", "#searchbox")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass(frozen=True)
class Page:
    name: str  # the page's file name in the chapter, e.g. "quiz-x.html"
    title: str
    sco: bool  # graded (an exercise or a quiz) or an asset (the overview, the article)
    mastery_score: float | None = None


@dataclass(frozen=True)
class Package:
    data: bytes
    pages: tuple[Page, ...]
    files: tuple[str, ...]  # every file of the zip but the manifest, sorted


def chapter_pages(root: Path, slug: str) -> tuple[str, tuple[Page, ...]]:
    """The chapter's title and pages in reading order; a slug that is no article is an error naming the known ones."""
    from .annotate import kinds_asked
    from .render.overview import ANNOTATE_TITLE
    from .transform.exercises import exercise_bank

    course = load_course(root)
    article = next((a for a in course.articles if a.slug == slug), None)
    if article is None:
        report = Report(base=root)
        known = ", ".join(a.slug for a in course.articles) or "none"
        report.add(root / "articles" / slug, 1, 1, f"there is no article '{slug}' to package",
                   f"Give the slug of a folder of articles/ (known: {known}).", code=Code.UNKNOWN_CHAPTER)
        raise MedialitError(report)
    tr = translator(article.language)  # the pages' titles as the chapter writes them
    pages = [Page("index.html", article.title, False), Page("article.html", tr.gettext("Read the article"), False)]
    for name, title, _intro in EXERCISE_PAGES:
        if exercise_bank(article, name).questions:
            pages.append(Page(f"{name}.html", tr.gettext(title), True))
    if kinds_asked(article):  # one interaction per kind asked, its mastery score the annotations' pass mark
        pages.append(Page("annotate.html", tr.gettext(ANNOTATE_TITLE), True, round(article.annotate_pass * 100, 2)))
    for bank in course.banks_for(slug):
        quiz = translator(bank.language or article.language).gettext("Quiz: {title}").format(title=bank.title)
        pages.append(Page(f"quiz-{bank.id}.html", quiz, True, bank.mastery_score))
    return article.title, tuple(pages)


def _local(ref: str, base: str) -> str | None:
    """The package path a reference from the file at base points to, or None (another host, data:, a fragment)."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    return None if path.startswith("..") else path


def _relative(path: str, base: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(base) or ".")


def _tidy_page(html: str, base: str, pages: set[str]) -> tuple[str, set[str]]:
    """The page without links that leave the package, and the files it loads or links to."""
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.select(", ".join(SEARCH)):
        el.decompose()
    needs: set[str] = set()
    for a in soup.find_all("a", href=True):
        if a.decomposed:  # inside an entry taken out already
            continue
        target = _local(a["href"], base)
        if target is None or target == base or (not target.endswith(".html") and target not in pages):
            if target is not None and target != base:
                needs.add(target)  # a file such as the notebook behind the page, or a figure
            continue
        if target in pages:
            continue
        item = a.find_parent("li")
        if item is not None and a.find_parent("nav") is not None:
            item.decompose()  # a navigation entry for a page of the rest of the book
        else:
            a.unwrap()  # a link in the text: the words stay
    for nav in soup.find_all("nav"):  # sections left empty, and their captions
        for ul in nav.find_all("ul"):
            if not ul.find("li"):
                caption = ul.find_previous_sibling("p", class_="caption")
                if caption is not None:
                    caption.decompose()
                ul.decompose()
    for link in soup.find_all("link", href=True):  # next, prev: to a page of the package or gone
        target = _local(link["href"], base)
        if target is not None and target.endswith(".html") and target not in pages:
            link.decompose()
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("object", "data"),
                      ("video", "poster"), ("audio", "src"), ("iframe", "src")):
        for el in soup.find_all(tag, attrs={attr: True}):
            target = _local(el[attr], base)
            if target is not None:
                needs.add(target)
    for el in soup.find_all(srcset=True):
        for candidate in el["srcset"].split(","):
            target = _local(candidate.strip().split(" ")[0], base)
            if target is not None:
                needs.add(target)
    return soup.decode(formatter="minimal"), needs


def _css_needs(css: str, base: str) -> set[str]:
    out = set()
    for m in _CSS_URL.finditer(css):
        target = _local(m.group(2) or m.group(4), base)
        if target is not None:
            out.add(target)
    return out


def _manifest(slug: str, title: str, pages: tuple[Page, ...], page_files: list[str], common: list[str]) -> bytes:
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    m = ET.Element(f"{{{CP}}}manifest", {"identifier": f"medialit-{slug}", "version": "1.0",
                                         f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    meta = ET.SubElement(m, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.2"
    orgs = ET.SubElement(m, f"{{{CP}}}organizations", {"default": f"{slug}-org"})
    org = ET.SubElement(orgs, f"{{{CP}}}organization", {"identifier": f"{slug}-org"})
    ET.SubElement(org, f"{{{CP}}}title").text = title
    resources = ET.SubElement(m, f"{{{CP}}}resources")
    for page, href in zip(pages, page_files):
        ident = page.name.removesuffix(".html")
        item = ET.SubElement(org, f"{{{CP}}}item", {"identifier": f"item-{ident}", "identifierref": f"res-{ident}"})
        ET.SubElement(item, f"{{{CP}}}title").text = page.title
        if page.mastery_score is not None:
            ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = f"{page.mastery_score:g}"
        res = ET.SubElement(resources, f"{{{CP}}}resource", {
            "identifier": f"res-{ident}", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco" if page.sco else "asset",
            "href": href})
        ET.SubElement(res, f"{{{CP}}}file", {"href": href})
        ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": "res-common"})
    res = ET.SubElement(resources, f"{{{CP}}}resource", {"identifier": "res-common", "type": "webcontent",
                                                         f"{{{ADLCP}}}scormtype": "asset"})
    for href in common:
        ET.SubElement(res, f"{{{CP}}}file", {"href": href})
    ET.indent(m)
    return ET.tostring(m, encoding="UTF-8", xml_declaration=True) + b"\n"


def build_package(site: Path, slug: str, title: str, pages: tuple[Page, ...]) -> Package:
    """The package of a chapter from the built site (the folder of index.html)."""
    prefix = f"book/{slug}/"
    page_files = [prefix + p.name for p in pages]
    files: dict[str, bytes] = {}
    todo: list[str] = []
    for href in page_files:
        text, needs = _tidy_page((site / href).read_text("utf-8"), href, set(page_files))
        files[href] = text.encode("utf-8")
        todo.extend(sorted(needs))
    while todo:
        path = todo.pop()
        if path in files or not (site / path).is_file():
            continue  # a file a style sheet names but the site does not have (never requested: another format)
        data = files[path] = (site / path).read_bytes()
        if path.endswith(".css"):
            todo.extend(sorted(_css_needs(data.decode("utf-8", "replace"), path)))
    common = sorted(set(files) - set(page_files))
    files["imsmanifest.xml"] = _manifest(slug, title, pages, page_files, common)
    return Package(deterministic_zip(files, compresslevel=9), pages, tuple(sorted(set(files) - {"imsmanifest.xml"})))


def cmd_export_scorm(root: Path, slug: str, output: Path | None) -> int:
    """`medialit export --format scorm SLUG`: build the book, then write the chapter's package; 0 on success."""
    from .cli import cmd_build

    title, pages = chapter_pages(root, slug)
    if cmd_build(root, False, quiet=True) != 0:
        return 1
    package = build_package(root / "_build" / "html", slug, title, pages)
    output = output if output is not None else root / "_build" / "export" / f"{slug}-scorm.zip"
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(output, package.data)
    scos = sum(p.sco for p in pages)
    print(f"medialit: wrote {display_path(output, root)} (SCORM 1.2, {plural(scos, 'graded page')} as SCOs, "
          f"{plural(len(pages) - scos, 'other page')}, {plural(len(package.files), 'file')}).", file=sys.stdout)
    return 0
