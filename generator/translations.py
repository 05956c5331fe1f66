"""``medialit translations``: start the catalog of a new language, or bring every catalog up to date with the
msgids the code uses (new strings added untranslated, strings the code no longer uses dropped)."""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from . import i18n
from .diagnostics import Code
from .errors import MedialitError, Report
from .locale_extract import STABLE_DATE, po_text, template

TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")  # as the article's and the bank's `language`


def _folder(locale_dir: Path | None) -> Path:
    return locale_dir if locale_dir is not None else Path(str(i18n.locale_dir()))


def catalog_path(language: str, locale_dir: Path | None = None) -> Path:
    return _folder(locale_dir) / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _fail(path: Path, message: str, hint: str) -> MedialitError:
    report = Report()
    report.add(path, 1, 1, message, hint, code=Code.CATALOG)
    return MedialitError(report, "nothing written")


def new_catalog(language: str) -> Catalog:
    """A catalog of every msgid the code uses, each untranslated, with the language's plural rule."""
    locale = Locale.parse(language.replace("-", "_"))
    cat = Catalog(locale=locale, domain=i18n.DOMAIN, project="medialit", version="", fuzzy=False,
                  header_comment=f"# {locale.english_name} strings of medialit's chapters and quiz runtime.\n"
                                 "# msgid: the English text; msgstr: its translation. Placeholders in braces stay "
                                 "as they are.\n", last_translator="", language_team="", creation_date=STABLE_DATE,
                  revision_date=STABLE_DATE)
    tpl = template()
    for m in tpl:
        if m.id:
            cat.add(m.id, string=("",) * cat.num_plurals if m.pluralizable else "", locations=m.locations,
                    flags=m.flags)
    return cat


def init(language: str, locale_dir: Path | None = None) -> Path:
    path = catalog_path(language, locale_dir)
    if not TAG.match(language):
        raise _fail(path, f"{language!r} is not a language tag",
                    "Give a BCP 47 tag as an article's `language` has: de, pt-BR, ...")
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise _fail(path, f"Babel knows no language {language!r}", "Check the tag (de, es, pt-BR, ...).") from None
    if path.exists():
        raise _fail(path, f"the catalog of {language!r} exists already",
                    "Edit it, or run `medialit translations update` to add the strings it lacks.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_text(new_catalog(language)))
    return path


def update(locale_dir: Path | None = None) -> list[Path]:
    """Every catalog brought up to date with the code's msgids; the translations it has are kept."""
    tpl = template()
    written = []
    for folder in sorted(_folder(locale_dir).iterdir()):
        path = folder / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        if not path.is_file():
            continue
        with path.open("rb") as f:
            cat = read_po(f, locale=folder.name.replace("-", "_"), domain=i18n.DOMAIN)
        cat.update(tpl, no_fuzzy_matching=True)
        cat.obsolete.clear()
        text = po_text(cat)
        if path.read_bytes() != text:
            path.write_bytes(text)
            written.append(path)
    return written


def missing(language: str, locale_dir: Path | None = None) -> list[str]:
    """The msgids the code uses that the language's catalog does not translate (all of them without a catalog)."""
    path = catalog_path(language, locale_dir)
    if not path.is_file():
        return sorted(m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id)
    with path.open("rb") as f:
        cat = read_po(f, locale=language.replace("-", "_"), domain=i18n.DOMAIN)
    out = []
    for m in template():
        if not m.id:
            continue
        have = cat.get(m.id)
        strings = () if have is None or have.fuzzy else have.string
        strings = (strings,) if isinstance(strings, str) else strings
        if not strings or not all(strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return sorted(out)


def cmd_translations(action: str, language: str | None, locale_dir: Path | None = None) -> int:
    if action == "init":
        if not language:
            raise _fail(_folder(locale_dir), "no language given", "Run `medialit translations init <lang>`.")
        path = init(language, locale_dir)
        print(f"medialit: started {path}: translate each msgstr, then build a chapter with `language: {language}`.")
        return 0
    if action == "update":
        for path in update(locale_dir):
            print(f"medialit: updated {path}")
        return 0
    langs = [language] if language else [x for x in i18n.languages() if x != i18n.SOURCE_LANGUAGE]
    status = 0
    for lang in langs:
        gaps = missing(lang, locale_dir)
        print(f"{lang}: {len(gaps)} untranslated" + "".join(f"\n  {g!r}" for g in gaps))
        status = status or (1 if gaps else 0)
    return status
