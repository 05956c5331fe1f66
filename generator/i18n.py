"""User-visible strings, looked up by their English text (msgid). Catalogs plug in here; without one, the English
text itself."""

from __future__ import annotations

import gettext


def translator(language: str) -> gettext.NullTranslations:
    return gettext.NullTranslations()
