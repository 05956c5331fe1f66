"""First validation pass: the JSON Schemas shipped in the package."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..diagnostics import Code
from ..errors import Report
from ..load import Document

SCHEMAS = ("bank", "annotations", "article")

_TYPE_NAMES = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping (key: value lines)", "null": "empty"}


@cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files("generator").joinpath("schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


@cache
def _fast_validator(name: str) -> Callable[[Any], Any]:
    """A compiled validator for the common case, a valid file: many times faster than jsonschema's.

    The schemas use only keywords that draft 7 has too, so fastjsonschema compiles them as draft 7. It only decides
    valid or not; every error is then found and explained by jsonschema, the reference validator."""
    return fastjsonschema.compile({**schema(name), "$schema": "http://json-schema.org/draft-07/schema#"})


def failed_items(doc: Document, name: str, key: str) -> frozenset[int] | None:
    """The indices of the items of list ``key`` that the schema rejects; None when the document's frame (the
    mapping or the list itself) is wrong, so no item can be checked on its own."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    bad = set()
    for e in _validator(name).iter_errors(data):
        for leaf in _leaf_errors(e):
            path = tuple(leaf.absolute_path)
            if len(path) >= 2 and path[0] == key and isinstance(path[1], int):
                bad.add(path[1])
            elif len(path) == 1 and path[0] == key:
                return None
    return frozenset(bad)


def compiled(name: str) -> Callable[[Any], Any]:
    """The fast validator of schema ``name`` (compiled once per process)."""
    return _fast_validator(name)


def is_valid(data: Any, name: str) -> bool:
    try:
        _fast_validator(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


def _field(path: tuple[Any, ...]) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in path]
    out = ""
    for p in parts:
        out += p if p.startswith("[") or not out else "." + p
    return out or "the file"


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """Unwrap if/then, anyOf and allOf to the errors that say what to fix."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        # the branch that got furthest says most
        best = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "const"))
        if best.validator == "const" or best.validator == "pattern":
            return [error]
        return _leaf_errors(best)
    return [error]


# Fields that become page titles or navigation entries. The book theme prints the page title unescaped in its
# print-only header, and the quiz page heading is raw Markdown, so HTML there would run in the site: refuse it.
_PLAIN_TEXT = {"article": ("title",), "bank": ("title", "description")}
_HTML_TAG = re.compile(r"<\s*[A-Za-z!/?][^>]*>?")


def _plain_text(doc: Document, name: str, report: Report) -> bool:
    ok = True
    for key in _PLAIN_TEXT.get(name, ()):
        value = doc.data.get(key) if isinstance(doc.data, dict) else None
        m = _HTML_TAG.search(value) if isinstance(value, str) else None
        if m:
            ok = False
            report.add(doc.path, *doc.where((key,)), f"{key} contains HTML ('{m.group(0)[:40]}'), which is not "
                       "allowed here", "Write plain text: remove the tag (to show a '<' sign, put a space after it).",
                       code=Code.PLAIN_TEXT)
    return ok


_CODES = {"required": Code.SCHEMA_REQUIRED, "additionalProperties": Code.SCHEMA_UNKNOWN_FIELD,
          "type": Code.SCHEMA_TYPE}


def check(doc: Document, name: str, report: Report) -> bool:
    """Validate doc against schema ``name``; add a diagnostic for every problem. True if valid."""
    ok = _plain_text(doc, name, report)
    if is_valid(doc.data, name):
        return ok
    errors = sorted(_validator(name).iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    seen: set[tuple[Any, ...]] = set()
    for top in errors:
        for e in _leaf_errors(top):
            path = tuple(e.absolute_path)
            msg, hint, at_key = _describe(e, path, name)
            if msg is None:
                continue
            if at_key and isinstance(e.instance, dict):
                extra = sorted(set(e.instance) - set((e.schema.get("properties") or {}).keys()))
                path = (*path, extra[0]) if extra else path
            key = (path, msg)
            if key in seen:
                continue
            seen.add(key)
            ok = False
            line, col = doc.where_key(path) if at_key else doc.where(path)
            report.add(doc.path, line, col, msg, hint, code=_CODES.get(str(e.validator), Code.SCHEMA_VALUE))
    return ok


def _describe(e: ValidationError, path: tuple[Any, ...], name: str) -> tuple[str | None, str, bool]:
    where = _field(path)
    v = e.validator
    if v == "additionalProperties":
        allowed = sorted((e.schema.get("properties") or {}).keys())
        extra = sorted(set(e.instance) - set(allowed)) if isinstance(e.instance, dict) else []
        if not extra:
            return None, "", False
        key = extra[0]
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"Did you mean '{close[0]}'?" if close else f"Allowed keys here: {', '.join(allowed)}."
        return f"unknown key '{key}' in {where}", hint, True
    if v == "required":
        missing = e.message.split("'")[1] if "'" in e.message else e.message
        return (f"missing required field '{missing}' in {where}",
                f"Add a line '{missing}: ...' to {where}; see the instructor pages for the format.", False)
    if v == "type":
        expected = e.validator_value if isinstance(e.validator_value, str) else e.validator_value[0]
        return (f"{where} must be {_TYPE_NAMES.get(expected, expected)}, not {_kind(e.instance)}",
                _type_hint(expected), False)
    if v == "enum":
        options = [str(o) for o in e.validator_value]
        close = difflib.get_close_matches(str(e.instance), options, n=1, cutoff=0.5)
        hint = (f"Did you mean '{close[0]}'? " if close else "") + f"Use one of: {', '.join(options)}."
        return f"{where} is '{e.instance}', which is not allowed", hint, False
    if v == "pattern":
        if path and path[-1] in ("id", "bank", "article"):
            return (f"{where} '{e.instance}' is not a valid id",
                    "Ids use lowercase letters, digits and single hyphens only, e.g. 'serval-2013'.", False)
        if path and path[-1] == "date":
            return (f"{where} '{e.instance}' is not a date", "Write dates as YYYY-MM-DD, e.g. 2021-07-14.", False)
        if path and path[-1] == "url":
            return (f"{where} '{e.instance}' is not an http(s) link",
                    "Give the full address starting with https:// (or http://).", False)
        return f"{where} '{e.instance}' does not have the expected form", f"Expected: {e.validator_value}", False
    if v in ("anyOf", "oneOf") and path and path[-1] == "url":
        return (f"{where} '{e.instance}' is not an http(s) link",
                "Give the full address starting with https:// (or http://), or leave it empty (\"\").", False)
    if v == "minItems":
        return (f"{where} needs at least {e.validator_value} entries, it has {len(e.instance)}",
                "Add the missing entries.", False)
    if v == "maxItems":
        return (f"{where} takes at most {e.validator_value} entries, it has {len(e.instance)}",
                "Remove the extra entries.", False)
    if v == "minLength":
        return f"{where} is empty", "Write the text, or remove the key.", False
    if v in ("minimum", "exclusiveMinimum"):
        return (f"{where} is {e.instance}, but must be "
                f"{'at least' if v == 'minimum' else 'more than'} {e.validator_value}",
                "Use a positive number (a tolerance or a number of points cannot be negative).", False)
    if v == "const":
        return None, "", False
    return f"{where}: {e.message}", "See the instructor pages for the format.", False


def _type_hint(expected: str) -> str:
    return {
        "array": "Write a list: one '- item' per line, or [a, b] on one line.",
        "object": "Write 'key: value' lines indented under this key.",
        "string": "Put the text in quotes if it looks like a number, a date or true/false.",
        "number": "Write a number without quotes, e.g. 2 or 0.5.",
        "integer": "Write a whole number without quotes, e.g. 8.",
        "boolean": "Write true or false, without quotes.",
    }.get(expected, "")
