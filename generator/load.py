"""Load step: read YAML safely, keeping the file, line and column of every value.

Instructor files are small and hand-written, so the loader is strict: it refuses
anchors and aliases (no "billion laughs"), every tag that is not plain YAML
(no ``!!python/object``), duplicate keys, non-UTF-8 bytes and oversized files,
and reports each as a diagnostic instead of raising.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Code
from .errors import Report

MAX_BYTES = 2 * 1024 * 1024
Pointer = tuple[Any, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}
_STR = "tag:yaml.org,2002:str"


@dataclass
class Document:
    """Data as plain JSON-like values, plus where each value and key stands in its file."""

    path: Path
    data: Any
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def where(self, pointer: Pointer) -> tuple[int, int]:
        """Line and column (1-based) of the value at pointer, or of its nearest parent."""
        p = tuple(pointer)
        while p not in self.positions and p:
            p = p[:-1]
        line, col = self.positions.get(p, (0, 0))
        return line + 1 + self.line_offset, col + 1

    def where_key(self, pointer: Pointer) -> tuple[int, int]:
        if tuple(pointer) in self.key_positions:
            line, col = self.key_positions[tuple(pointer)]
            return line + 1 + self.line_offset, col + 1
        return self.where(pointer)


class _Loader(yaml.SafeLoader):
    """SafeLoader that only composes; construction is ours. Its messages are the ones errors are reported with."""


# libyaml's composer, when PyYAML has it, is about ten times faster and gives the same nodes with the same marks.
# Files it refuses are parsed again with _Loader, so every syntax error reads the same wherever it is reported.
_FastLoader: type = getattr(yaml, "CSafeLoader", _Loader)
_CONSTRUCT = yaml.constructor.SafeConstructor()


def _compose(text: str) -> Node | None:
    if _FastLoader is not _Loader:
        fast = _FastLoader(text)
        try:
            return fast.get_single_node()
        except yaml.YAMLError:
            pass  # parsed again below, for the message
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            value = _CONSTRUCT.construct_yaml_timestamp(node)
        except (ValueError, TypeError):
            return node.value
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else node.value
    if tag == "tag:yaml.org,2002:float":
        return _CONSTRUCT.construct_yaml_float(node)
    if tag == "tag:yaml.org,2002:int":
        return _CONSTRUCT.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:bool":
        return _CONSTRUCT.construct_yaml_bool(node)
    if tag == "tag:yaml.org,2002:null":
        return None
    return node.value


def _yaml_problem(exc: yaml.YAMLError) -> tuple[int, int, str, str]:
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "end of stream" in problem and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # where the unclosed quote or bracket was opened
    line, col = (mark.line, mark.column) if mark else (0, 0)
    hint = "Check the indentation and the quoting on this line and the one before it."
    if "\t" in problem or "'\\t'" in problem:
        problem = "a tab character is used for indentation"
        hint = "YAML indents with spaces only: replace the tab with spaces."
    elif "mapping values are not allowed" in problem:
        hint = ("A colon followed by a space starts a new key. Put text that contains ': ' in quotes, "
                'e.g. prompt: "Note: this".')
    elif "expected <block end>, but found '<scalar>'" in problem:
        hint = ("Text goes on after a closing quote. If the text itself contains a quote, wrap it in the other kind "
                "(prompt: 'He said \"no\"'), or double a single quote inside single quotes ('it''s'); "
                "also check for a quote left open on an earlier line.")
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        hint = "The indentation of this line does not match its siblings: line up items at the same column."
    elif ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem) and exc.context_mark is not None:
        closer = "]" if "']'" in problem else "}"
        mark = exc.context_mark  # the opening bracket: that is where the closing one is missing
        line, col = mark.line, mark.column
        hint = (f"The {'list' if closer == ']' else 'mapping'} opened here with '{'[' if closer == ']' else '{'}' "
                f"is not closed: add '{closer}' at its end, or put text that contains commas or brackets in quotes.")
    elif "found unexpected end of stream" in problem or "found unexpected end" in problem:
        hint = "A quote or bracket was opened and never closed."
    elif "could not find expected ':'" in problem:
        hint = "A key is missing its colon, or a multi-line text is not quoted."
    return line, col, f"YAML syntax error: {problem}", hint


class _Builder:
    """Plain values from a composed YAML tree, recording where each value and key stands and reporting what the
    format refuses (a class, not a nested function: a recursive closure is a reference cycle that would keep the
    whole document alive until Python's cycle collector runs)."""

    def __init__(self, doc: Document, report: Report) -> None:
        self.doc = doc
        self.positions = doc.positions
        self.report = report
        self.seen_anchor = False
        self.visited: set[int] = set()

    def at(self, node_or_mark: Any) -> tuple[int, int]:
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        return mark.line + 1 + self.doc.line_offset, mark.column + 1

    def build(self, node: Node, pointer: Pointer, depth: int) -> Any:
        if depth > 50:
            raise RecursionError
        mark = node.start_mark
        self.positions[pointer] = (mark.line, mark.column)
        if id(node) in self.visited:  # the composer gives an alias as the anchored node itself
            if not self.seen_anchor:
                self.seen_anchor = True
                self.report.add(self.doc.path, *self.at(node), "YAML anchors and aliases (&name, *name) are not "
                                "supported", "Write the value out in full; this also protects against 'billion "
                                "laughs' files.", code=Code.YAML_UNSAFE)
            return None
        self.visited.add(id(node))
        tag = node.tag
        if tag == _STR and type(node) is ScalarNode:  # most values: plain text
            return node.value
        path, report, at = self.doc.path, self.report, self.at
        if tag not in _SAFE_TAGS:
            report.add(path, *at(node), f"the YAML tag {tag!r} is not allowed",
                       "Remove the tag: instructor files hold only plain text, numbers, lists and mappings.",
                       code=Code.YAML_UNSAFE)
            return None
        if isinstance(node, ScalarNode):
            value = _scalar(node)
            if isinstance(value, float) and not math.isfinite(value):
                report.add(path, *at(node), f"'{node.value}' is not a number a quiz can use",
                           "Write an ordinary number such as 2 or 0.5 (.nan and .inf are not allowed).",
                           code=Code.YAML_VALUE)
                return None
            return value
        if isinstance(node, SequenceNode):
            return [self.build(child, (*pointer, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        out: dict[str, Any] = {}
        key_positions = self.doc.key_positions
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag == "tag:yaml.org,2002:merge":
                report.add(path, *at(key_node), "a key must be plain text",
                           "Use simple words as keys, e.g. 'prompt:'; '<<' merge keys are not supported.",
                           code=Code.YAML_VALUE)
                continue
            key = key_node.value if key_node.tag == _STR else str(_scalar(key_node))
            where = (*pointer, key)
            if key in out:
                first = key_positions[where][0] + 1 + self.doc.line_offset
                report.add(path, *at(key_node), f"duplicate key {key!r} (first given on line {first})",
                           "YAML keeps only one of them: remove or rename one.", code=Code.YAML_DUPLICATE_KEY)
                continue
            mark = key_node.start_mark
            key_positions[where] = (mark.line, mark.column)
            out[key] = self.build(value_node, where, depth + 1)
        return out


def parse_yaml(text: str, path: Path, report: Report, line_offset: int = 0) -> Document | None:
    """Parse one YAML document; on any problem add diagnostics and return None."""
    doc = Document(path=path, data=None, line_offset=line_offset)
    errors_before = len(report.diagnostics)
    try:
        root = _compose(text)
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        if "found undefined alias" in str(exc.problem) or "anchor" in str(exc.problem):
            report.add(path, line, col, f"YAML anchor or alias problem: {exc.problem}",
                       "Anchors (&name) and aliases (*name) are not supported: write the value out in full.",
                       code=Code.YAML_UNSAFE)
        else:
            report.add(path, line, col, f"YAML structure error: {exc.problem}",
                       "A question bank or annotation file holds exactly one YAML document: remove the '---' "
                       "separators.", code=Code.YAML_SYNTAX)
        return None
    except yaml.YAMLError as exc:
        line, col, msg, hint = _yaml_problem(exc)
        report.add(path, line + 1 + line_offset, col + 1, msg, hint, code=Code.YAML_SYNTAX)
        return None
    except RecursionError:
        report.add(path, 1, 1, "the YAML is nested too deeply to read",
                   "Instructor files need only a few levels of nesting: check for runaway brackets.",
                   code=Code.YAML_SYNTAX)
        return None
    if root is None:
        report.add(path, 1 + line_offset, 1, "the file is empty", "Write the fields the format asks for; "
                   "see the instructor pages of the book.", code=Code.FILE_EMPTY)
        return None

    try:
        doc.data = _Builder(doc, report).build(root, (), 0)
    except RecursionError:
        report.add(path, 1, 1, "the YAML is nested too deeply to read",
                   "Instructor files need only a few levels of nesting: check for runaway brackets.",
                   code=Code.YAML_SYNTAX)
        return None
    if len(report.diagnostics) > errors_before:
        return None
    return doc


def read_text(path: Path, report: Report) -> str | None:
    """Read a UTF-8 file (a UTF-8 byte-order mark is accepted and dropped)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        report.add(path, 1, 1, f"cannot read the file: {exc.strerror}", "Check that the file exists and is readable.",
                   code=Code.FILE_UNREADABLE)
        return None
    if size > MAX_BYTES:
        report.add(path, 1, 1, f"the file is {size / 1e6:.1f} MB, larger than the {MAX_BYTES // (1024 * 1024)} MB "
                   "limit", "Split the bank into several files, one per topic.", code=Code.FILE_TOO_LARGE)
        return None
    if not path.is_file():  # a folder, a pipe or a device named like a source file
        report.add(path, 1, 1, "this is not a regular file", "Source files must be plain text files: rename or "
                   "remove this entry.", code=Code.FILE_UNREADABLE)
        return None
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        report.add(path, 1, 1, f"cannot read the file: {exc.strerror}", "Check that the file exists and is readable.",
                   code=Code.FILE_UNREADABLE)
        return None
    if len(raw) > MAX_BYTES:
        report.add(path, 1, 1, f"the file is larger than the {MAX_BYTES // (1024 * 1024)} MB limit",
                   "Split the bank into several files, one per topic.", code=Code.FILE_TOO_LARGE)
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.add(path, 1, 1, "the file is UTF-16, not UTF-8", "Save the file as UTF-8 in your editor.",
                   code=Code.NOT_UTF8)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(path, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                   "Save the file as UTF-8 in your editor (often a text pasted from a word processor).",
                   code=Code.NOT_UTF8)
        return None
    if "\x00" in text:
        report.add(path, 1, 1, "the file contains NUL bytes", "This is not a text file: check the file name.",
                   code=Code.NOT_UTF8)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(path: Path, report: Report) -> Document | None:
    text = read_text(path, report)
    if text is None:
        return None
    if not text.strip():
        report.add(path, 1, 1, "the file is empty", "Write the fields the format asks for; see the instructor "
                   "pages of the book.", code=Code.FILE_EMPTY)
        return None
    return parse_yaml(text, path, report)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass
class MarkdownFile:
    path: Path
    front: Document | None
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def load_markdown(path: Path, report: Report) -> MarkdownFile | None:
    """Split an article into front matter (YAML, located) and body."""
    text = read_text(path, report)
    if text is None:
        return None
    m = _FRONT.match(text)
    if not m:
        report.add(path, 1, 1, "the article has no YAML front matter",
                   "Start the file with a line '---', the fields title, author, publisher, date, url and license, "
                   "then another '---' line before the body.", code=Code.FRONT_MATTER)
        return None
    front_text = m.group(1) or ""
    front = parse_yaml(front_text, path, report, line_offset=1) if front_text.strip() else None
    if front is None and front_text.strip() == "":
        report.add(path, 2, 1, "the front matter is empty",
                   "Give at least title, author, publisher, date, url and license.", code=Code.FRONT_MATTER)
    body_line = text[: m.end()].count("\n") + 1
    return MarkdownFile(path=path, front=front, body=text[m.end():], body_line=body_line)
