"""The article as plain text, and exact quote matching against it.

A quote is matched against the body as plain text: Markdown markers are ignored,
runs of white space fold to one space, and typographic and straight quotes are alike.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'"})


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The article's Markdown parser (one for the process: parsing keeps no state in it)."""
    return MarkdownIt("commonmark", {"html": False})


_SPACE_RUN = re.compile(r"\s+")  # \s is str.isspace in Unicode patterns
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*(?=\s)")  # a full stop (with its closing quote) before a space


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold white space and quotes; return the text and, for each of its characters, its index in ``text``.

    Leading and trailing white space is dropped; a run inside the text becomes one space at the run's start."""
    folded = text.translate(_QUOTES)  # one character for one: indices are kept
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(folded):
        start, end = m.span()
        if start > pos:
            out.append(folded[pos:start])
            index.extend(range(pos, start))
        if index and end < len(folded):
            out.append(" ")
            index.append(start)
        pos = end
    if pos < len(folded):
        out.append(folded[pos:])
        index.extend(range(pos, len(folded)))
    return "".join(out), index


@lru_cache(maxsize=65536)
def normalise_quote(text: str) -> str:
    return normalise(text)[0]


@dataclass
class ArticleText:
    """Plain text of a Markdown body, with the offsets needed to highlight and to point at lines."""

    body: str
    tokens: list[Token]
    plain: str
    inline_start: dict[int, int]  # id(children list) -> plain offset of its first character
    line_marks: list[tuple[int, int]]  # (plain offset, 0-based body line), increasing
    norm: str = ""
    norm_index: list[int] = field(default_factory=list)

    @classmethod
    def from_markdown(cls, body: str) -> ArticleText:
        tokens = parser().parse(body)
        parts: list[str] = []
        pos = 0
        inline_start: dict[int, int] = {}
        line_marks: list[tuple[int, int]] = []
        for tok in tokens:
            if tok.type != "inline" or tok.children is None:
                continue
            if parts:
                parts.append("\n\n")
                pos += 2
            line = tok.map[0] if tok.map else 0
            inline_start[id(tok.children)] = pos
            line_marks.append((pos, line))
            for child in tok.children:
                text = child_text(child)
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                    line_marks.append((pos + len(text), line))
                parts.append(text)
                pos += len(text)
        plain = "".join(parts)
        norm, norm_index = normalise(plain)
        return cls(body, tokens, plain, inline_start, line_marks, norm, norm_index)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Pickled as its body (for worker processes): its inline offsets are keyed by object identity, so it is
        parsed again on the other side."""
        return (ArticleText.from_markdown, (self.body,))

    def line_of(self, offset: int) -> int:
        """0-based body line of a plain-text offset."""
        i = bisect.bisect_right(self.line_marks, (offset, float("inf"))) - 1
        return self.line_marks[max(i, 0)][1] if self.line_marks else 0

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """Plain offsets of the sentence that holds [start, end): from the end of the sentence or line before to the
        end of the sentence or line after (a line of its own, such as a tag or a byline, is a sentence here)."""
        before = max(self.plain.rfind("\n", 0, start) + 1,
                     max((m.end() for m in _SENTENCE_END.finditer(self.plain, 0, start)), default=0))
        nl = self.plain.find("\n", end)
        stop = _SENTENCE_END.search(self.plain, end)
        after = min(nl if nl != -1 else len(self.plain), stop.end() if stop else len(self.plain))
        return before, max(after, end)

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of quote as (start, end) plain offsets."""
        q = normalise_quote(quote)
        if not q:
            return []
        hits = []
        start = self.norm.find(q)
        while start != -1:
            end = start + len(q) - 1
            hits.append((self.norm_index[start], self.norm_index[end] + 1))
            start = self.norm.find(q, start + 1)
        return hits

    def preceded_by(self, start: int, prefix: str) -> bool:
        # the folded text before plain offset start is the folded text up to the first character at or after it
        before = self.norm[:bisect.bisect_left(self.norm_index, start)].rstrip()
        p = normalise_quote(prefix).rstrip()
        return bool(p) and before.endswith(p)

    def closest(self, quote: str) -> tuple[str, int]:
        """The stretch of the article most like quote, and its plain offset."""
        q = normalise_quote(quote)
        words = [m.start() for m in re.finditer(r"\S+", self.norm)]
        if not words:
            return "", 0
        n = max(1, len(q.split()))
        best = (-1.0, 0, 0)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(q)
        for i, s in enumerate(words):
            e_idx = min(i + n, len(words)) - 1
            end = self.norm.find(" ", words[e_idx])
            end = len(self.norm) if end == -1 else end
            matcher.set_seq1(self.norm[s:end])
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            r = matcher.ratio()
            if r > best[0]:
                best = (r, s, end)
        _, s, e = best
        return self.norm[s:e], self.norm_index[s]


def child_text(child: Token) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type in ("softbreak", "hardbreak"):
        return "\n"
    if child.type == "image":
        return "".join(child_text(c) for c in (child.children or []))
    return ""
