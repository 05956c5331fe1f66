"""The msgids the code uses, extracted with Babel: from the Python sources (``_``, ``gettext``, ``ngettext``,
``N_``) and from the quiz runtime's sources (``t``, ``tn``). What ``medialit translations`` starts and updates
catalogs from, and what the completeness test checks the catalogs against."""

from __future__ import annotations

import datetime
import io
from functools import cache
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract

PY_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
JS_KEYWORDS = {"t": None, "tn": (2, 3)}  # t(msgid, params); tn(n, singular, plural, params)
BUNDLE = "quiz-book.js"  # built from the others (minified): its strings are theirs


def runtime_sources() -> list[Path]:
    """The quiz runtime's sources: every script of static/ but the bundle built from them."""
    return sorted(p for p in (_package() / "static").glob("*.js") if p.name != BUNDLE)

STABLE_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)  # no date in the files: byte-stable
Message = tuple[str, str | None]  # (msgid, plural msgid or None)


def _package() -> Path:
    return Path(str(resources.files("generator")))


def _from(path: Path, method: str, keywords: dict) -> list[tuple[Message, int]]:
    out = []
    with path.open("rb") as f:
        for lineno, message, _comments, _context in extract(method, f, keywords=keywords, comment_tags=(),
                                                            options={"encoding": "utf-8"}):
            msg = (message, None) if isinstance(message, str) else (message[0], message[1])
            if msg[0]:
                out.append((msg, lineno))
    return out


@cache
def runtime_messages() -> tuple[Message, ...]:
    """The runtime's msgids, in a fixed order (unique)."""
    seen: dict[Message, None] = {}
    for path in runtime_sources():
        for msg, _line in _from(path, "javascript", JS_KEYWORDS):
            seen.setdefault(msg, None)
    return tuple(seen)


def python_sources() -> list[Path]:
    root = _package()
    return sorted(p for p in root.rglob("*.py") if "locale" not in p.relative_to(root).parts[:1])


def template() -> Catalog:
    """Every msgid of the code, with where it is used (paths relative to the package)."""
    cat = Catalog(domain="medialit", project="medialit", fuzzy=False, header_comment="",
                  creation_date=STABLE_DATE, revision_date=STABLE_DATE)
    root = _package()
    places: list[tuple[Path, str, dict]] = [(p, "python", PY_KEYWORDS) for p in python_sources()]
    places += [(path, "javascript", JS_KEYWORDS) for path in runtime_sources()]
    for path, method, keywords in places:
        rel = path.relative_to(root).as_posix()
        for (msgid, plural), line in _from(path, method, keywords):
            cat.add((msgid, plural) if plural else msgid, locations=[(rel, line)],
                    flags=("python-brace-format",) if "{" in msgid and method == "python" else ())
    return cat


def msgids() -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}


def po_text(catalog: Catalog) -> bytes:
    """A catalog as a .po file, byte-stable: no creation date, no line numbers that move with every edit."""
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=116, omit_header=False, sort_output=True, include_lineno=False,
             ignore_obsolete=True)
    return buf.getvalue()
