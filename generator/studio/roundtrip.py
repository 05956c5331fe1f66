"""Round-trip YAML for the studio: edits keep the file's comments, key order, quoting and layout.

ruamel.yaml keeps what PyYAML drops (comments, the quoting of each scalar, flow or block style). The studio reads a
file into ruamel's nodes, sends plain JSON to the browser, and merges the browser's JSON back into those nodes: a
value that did not change keeps its node (and so its comments and style), a changed value takes the old one's
quoting, and new entries are written in the style of the file (double-quoted text, plain dates and ids).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

# keys whose values are written plain: identifiers, enums and numbers read better without quotes
_PLAIN_KEYS = {"id", "kind", "verdict", "technique", "type", "bank", "article", "language", "unit"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _yaml(text: str) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line: quotes are easier to compare with the article on one line
    mapping, sequence, offset = _indents(text)
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _indents(text: str) -> tuple[int, int, int]:
    """The file's own indentation of mappings and of list items under a key (default: 2, 4, 2)."""
    lines = text.split("\n")
    mapping = 2
    for prev, line in zip(lines, lines[1:]):
        m_prev = re.match(r"^( *)[\w-]+:\s*(#.*)?$", prev)
        if not m_prev:
            continue
        m_item = re.match(r"^( *)- ", line)
        if m_item:
            offset = len(m_item.group(1)) - len(m_prev.group(1))
            if offset >= 0:
                return mapping, offset + 2, offset
        m_key = re.match(r"^( *)[\w-]+:", line)
        if m_key and len(m_key.group(1)) > len(m_prev.group(1)):
            mapping = len(m_key.group(1)) - len(m_prev.group(1))
    return mapping, 4, 2


def load(text: str) -> Any:
    return _yaml(text).load(text)


def dump(data: Any, like: str) -> str:
    out = io.StringIO()
    _yaml(like).dump(data, out)
    return out.getvalue()


def to_json(value: Any) -> Any:
    """Plain JSON values of ruamel's nodes (dates as YYYY-MM-DD)."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def _new(value: Any, key: str | None = None, flow: bool = False) -> Any:
    """A JSON value as a new ruamel node, in the house style."""
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _new(v, k)
        if flow or key in ("sources",):
            m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        seq = CommentedSeq(_new(v, key, flow=key in ("sources", "timeline", "options", "pairs")) for v in value)
        if value and all(isinstance(v, str) for v in value) and key in ("cues", "quotes", "tags", "categories"):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if key == "date" and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return DoubleQuotedScalarString(value)
        if key in _PLAIN_KEYS and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            return value
        return DoubleQuotedScalarString(value)
    return value


def _same(old: Any, new: Any) -> bool:
    return to_json(old) == new and type(to_json(old)) is type(new)


def merge(old: Any, new: Any, key: str | None = None) -> Any:
    """new (plain JSON) merged into old (ruamel nodes); unchanged nodes are kept as they are."""
    if _same(old, new):
        return old
    if isinstance(new, dict) and isinstance(old, CommentedMap):
        for k in [k for k in old if k not in new]:
            del old[k]
        for k, v in new.items():
            old[k] = merge(old[k], v, k) if k in old else _new(v, k, flow=bool(old.fa.flow_style()))
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        _merge_list(old, new, key)
        return old
    if isinstance(new, str) and isinstance(old, str):
        if isinstance(old, DoubleQuotedScalarString):
            return DoubleQuotedScalarString(new)
        if isinstance(old, SingleQuotedScalarString):
            return SingleQuotedScalarString(new)
        if key in _PLAIN_KEYS and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", new):
            return new
    return _new(new, key)


def _ids(items: list[Any]) -> list[Any] | None:
    if all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in items):
        return [x["id"] for x in items]
    return None


def _merge_list(old: CommentedSeq, new: list[Any], key: str | None) -> None:
    flow = any(isinstance(x, CommentedMap) and x.fa.flow_style() for x in old)
    old_ids, new_ids = _ids(list(old)), _ids(new)
    if old_ids is not None and new_ids is not None and old:
        # entries with ids (annotations, questions): matched by id, so an edit or a deletion leaves the others'
        # comments in place; deletions are made in place (ruamel moves the comments of the items after them)
        keep = [i for i in old_ids if i in set(new_ids)]
        for idx in range(len(old) - 1, -1, -1):
            if old_ids[idx] not in set(new_ids):
                del old[idx]
        if keep == [i for i in new_ids if i in set(old_ids)]:  # same order: merge in place, append the new ones
            by_id = {x["id"]: x for x in old}
            for pos, item in enumerate(old):
                old[pos] = merge(item, next(n for n in new if n["id"] == item["id"]), key)
            for n in new:
                if n["id"] not in by_id:
                    old.append(_new(n, key, flow=flow))
            return
        by_id = {x["id"]: x for x in old}
        items = [merge(by_id[n["id"]], n, key) if n["id"] in by_id else _new(n, key, flow=flow) for n in new]
        del old[:]
        old.extend(items)
        return
    while len(old) > len(new):
        del old[len(old) - 1]
    for i, v in enumerate(new):
        if i < len(old):
            old[i] = merge(old[i], v, key)
        else:
            old.append(_new(v, key, flow=flow))
