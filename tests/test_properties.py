"""Property-based tests (hypothesis): the YAML loader and the quote matcher.

* The loader never raises, whatever the text or bytes: it returns a document or diagnostics.
* Generated mappings round-trip through the loader with the right line and column for every key and value.
* A quote taken from an article (any run of whole words) is found at its place, however the article spreads it
  over lines and wraps its words in Markdown emphasis.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Report
from generator.load import load_markdown, load_yaml, parse_yaml
from generator.text import ArticleText

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("prop.yaml")

# ---------------------------------------------------------------------------------------------------------------
# The loader never raises.

PIECES = [*"ab1 :-\n\t\"'[]{},#&*!|>?%@`~\\.", "\r", "\ufeff", "é", "\x00", "  ", "- ", ": ",
          "!!python/object/apply:os.system ", "!!binary ", "!custom ", "&a ", "*a", "<<: ", "---\n", "...\n",
          "%YAML 1.1\n", "? ", "2021-02-30", ".nan", ".inf", "0x1F", "1e400", "~", "yes"]
YAMLISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@SETTINGS
@given(st.one_of(st.text(max_size=200), YAMLISH))
def test_parse_yaml_never_raises(text: str) -> None:
    report = Report()
    doc = parse_yaml(text, PATH, report)
    assert (doc is None) == (not report.ok)
    for d in report.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message and d.hint


@SETTINGS
@given(st.binary(max_size=200))
def test_load_yaml_and_markdown_never_raise_on_bytes(tmp_path_factory: Any, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.yaml"
    path.write_bytes(data)
    report = Report()
    load_yaml(path, report)
    load_markdown(path, report)
    assert all(d.hint for d in report.diagnostics)


# ---------------------------------------------------------------------------------------------------------------
# Round trip with positions.

# JSON strings are YAML double-quoted scalars; BMP only, since YAML does not join JSON's surrogate pairs
TEXT = st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=12)
SCALAR = st.one_of(TEXT, st.integers(-10**9, 10**9), st.booleans(), st.none(),
                   st.integers(-10**6, 10**6).map(lambda i: i / 4))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(TEXT, inner, max_size=4)), max_leaves=20)
DOCS = st.dictionaries(TEXT, VALUE, min_size=1, max_size=5)


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return json.dumps(v)


class Emitter:
    """Block YAML, one key or item per line, recording where each value (and each key) starts."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.values: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.keys: dict[tuple[Any, ...], tuple[int, int]] = {}

    def _inline_or_block(self, prefix: str, v: Any, ptr: tuple[Any, ...], indent: int) -> None:
        if isinstance(v, (dict, list)) and v:
            self.lines.append(prefix)
            self.emit(v, ptr, indent + 2)
        else:
            text = "{}" if v == {} else "[]" if v == [] else _scalar(v)
            self.values[ptr] = (len(self.lines) + 1, len(prefix) + 2)
            self.lines.append(f"{prefix} {text}")

    def emit(self, node: Any, ptr: tuple[Any, ...], indent: int) -> None:
        pad = " " * indent
        self.values[ptr] = (len(self.lines) + 1, indent + 1)  # a block collection starts at its first entry
        if isinstance(node, dict):
            for k, v in node.items():
                self.keys[(*ptr, k)] = (len(self.lines) + 1, indent + 1)
                self._inline_or_block(f"{pad}{json.dumps(k)}:", v, (*ptr, k), indent)
        else:
            for i, v in enumerate(node):
                self._inline_or_block(f"{pad}-", v, (*ptr, i), indent)


def _pointers(node: Any, ptr: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [ptr]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _pointers(v, (*ptr, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _pointers(v, (*ptr, i))
    return out


@SETTINGS
@given(DOCS)
def test_generated_mappings_round_trip_with_positions(data: dict[str, Any]) -> None:
    em = Emitter()
    em.emit(data, (), 0)
    text = "\n".join(em.lines) + "\n"
    report = Report()
    doc = parse_yaml(text, PATH, report)
    assert report.ok, (text, report.as_text())
    assert doc is not None and doc.data == data
    for ptr in _pointers(data):
        if ptr in em.values:
            assert doc.where(ptr) == em.values[ptr], (ptr, text)
    for ptr, pos in em.keys.items():
        assert doc.where_key(ptr) == pos, (ptr, text)


@SETTINGS
@given(DOCS, st.integers(1, 30))
def test_positions_shift_with_the_front_matter_offset(data: dict[str, Any], offset: int) -> None:
    """In an article's front matter, lines count from the top of the file."""
    em = Emitter()
    em.emit(data, (), 0)
    doc = parse_yaml("\n".join(em.lines) + "\n", PATH, Report(), line_offset=offset)
    assert doc is not None
    for ptr, (line, col) in em.keys.items():
        assert doc.where_key(ptr) == (line + offset, col)


# ---------------------------------------------------------------------------------------------------------------
# The quote matcher.

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCZéüß", min_size=1, max_size=7).flatmap(
    lambda w: st.sampled_from(["", ",", ";", "!", "?", ":"]).map(lambda p: w + p))
WRAP = st.sampled_from(["", "", "", "*", "**", "_", "__"])
SPACE = st.sampled_from([" ", " ", " ", "  ", "\n", "\n  ", " \n", "\n\n", "   \n\n", "  \n"])


@st.composite
def article_and_quote(draw: st.DrawFn) -> tuple[list[str], str, int, int]:
    words = draw(st.lists(WORD, min_size=1, max_size=40))
    i = draw(st.integers(0, len(words) - 1))
    j = draw(st.integers(i + 1, len(words)))
    parts = []
    for n, w in enumerate(words):
        m = draw(WRAP)
        parts.append(f"{m}{w}{m}")
        if n < len(words) - 1:
            parts.append(draw(SPACE))
    return words, "".join(parts), i, j


def _norm_start(text: ArticleText, plain_offset: int) -> int:
    return text.norm_index.index(plain_offset)


@SETTINGS
@given(article_and_quote())
def test_a_quote_is_found_at_its_place(case: tuple[list[str], str, int, int]) -> None:
    words, body, i, j = case
    text = ArticleText.from_markdown(body)
    assert text.norm == " ".join(words), body  # markers dropped, white space folded
    quote = " ".join(words[i:j])
    hits = text.find_all(quote)
    want = len(" ".join(words[:i])) + (1 if i else 0)
    assert want in [_norm_start(text, s) for s, _ in hits], (body, quote, hits)
    for s, e in hits:
        assert " ".join(text.plain[s:e].split()) == quote


@SETTINGS
@given(article_and_quote(), st.sampled_from(["\u201c", "\u201d", "\u2018", "\u2019"]))
def test_typographic_quotes_match_straight_ones(case: tuple[list[str], str, int, int], mark: str) -> None:
    words, _, i, j = case
    straight = '"' if mark in "\u201c\u201d" else "'"
    typographic = [*words[:i], mark + words[i], *words[i + 1:]]
    text = ArticleText.from_markdown(" ".join(typographic))
    assert text.find_all(straight + " ".join(words[i:j])), typographic


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=40))
def test_article_text_and_closest_never_raise(body: str, quote: str) -> None:
    text = ArticleText.from_markdown(body)
    near, offset = text.closest(quote)
    assert isinstance(near, str) and 0 <= offset <= max(len(text.plain), 0)
    text.find_all(quote)
    text.line_of(offset)
