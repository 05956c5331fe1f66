"""The language of a chapter: its strings from gettext catalogs, its dates and numbers through Babel.

msgids are the English text; ``generator/locale/<lang>/LC_MESSAGES/medialit.po`` holds a language's translations
(compiled in memory when first used: the same catalog gives the same output on every run, and a fresh clone needs
no compiled file). A language without a catalog falls back to English, msgid for msgid.

The quiz runtime gets its strings as data: ``runtime_strings(language)`` is what a page carries for it (only the
strings the runtime uses, in the page's language, plural forms by CLDR category for ``Intl.PluralRules``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, Protocol

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

DOMAIN = "medialit"
SOURCE_LANGUAGE = "en"


class Translator(Protocol):
    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


Gettext = Callable[[str], str]


def same(message: str) -> str:
    """The English text as is: a Gettext for code that is given no language."""
    return message


def N_(message: str) -> str:  # noqa: N802 - gettext's name for a string marked, translated later
    """Marks a msgid for extraction where it is defined (a table), translated where it is used."""
    return message


def locale_dir() -> Any:
    return resources.files("generator").joinpath("locale")


def po_path(language: str) -> Any:
    return locale_dir().joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po")


def languages() -> tuple[str, ...]:
    """The languages with a catalog, English first."""
    found = sorted(p.name for p in locale_dir().iterdir() if p.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file())
    return tuple(sorted(found, key=lambda x: (x != SOURCE_LANGUAGE, x)))


def has_catalog(language: str) -> bool:
    """Whether the language, or its primary language (fr for fr-CA), has a catalog."""
    return catalog_language(language) is not None


def catalog_language(language: str) -> str | None:
    """The catalog a language tag uses: its own, else its primary language's (fr-CA: fr), else None."""
    for tag in (language, language.split("-")[0]):
        if tag == SOURCE_LANGUAGE or po_path(tag).is_file():
            return tag
    return None


@cache
def translator(language: str) -> Translator:
    """The translations of a language (English msgids, as is, when it has no catalog)."""
    tag = catalog_language(language)
    if tag is None or tag == SOURCE_LANGUAGE:
        return NullTranslations()
    with po_path(tag).open("rb") as f:
        catalog = read_po(f, locale=tag.replace("-", "_"), domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)  # untranslated and fuzzy entries are left out: their msgid is used
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def long_date(value: str, language: str) -> str:
    """An ISO date written out in the language ("14 July 2021", "14 juillet 2021"); any other text as is."""
    try:
        d = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return format_date(d, "long", locale=language)


def short_date(d: dt.date, language: str) -> str:
    """A date with the month abbreviated (the timeline: "14 Jul 2021", "14 juil. 2021")."""
    if language == SOURCE_LANGUAGE:
        return d.strftime("%d %b %Y")  # as the English chapter always wrote it
    return format_date(d, "d MMM y", locale=language)


def number(value: float, language: str) -> str:
    """A number as the language writes it (2.5, 2,5)."""
    if language == SOURCE_LANGUAGE:
        return str(value)
    return format_decimal(value, locale=language)


def plural_samples(language: str) -> dict[str, int]:
    """For each CLDR plural category of the language that integers reach, the first integer in it."""
    rule = Locale.parse(language.replace("-", "_")).plural_form
    samples: dict[str, int] = {}
    for n in range(0, 1000):
        samples.setdefault(rule(n), n)
    return samples


def runtime_strings(language: str) -> dict[str, Any]:
    """What the quiz runtime needs of the language, as the page gives it (``strings``): msgid -> text, or for a
    plural msgid, CLDR category -> text. Empty for English (the runtime's msgids are English)."""
    if catalog_language(language) in (None, SOURCE_LANGUAGE):
        return {}
    from .locale_extract import runtime_messages  # the runtime's msgids, extracted from its sources

    tr = translator(language)
    out: dict[str, Any] = {}
    for singular, plural in runtime_messages():
        if plural is None:
            text = tr.gettext(singular)
            if text != singular:
                out[singular] = text
        else:
            # always: the language's own plural rule, even where its words are the English ones
            out[singular] = {cat: tr.ngettext(singular, plural, n) for cat, n in plural_samples(language).items()}
    return dict(sorted(out.items()))
