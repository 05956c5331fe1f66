"""`medialit suggest <slug>`: propose candidate annotations offline, into a separate suggestions.yaml.

Rule-based and deterministic: the article (as plain text, exactly as quotes are matched) is split into sentences;
each sentence is suggested as

- a **claim** when it has a number, a date, a named organisation or place (capitalised words in a row, not at the
  start of the sentence, or an acronym) or an attribution verb ("said", "according to");
- an **opinion** when it has hedges, boosters, evaluative words or modal verbs (the words found become `cues`);
- a **technique** when it has a loaded word of the lexicon (``generator/data/lexicon.json``), with that word's label.

Suggestions are never merged into annotations.yaml: an instructor reads them, moves the good ones over and
deletes their line ``suggested: true``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .diagnostics import Code
from .errors import MedialitError, Report
from .load import load_markdown, load_yaml
from .stages import SLUG
from .text import ArticleText, normalise
from .write import atomic_write

LEXICON = Path(__file__).resolve().parent / "data" / "lexicon.json"
KINDS = ("claim", "opinion", "technique")

# ---------------------------------------------------------------------------------------------- sentences

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "sen", "rep", "gov",
    "pres", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "no", "nos",
    "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ca",
    "cf", "al", "mt", "ft", "rev", "hon", "dept", "univ", "est", "vol", "p", "pp", "op", "ed", "eds", "a.m", "p.m",
}
_END = re.compile(r"""(?:[.!?]+|…)(?:["'”’»)\]]*)(?=\s)""")
_NEXT_START = re.compile(r"""\s+(?=["'“‘«(\[]*[A-Z0-9À-ÖØ-Þ])""")
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True)
class Sentence:
    start: int  # plain-text offsets of ArticleText, [start, end)
    end: int
    text: str  # the sentence as in the article, white space folded


def _is_abbreviation(block: str, dot: int) -> bool:
    """Is the full stop at block[dot] the end of an abbreviation or an initial rather than of a sentence?"""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", block[:dot])
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: J. Smith
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def split_blocks(plain: str) -> list[tuple[int, int]]:
    """Blocks of the plain text (paragraphs, headings, list items) as (start, end) offsets; a block ending without a
    full stop and followed by one starting in lower case is joined to it (a paragraph break inside a sentence)."""
    blocks: list[list[int]] = []
    pos = 0
    for m in re.finditer(r"\n\n", plain + "\n\n"):
        start, end = pos, m.start()
        pos = m.end()
        if start >= len(plain):
            break
        if not plain[start:end].strip():
            continue
        if blocks:
            prev = plain[blocks[-1][0]:blocks[-1][1]].rstrip()
            if prev and prev[-1] not in ".!?:…" + _CLOSERS and re.match(r"[a-z]+[ ,;]", plain[start:end].lstrip()):
                blocks[-1][1] = end
                continue
        blocks.append([start, end])
    return [(s, e) for s, e in blocks]


def split_sentences(plain: str) -> list[Sentence]:
    """Rule-based sentence splitting: a full stop, question or exclamation mark (with any closing quotes or
    brackets), then white space and a capital letter, a digit or an opening quote; not after abbreviations or
    initials, and never inside an ellipsis in brackets."""
    out: list[Sentence] = []
    for b_start, b_end in split_blocks(plain):
        block = plain[b_start:b_end]
        cuts = [0]
        for m in _END.finditer(block):
            punct = m.group(0).rstrip(_CLOSERS)
            if punct == "." and _is_abbreviation(block, m.start()):
                continue
            if block[max(0, m.start() - 1):m.start()] == "(":  # (...)
                continue
            nxt = _NEXT_START.match(block, m.end())
            if not nxt:
                continue
            cuts.append(m.end())
        cuts.append(len(block))
        for s, e in zip(cuts, cuts[1:]):
            piece = block[s:e]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if not piece or not re.search(r"\w", piece):
                continue
            start = b_start + s + lead
            out.append(Sentence(start, start + len(piece), re.sub(r"\s+", " ", piece)))
    return out


# ---------------------------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class Lexicon:
    attribution: tuple[str, ...]
    time: tuple[str, ...]
    quantity: tuple[str, ...]
    hedges: tuple[str, ...]
    boosters: tuple[str, ...]
    evaluative: tuple[str, ...]
    modal: tuple[str, ...]
    modal_weak: tuple[str, ...]
    loaded: tuple[tuple[str, str], ...]
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, hash=False)

    def pattern(self, name: str) -> re.Pattern[str]:
        if name not in self.patterns:
            words = [w for w, _ in self.loaded] if name == "loaded" else list(getattr(self, name))
            self.patterns[name] = _compile(words)
        return self.patterns[name]


def _term(word: str) -> str:
    stem = word.endswith("*")
    parts = [re.escape(p) for p in word.rstrip("*").split()]
    body = r"\s+".join(parts).replace("'", "['’]")
    return body + (r"[\w-]*" if stem else "")


def _compile(words: list[str]) -> re.Pattern[str]:
    # longest first, so that "terrible future" wins over "terrible"
    alts = sorted({_term(w) for w in words}, key=lambda t: (-len(t), t))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Lexicon(
        attribution=tuple(data["attribution"]), time=tuple(data["time"]), quantity=tuple(data["quantity"]),
        hedges=tuple(data["hedges"]), boosters=tuple(data["boosters"]), evaluative=tuple(data["evaluative"]),
        modal=tuple(data["modal"]), modal_weak=tuple(data["modal_weak"]), loaded=tuple(sorted(data["loaded"].items())),
    )


def _label(lex: Lexicon, found: str) -> str | None:
    """The technique label of a matched loaded word (exact entries before stems, longest stem first)."""
    low = re.sub(r"\s+", " ", found.lower().replace("’", "'"))
    for word, label in lex.loaded:
        if not word.endswith("*") and word == low:
            return label
    for word, label in sorted(lex.loaded, key=lambda wl: -len(wl[0])):
        if word.endswith("*") and low.startswith(word[:-1]):
            return label
    return None


_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.&-]*"
_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:of|de|da|do|du|des|la|le|von|van|al|for|and|the|&)\s+)*{_CAP})+")
_ACRONYM = re.compile(r"(?<![\w-])(?:[A-Z]{2,}\d*|[A-Z]\d+|[A-Z]{2,}s)(?![\w-])")
_NUMBER = re.compile(r"\d")


def claim_reasons(sentence: str, lex: Lexicon) -> list[str]:
    """Why a sentence may be a checkable claim (empty: it shows no sign of one)."""
    reasons = []
    if m := _NUMBER.search(sentence):
        num = re.search(r"[\d][\d,.%]*", sentence[m.start():])
        reasons.append(f"number '{num.group(0).rstrip(',.') if num else m.group(0)}'")
    elif m := lex.pattern("quantity").search(sentence):
        reasons.append(f"quantity '{m.group(0)}'")
    if m := lex.pattern("time").search(sentence):
        reasons.append(f"date '{m.group(0)}'")
    first_word = re.match(r"""\W*\w+""", sentence)
    first_end = first_word.end() if first_word else 0
    for m in _NAME.finditer(sentence):
        start = m.start()
        name = m.group(0)
        if start < first_end:  # drop the sentence's first word, keep the rest if it is still a name
            rest = sentence[first_end:m.end()].strip()
            if not _NAME.fullmatch(rest):
                continue
            name = rest
        reasons.append(f"name '{name.rstrip('.')}'")
        break
    else:
        for m in _ACRONYM.finditer(sentence):
            reasons.append(f"name '{m.group(0)}'")
            break
    if m := lex.pattern("attribution").search(sentence):
        reasons.append(f"attribution '{m.group(0)}'")
    return reasons


def opinion_cues(sentence: str, lex: Lexicon) -> list[tuple[str, str]]:
    """The words that mark a judgement or a prediction, as (word as written, which list), in order.

    A plain future or conditional (will, would) counts only beside another cue: alone it mostly reports a plan or
    an announcement, which can be checked."""
    found: dict[int, tuple[int, str, str]] = {}
    for name in ("hedges", "boosters", "evaluative", "modal", "modal_weak"):
        for m in lex.pattern(name).finditer(sentence):
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, (e, _, _) in found.items()):
                found[m.start()] = (m.end(), m.group(0), name)
    if all(name == "modal_weak" for _, _, name in found.values()):
        return []
    return [(word, "modal" if name == "modal_weak" else name) for _, (_, word, name) in sorted(found.items())]


_CUE_NAMES = {"hedges": "hedge", "boosters": "booster", "evaluative": "evaluative word", "modal": "modal verb"}


def loaded_words(sentence: str, lex: Lexicon) -> list[tuple[str, str]]:
    out = []
    for m in lex.pattern("loaded").finditer(sentence):
        label = _label(lex, m.group(0))
        if label:
            out.append((m.group(0), label))
    return out


# ---------------------------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    kind: str
    sentence: Sentence
    quote: str
    prefix: str | None
    reasons: tuple[str, ...]
    cues: tuple[str, ...] = ()
    technique: str | None = None
    id: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return self.sentence.start, self.sentence.end


def locate(text: ArticleText, quote: str, prefix: str | None = None) -> tuple[int, int] | None:
    """The one place quote stands in the article (as `medialit check` finds it), or None."""
    hits = text.find_all(quote)
    if prefix:
        hits = [h for h in hits if text.preceded_by(h[0], prefix)]
    return hits[0] if len(hits) == 1 else None


def _quote_of(text: ArticleText, s: Sentence) -> tuple[str, str | None] | None:
    """The sentence as a quote, with a prefix when it occurs more than once; None when no prefix can single it out."""
    hits = text.find_all(s.text)
    if len(hits) == 1:
        return s.text, None
    before = normalise(text.plain[:s.start])[0].rstrip()
    words = before.split(" ")
    for n in range(2, min(len(words), 30) + 1):
        prefix = " ".join(words[-n:])
        if locate(text, s.text, prefix) == (s.start, s.end):
            return s.text, prefix
    return None


def suggest(text: ArticleText, existing: list[tuple[str, list[tuple[int, int]]]] | None = None,
            lex: Lexicon | None = None) -> list[Suggestion]:
    """Candidate annotations of the article, in text order within each kind (claims, opinions, techniques).

    existing: (kind, spans) of the annotations already written; a sentence is not suggested again for a kind it
    already overlaps an annotation of, nor at all when an annotation quotes exactly that sentence.
    """
    lex = lex or lexicon()
    existing = existing or []
    whole = {span for _, spans in existing for span in spans}
    out: dict[str, list[Suggestion]] = {k: [] for k in KINDS}
    for s in split_sentences(text.plain):
        if (s.start, s.end) in whole:
            continue
        quoted = _quote_of(text, s)
        if quoted is None:
            continue
        quote, prefix = quoted

        def taken(kind: str, s: Sentence = s) -> bool:
            return any(k == kind and a < s.end and b > s.start for k, spans in existing for a, b in spans)

        reasons = claim_reasons(s.text, lex)
        if reasons and not taken("claim"):
            out["claim"].append(Suggestion("claim", s, quote, prefix, tuple(reasons)))
        cues = opinion_cues(s.text, lex)
        if cues and not taken("opinion"):
            words = tuple(dict.fromkeys(w for w, _ in cues))
            why = tuple(dict.fromkeys(f"{_CUE_NAMES[k]} '{w}'" for w, k in cues))
            out["opinion"].append(Suggestion("opinion", s, quote, prefix, why, cues=words))
        loaded = loaded_words(s.text, lex)
        if loaded and not taken("technique"):
            counts = Counter(label for _, label in loaded)
            best = max(counts.values())
            label = next(lbl for _, lbl in loaded if counts[lbl] == best)
            reasons = tuple(f"'{w}' ({lbl})" for w, lbl in loaded)
            out["technique"].append(Suggestion("technique", s, quote, prefix, reasons, technique=label))
    return [x for k in KINDS for x in out[k]]


def _slug_words(text: str, n: int = 4) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:n])


def with_ids(suggestions: list[Suggestion], taken: set[str]) -> list[Suggestion]:
    out = []
    used = set(taken)
    for sug in suggestions:
        base = f"{sug.kind}-{_slug_words(sug.quote)}".rstrip("-")
        sid, n = base, 2
        while sid in used:
            sid, n = f"{base}-{n}", n + 1
        used.add(sid)
        out.append(Suggestion(sug.kind, sug.sentence, sug.quote, sug.prefix, sug.reasons, sug.cues, sug.technique,
                              sid))
    return out


# ---------------------------------------------------------------------------------------------- the file


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


_HEADINGS = {
    "claim": "claims: sentences with a number, a date, a name or an attribution (checkable statements?)",
    "opinion": "opinions: sentences with hedges, boosters, evaluative words or modal verbs (the cues)",
    "technique": "techniques: sentences with a loaded word of the lexicon (the label is a first guess)",
}


def suggestions_yaml(slug: str, suggestions: list[Suggestion], sentences: int) -> str:
    counts = Counter(s.kind for s in suggestions)
    lines = [
        f"# Suggested annotations for articles/{slug}/, made by `medialit suggest {slug}` from word lists (offline).",
        "# These are candidates, not annotations: nothing here is checked, built or merged, and running",
        "# `medialit suggest` again rewrites this file (sentences already annotated are left out).",
        "#",
        "# To accept a suggestion: move it (cut and paste the whole entry) under `annotations:` in",
        "# annotations.yaml, delete its line `suggested: true`, and rewrite its note: why it matters.",
        "#   - claim: check it first, then add `verdict:` and `sources:` (medialit check asks for them);",
        "#   - opinion: keep only the cues that really mark it as opinion (each must be words of the quote);",
        "#   - technique: check the label against the list in For instructors -> Source formats.",
        "# You may shorten the quote to the words that matter: it must stay an exact quote of the article.",
        "# Then run `medialit check`.",
        "#",
        f"# {sentences} sentences read: {counts['claim']} claims, {counts['opinion']} opinions and "
        f"{counts['technique']} techniques suggested.",
        "",
        "suggestions:",
    ]
    if not suggestions:
        lines[-1] = "suggestions: []"
    kind = ""
    for s in suggestions:
        if s.kind != kind:
            kind = s.kind
            lines += ["", f"  # ---- {_HEADINGS[kind]}"]
        why = "; ".join(s.reasons)
        if s.kind == "technique":
            why = "loaded " + ("words " if len(s.reasons) > 1 else "word ") + ", ".join(s.reasons)
        lines += [f"  - id: {s.id}", f"    kind: {s.kind}", "    suggested: true", f"    quote: {_q(s.quote)}"]
        if s.prefix:
            lines.append(f"    prefix: {_q(s.prefix)}")
        lines.append(f"    note: {_q(f'TODO: why this matters. (Suggested for: {why}.)')}")
        if s.kind == "opinion":
            lines.append(f"    cues: [{', '.join(_q(c) for c in s.cues)}]")
        if s.kind == "technique":
            lines.append(f"    technique: {s.technique}")
    return "\n".join(lines) + "\n"


def _existing(doc_data: Any, text: ArticleText) -> tuple[list[tuple[str, list[tuple[int, int]]]], set[str]]:
    existing: list[tuple[str, list[tuple[int, int]]]] = []
    ids: set[str] = set()
    items = doc_data.get("annotations") if isinstance(doc_data, dict) else None
    for a in items if isinstance(items, list) else []:
        if not isinstance(a, dict):
            continue
        if isinstance(a.get("id"), str):
            ids.add(a["id"])
        quotes = [a["quote"]] if isinstance(a.get("quote"), str) else \
            [q for q in a.get("quotes") or [] if isinstance(q, str)]
        prefix = a.get("prefix") if isinstance(a.get("prefix"), str) else None
        spans = [span for q in quotes if (span := locate(text, q, prefix)) is not None]
        existing.append((str(a.get("kind")), spans))
    return existing, ids


def cmd_suggest(root: Path, slug: str) -> int:
    report = Report(base=root)
    folder = root / "articles" / slug
    if not SLUG.match(slug) or not folder.is_dir():
        found = sorted(p.name for p in (root / "articles").glob("*") if p.is_dir()) \
            if (root / "articles").is_dir() else []
        report.add(folder, 1, 1, f"there is no article '{slug}'",
                   f"Articles found: {', '.join(found) or 'none'}. Start one with: medialit new <slug> --from FILE",
                   code=Code.COURSE_LAYOUT)
        raise MedialitError(report)
    md = load_markdown(folder / "article.md", report) if (folder / "article.md").is_file() else None
    if md is None:
        if report.ok:
            report.add(folder / "article.md", 1, 1, "the article folder has no article.md",
                       "Create it with: medialit new <slug> --from FILE", code=Code.COURSE_LAYOUT)
        raise MedialitError(report)
    text = ArticleText.from_markdown(md.body)
    existing: list[tuple[str, list[tuple[int, int]]]] = []
    ids: set[str] = set()
    ann_path = folder / "annotations.yaml"
    if ann_path.is_file():
        doc = load_yaml(ann_path, report)
        if doc is None:
            raise MedialitError(report)
        existing, ids = _existing(doc.data, text)
    sentences = split_sentences(text.plain)
    suggestions = with_ids(suggest(text, existing), ids)
    out = folder / "suggestions.yaml"
    atomic_write(out, suggestions_yaml(slug, suggestions, len(sentences)).encode("utf-8"))
    counts = Counter(s.kind for s in suggestions)
    print(f"medialit: {counts['claim']} claims, {counts['opinion']} opinions and {counts['technique']} techniques "
          f"suggested in articles/{slug}/suggestions.yaml ({len(sentences)} sentences read).")
    print("To accept one, move it into annotations.yaml and delete its line `suggested: true` "
          "(the file explains the rest).")
    return 0
