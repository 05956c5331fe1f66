"""The "Annotate it yourself" exercise: the article's words, the instructor's key, and the matching rule.

The student marks passages of the bare article (runs of whole words) and labels each with a kind; a
contradiction links two or more passages. Checking compares the marks with the annotations. The rule (the
runtime's twin is ``grade`` in ``static/quiz-annotate.js``; both are tested on the same cases):

- a student passage **matches** an instructor passage when their shared words are at least half of the
  instructor's passage *and* at least half of the student's passage (so marking a whole paragraph does not
  find the claim inside it, and marking half a quote does);
- a mark matches an annotation of the **same kind**: one passage each, matching; for a contradiction, at least
  two of the annotation's passages each matched by a different passage of the mark (in any order);
- each mark finds at most one annotation and each annotation is found by at most one mark: the pairs are taken
  greedily, the largest number of shared words first, ties in the order of the annotations, then of the marks.

Per kind: found, missed (annotations not found) and extra (marks that found nothing); recall = found / (found +
missed), precision = found / (found + extra). The overall score is the F1 of all kinds together:
2·found / (2·found + missed + extra).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from .model import Article
from .text import ArticleText

KINDS = ("claim", "opinion", "contradiction", "technique", "source")
DEFAULT_PASS = 0.6
_WORD = re.compile(r"\S+")


def words(text: ArticleText) -> list[tuple[int, int]]:
    """The article's words as plain-text offsets [start, end), in order."""
    return [m.span() for m in _WORD.finditer(text.plain)]


def word_range(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """The words a stretch of plain text [start, end) touches, as [first, last + 1) (spans in order, apart)."""
    first = bisect.bisect_right(spans, start, key=lambda w: w[1])  # the first word ending after start
    last = bisect.bisect_left(spans, end, key=lambda w: w[0])  # after the last word starting before end
    return [first, last]


def kinds_asked(article: Article) -> list[str]:
    present = {a.kind for a in article.annotations}
    return [k for k in KINDS if k in (article.annotate_kinds or present)]


def key(article: Article) -> list[dict[str, Any]]:
    """The instructor's passages of the kinds asked, in the article's order: id, kind, technique, passages."""
    text = article.text or ArticleText.from_markdown(article.body)
    spans = words(text)
    asked = kinds_asked(article)
    out = [{"id": a.id, "kind": a.kind, "technique": a.technique or "",
            "passages": [word_range(spans, s.start, s.end) for s in a.spans]}
           for a in article.annotations if a.kind in asked]
    return sorted(out, key=lambda a: (a["passages"][0], a["id"]))


def overlap(p: list[int], q: list[int]) -> int:
    return max(0, min(p[1], q[1]) - max(p[0], q[0]))


def passage_match(student: list[int], instructor: list[int]) -> int:
    """The shared words of two passages when they match (see the module's rule), else 0."""
    n = overlap(student, instructor)
    ok = n > 0 and 2 * n >= instructor[1] - instructor[0] and 2 * n >= student[1] - student[0]
    return n if ok else 0


def mark_match(mark: dict[str, Any], ann: dict[str, Any]) -> int:
    """The shared words of a mark and an annotation when the mark finds it, else 0."""
    if mark.get("kind") != ann["kind"]:
        return 0
    mine = [p for p in mark.get("passages") or [] if _is_passage(p)]
    if ann["kind"] != "contradiction":
        return passage_match(mine[0], ann["passages"][0]) if len(mine) == 1 else 0
    used: set[int] = set()
    total = matched = 0
    for theirs in ann["passages"]:
        for j, p in enumerate(mine):
            n = passage_match(p, theirs) if j not in used else 0
            if n:
                used.add(j)
                total += n
                matched += 1
                break
    return total if matched >= 2 else 0


def _is_passage(p: Any) -> bool:
    return (isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in p)
            and 0 <= p[0] < p[1])


def grade(key_: list[dict[str, Any]], kinds: list[str], marks: Any, pass_: float) -> dict[str, Any]:
    """Which annotation each mark found; per kind found, missed, extra, recall and precision; the overall score."""
    marks = [m for m in marks if isinstance(m, dict)] if isinstance(marks, list) else []
    pairs = sorted(((-n, i, j) for i, a in enumerate(key_) for j, m in enumerate(marks)
                    for n in [mark_match(m, a)] if n), key=lambda t: t)
    found_by: dict[int, int] = {}  # annotation index -> mark index
    taken: set[int] = set()
    for _, i, j in pairs:
        if i not in found_by and j not in taken:
            found_by[i] = j
            taken.add(j)
    per_kind = {}
    for k in kinds:
        found = sum(1 for i in found_by if key_[i]["kind"] == k)
        total = sum(1 for a in key_ if a["kind"] == k)
        extra = sum(1 for j, m in enumerate(marks) if m.get("kind") == k and j not in taken)
        per_kind[k] = {"found": found, "missed": total - found, "extra": extra,
                       "recall": _ratio(found, total), "precision": _ratio(found, found + extra)}
    f = sum(v["found"] for v in per_kind.values())
    wrong = sum(v["missed"] + v["extra"] for v in per_kind.values())
    score = _ratio(2 * f, 2 * f + wrong)
    return {"kinds": per_kind, "found": {key_[i]["id"]: j for i, j in sorted(found_by.items())},
            "extra": [j for j in range(len(marks)) if j not in taken], "score": score,
            "passed": score >= pass_}


def _ratio(a: int, b: int) -> float:
    """a / b to 4 places, half up, in whole numbers (0 when b is 0): the same in the runtime."""
    return (a * 20000 + b) // (2 * b) / 10000 if b else 0.0
