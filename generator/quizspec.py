"""Transform a question bank into the spec the quiz runtime reads (see the developer pages).

Also holds the seeded PRNG that Python and the browser share bit for bit.
"""

from __future__ import annotations

import base64
import json
import re
import struct
import zlib
from typing import Any

from .model import Bank, Question
from .render.markdown import esc, markdown_html, markdown_inline
from .text import normalise_quote

MASK = 0xFFFFFFFF


def fnv1a(text: str) -> int:
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & MASK
    return h


def mulberry32(seed: int):  # type: ignore[no-untyped-def]
    state = seed & MASK

    def nxt() -> int:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK)) & MASK
        return (t ^ (t >> 14)) & MASK

    return nxt


def shuffled(items: list[Any], rng) -> list[Any]:  # type: ignore[no-untyped-def]
    a = list(items)
    for i in range(len(a) - 1, 0, -1):
        j = rng() % (i + 1)
        a[i], a[j] = a[j], a[i]
    return a


def drawn_ids(spec: dict[str, Any], seed: str) -> list[str]:
    """The ids of the questions a student with this seed sees, in spec order."""
    ids = [q["id"] for q in spec["questions"]]
    draw = spec.get("draw")
    if not draw or draw >= len(ids):
        return ids
    picked = set(shuffled(ids, mulberry32(fnv1a(f"{seed}:{spec['id']}:draw")))[:draw])
    return [i for i in ids if i in picked]


def option_order(spec: dict[str, Any], question: dict[str, Any], seed: str) -> list[str]:
    """Option ids of a choice question in the order a student with this seed sees them."""
    opts = question["options"]
    if not spec.get("shuffle"):
        return [o["id"] for o in opts]
    free = [i for i, o in enumerate(opts) if not o.get("pinned")]
    order = shuffled(free, mulberry32(fnv1a(f"{seed}:{spec['id']}:{question['id']}")))
    out = [o["id"] for o in opts]
    for pos, src in zip(free, order):
        out[pos] = opts[src]["id"]
    return out


def _compact(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def keystream_xor(data: bytes, salt: str, qid: str) -> bytes:
    """XOR data with the keystream of (salt, qid): byte i takes byte i % 4 of the (i // 4)-th word, most significant
    first (so the runtime XORs the big-endian words of base85 as it decodes them)."""
    rng = mulberry32(fnv1a(f"{salt}:{qid}"))
    words = [rng() for _ in range((len(data) + 3) // 4)]
    stream = struct.pack(f">{len(words)}I", *words)[:len(data)]
    n = int.from_bytes(data, "little") ^ int.from_bytes(stream, "little")
    return n.to_bytes(len(data), "little")


# Base85 as Python's base64.b85encode (RFC 1924's alphabet, big-endian words, a short last group), in an alphabet
# of its own: the characters from "#" to "y" but "<" and the backslash, in code order. Nothing in it needs escaping
# in a JSON string or in a <script> element, and the runtime finds a digit's value by arithmetic (no table).
_B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
_OURS = "".join(chr(35 + d + (d >= 25) + (d >= 56)) for d in range(85))
_TO_OURS, _FROM_OURS = str.maketrans(_B85, _OURS), str.maketrans(_OURS, _B85)


def b85(data: bytes) -> str:
    """data as text, 5 characters for 4 bytes (base64 takes 5 1/3)."""
    return base64.b85encode(data).decode("ascii").translate(_TO_OURS)


def unb85(text: str) -> bytes:
    if not set(text) <= set(_OURS):
        raise ValueError("not base85 text (a sealed key or a packed spec)")
    return base64.b85decode(text.translate(_FROM_OURS))


def seal(key: dict[str, Any], salt: str, qid: str) -> str:
    raw = _compact(key)
    return b85(keystream_xor(raw, salt, qid))


def unseal(sealed: str, salt: str, qid: str) -> dict[str, Any]:
    return json.loads(keystream_xor(unb85(sealed), salt, qid).decode("utf-8"))


def _scramble(n: int, salt: str, qid: str) -> list[int]:
    """A deterministic order of range(n) that is never the identity (for n > 1)."""
    order = shuffled(list(range(n)), mulberry32(fnv1a(f"{salt}:{qid}:scramble")))
    if n > 1 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


def _norm_text(s: str) -> str:
    return " ".join(str(s).split()).casefold()


_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")


def segments(passage: str, answers: list[str]) -> tuple[list[tuple[str, bool]], list[int]]:
    """Cut a passage into pieces: the answers, and the rest by sentence. Returns pieces and answer indices."""
    cuts: list[tuple[int, int]] = []
    folded = normalise_quote(passage)
    # locate each answer in the folded passage, then work on the folded passage throughout
    for ans in answers:
        i = folded.find(normalise_quote(ans))
        cuts.append((i, i + len(normalise_quote(ans))))
    cuts.sort()
    pieces: list[tuple[str, bool]] = []
    answer_idx: list[int] = []
    pos = 0
    for s, e in cuts:
        if s < pos:
            continue
        pieces.extend(_sentences(folded[pos:s]))
        answer_idx.append(len(pieces))
        pieces.append((folded[s:e], True))
        pos = e
    pieces.extend(_sentences(folded[pos:]))
    return pieces, answer_idx


def _sentences(text: str) -> list[tuple[str, bool]]:
    out: list[str] = []
    pos = 0
    for m in _SENTENCE.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return [(t, bool(t.strip())) for t in out if t]


def question_spec(q: Question, salt: str) -> dict[str, Any]:
    """The public part of a question and its sealed key."""
    pub: dict[str, Any] = {"id": q.id, "type": q.type, "points": q.points,
                           "prompt_html": markdown_html(q.prompt), "hint_html": markdown_html(q.hint) or None}
    key: dict[str, Any] = {"explanation_html": markdown_html(q.explanation) or None,
                           "correct_html": markdown_html(q.feedback_correct) or None,
                           "incorrect_html": markdown_html(q.feedback_incorrect) or None}
    t = q.type
    if t in ("single", "multiple"):
        pub["options"] = [{"id": str(i), "html": markdown_inline(o.text), "pinned": o.pinned}
                          for i, o in enumerate(q.options)]
        key["correct"] = [str(i) for i, o in enumerate(q.options) if o.correct]
        key["feedback"] = {str(i): markdown_html(o.feedback) or None for i, o in enumerate(q.options)}
    elif t == "true-false":
        key["answer"] = bool(q.get("answer"))
    elif t == "numeric":
        if q.get("range") is not None:
            low, high = q.get("range")
        else:
            tol = q.get("tolerance", 0) or 0
            low, high = q.get("answer") - tol, q.get("answer") + tol
        key["low"], key["high"] = low, high
        pub["unit"] = q.get("unit")
    elif t == "text":
        key["accept"] = sorted({_norm_text(a) for a in q.get("accept", ())})
        key["pattern"] = q.get("pattern")
    elif t == "order":
        items = list(q.get("items"))
        pub["items"] = [{"id": str(i), "html": markdown_inline(items[i])} for i in _scramble(len(items), salt, q.id)]
        key["order"] = [str(i) for i in range(len(items))]
    elif t == "match":
        pairs = [dict(p) for p in q.get("pairs")]
        pub["left"] = [{"id": f"L{i}", "html": markdown_inline(p["left"])} for i, p in enumerate(pairs)]
        pub["right"] = [{"id": f"R{i}", "html": markdown_inline(pairs[i]["right"])}
                        for i in _scramble(len(pairs), salt, q.id)]
        key["pairs"] = {f"L{i}": f"R{i}" for i in range(len(pairs))}
    elif t == "classify":
        items = [dict(it) for it in q.get("items")]
        pub["categories"] = list(q.get("categories"))
        pub["items"] = [{"id": str(i), "html": markdown_inline(it["text"])} for i, it in enumerate(items)]
        key["answers"] = {str(i): it["category"] for i, it in enumerate(items)}
        key["feedback"] = {str(i): markdown_html(it.get("feedback", "")) or None for i, it in enumerate(items)}
    elif t == "select-text":
        answers = list(q.get("answers"))
        pieces, idx = segments(q.get("passage"), answers)
        fb = dict(q.get("answer_feedback") or ())
        pub["segments"] = [{"id": str(i), "html": esc(text), "selectable": sel} for i, (text, sel) in enumerate(pieces)]
        key["correct"] = [str(i) for i in idx]
        by_text = {normalise_quote(a): fb.get(a, "") for a in answers}
        key["feedback"] = {str(i): markdown_html(by_text.get(pieces[i][0], "")) or None for i in idx}
    pub["sealed"] = seal(key, salt, q.id)
    return pub


def bank_spec(bank: Bank) -> dict[str, Any]:
    salt = bank.id
    spec = {"version": 1, "id": bank.id, "title": bank.title, "shuffle": bank.shuffle, "draw": bank.draw,
            "salt": salt, "questions": [question_spec(q, salt) for q in bank.questions]}
    if bank.mastery_score is not None:  # only when set: the spec of every other bank stays as it was
        spec["mastery_score"] = bank.mastery_score
    return spec


# The label of the packed spec's keystream: never a question id (ids are slugs), so no stream is reused.
PACK_LABEL = "*"


def pack(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as the static page carries it: every question with its answer key opened into ``key``, the whole
    compressed (zlib) and sealed as one block. A bank's keys repeat its wording, so one compressed block is about
    a third of the size of the questions plus their separately sealed keys."""
    salt = spec["salt"]
    questions = []
    for q in spec["questions"]:
        public = {k: v for k, v in q.items() if k != "sealed"}
        public["key"] = unseal(q["sealed"], salt, q["id"])
        questions.append(public)
    body = zlib.compress(_compact(_pruned(dict(spec, questions=questions))), 9)
    return {"version": 2, "id": spec["id"], "salt": salt, "packed": b85(keystream_xor(body, salt, PACK_LABEL))}


def _pruned(data: Any) -> Any:
    """Without the fields that are null (the runtime reads a missing field as null). ``false`` stays: it can be an
    answer (a true-false key), and a missing answer grades every response wrong."""
    if isinstance(data, dict):
        return {k: _pruned(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_pruned(v) for v in data]
    return data


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The spec inside a packed one, as the loader reads it: each question's key open in ``key`` (no ``sealed``),
    and no field that is null."""
    body = keystream_xor(unb85(packed["packed"]), packed["salt"], PACK_LABEL)
    return json.loads(zlib.decompress(body).decode("utf-8"))


def spec_json(spec: dict[str, Any]) -> str:
    """JSON safe to place inside <script type="application/json">: no ``<``, so no ``</script`` or ``<!--``."""
    text = _compact(spec).decode("utf-8")
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def static_html(spec: dict[str, Any]) -> str:
    """The self-contained HTML output: the spec, packed, as JSON, mounted by the book's quiz loader."""
    return (f'<div class="mlq-root" data-quiz-id="{esc(spec["id"])}">'
            f'<script type="application/json" class="mlq-spec">{spec_json(pack(spec))}</script>'
            f'<noscript><p>This quiz needs JavaScript. Its questions are also in the notebook version of this page.'
            f'</p></noscript></div>')
