"""The catalogs: every string the code uses (Python and the quiz runtime) is translated in every catalog, and
`medialit translations init` starts a new language that the chapters then speak, with no code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator import i18n
from generator.locale_extract import runtime_messages, template
from generator.translations import missing

from .conftest import run_cli

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _catalog(lang: str, folder: Path | None = None):  # type: ignore[no-untyped-def]
    path = (folder or Path(str(i18n.locale_dir()))) / lang / "LC_MESSAGES" / "medialit.po"
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def test_the_code_uses_strings_of_both_kinds_of_source() -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    assert "Exercise: check the claims" in ids  # Python (generate.py)
    assert "Not quite" in ids and "{n} point" in ids  # the quiz runtime (quiz.js), a plural among them
    assert ("{n} point", "{n} points") in runtime_messages()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_catalog_has_every_string_the_code_uses(lang: str) -> None:
    assert lang in i18n.languages()
    assert missing(lang) == [], f"untranslated in {lang}: run `medialit translations update`, then translate"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    for m in _catalog(lang):
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        want = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) == want, (m.id, s)


def test_a_catalog_that_lacks_a_string_fails_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "locale"
    (folder / "fr" / "LC_MESSAGES").mkdir(parents=True)
    text = (Path(str(i18n.locale_dir())) / "fr" / "LC_MESSAGES" / "medialit.po").read_text("utf-8")
    cut = text.replace('msgstr "Pas tout à fait"', 'msgstr ""')
    assert cut != text
    (folder / "fr" / "LC_MESSAGES" / "medialit.po").write_text(cut, "utf-8")
    assert missing("fr", folder) == ["Not quite"]
    res = run_cli("translations", "check", "fr", "--locale-dir", folder)
    assert res.code == 1 and "'Not quite'" in res.out


def test_translations_init_starts_a_new_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locale"
    res = run_cli("translations", "init", "de", "--locale-dir", folder)
    assert res.code == 0, res.err
    cat = _catalog("de", folder)
    assert cat.num_plurals == 2 and "Plural-Forms" in str(cat.mime_headers)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}
    assert ids == {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    assert run_cli("translations", "check", "de", "--locale-dir", folder).code == 1  # untranslated yet
    again = run_cli("translations", "init", "de", "--locale-dir", folder)
    assert again.code == 1 and "exists already" in again.err and "catalog" in again.err
    assert run_cli("translations", "init", "xx-!!", "--locale-dir", folder).code == 1
    # a translator fills it in (here mechanically); the chapters and the runtime then speak it, with no code
    path = folder / "de" / "LC_MESSAGES" / "medialit.po"
    for m in cat:
        if m.id:
            m.string = (f"DE {m.id}" if isinstance(m.id, str) else tuple(f"DE {m.id[min(i, 1)]}" for i in range(2)))
    from generator.locale_extract import po_text

    path.write_bytes(po_text(cat))
    assert run_cli("translations", "check", "de", "--locale-dir", folder).code == 0
    monkeypatch.setattr(i18n, "locale_dir", lambda: folder)
    i18n.translator.cache_clear()
    try:
        assert i18n.translator("de").gettext("Read the article") == "DE Read the article"
        strings = i18n.runtime_strings("de")
        assert strings["Check"] == "DE Check"
        assert strings["{n} point"] == {"one": "DE {n} point", "other": "DE {n} points"}
    finally:
        i18n.translator.cache_clear()


def test_translations_update_is_a_no_op_on_complete_catalogs(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "locale"
    shutil.copytree(Path(str(i18n.locale_dir())), folder)
    res = run_cli("translations", "update", "--locale-dir", folder)
    assert res.code == 0 and res.out == ""  # the committed catalogs are what update writes: byte-stable
    for lang in ("en", "fr"):
        rel = Path(lang) / "LC_MESSAGES" / "medialit.po"
        assert (folder / rel).read_bytes() == (Path(str(i18n.locale_dir())) / rel).read_bytes()


def test_dates_and_numbers_in_the_language() -> None:
    assert i18n.long_date("2021-07-14", "fr") == "14 juillet 2021"
    assert i18n.long_date("2021-07-14", "en") == "July 14, 2021"
    assert i18n.number(2.5, "fr") == "2,5"
