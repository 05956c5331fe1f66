"""The seeded choices a student's page makes (which questions are drawn, in which order the options come), shared
bit for bit with the quiz runtime: FNV-1a hashes a label, mulberry32 turns the hash into a stream of words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

MASK = 0xFFFFFFFF
T = TypeVar("T")


FNV_OFFSET = 0x811C9DC5


def fnv1a(text: str, h: int = FNV_OFFSET) -> int:
    """FNV-1a of text's UTF-8 bytes; from h, the hash of a prefix, it goes on from that prefix."""
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & MASK
    return h


def mulberry32(seed: int) -> Callable[[], int]:
    state = seed & MASK

    def nxt() -> int:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK)) & MASK
        return (t ^ (t >> 14)) & MASK

    return nxt


def rng_for(label: str) -> Callable[[], int]:
    return mulberry32(fnv1a(label))


def shuffled(items: Sequence[T], rng: Callable[[], int]) -> list[T]:
    a = list(items)
    for i in range(len(a) - 1, 0, -1):
        j = rng() % (i + 1)
        a[i], a[j] = a[j], a[i]
    return a


def scramble(n: int, label: str) -> list[int]:
    """A fixed order of range(n) that is never the identity (for n > 1): how items to order or match are shown."""
    order = shuffled(list(range(n)), rng_for(f"{label}:scramble"))
    if n > 1 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


def drawn_ids(spec: dict[str, Any], seed: str) -> list[str]:
    """The ids of the questions a student with this seed sees, in spec order."""
    ids = [q["id"] for q in spec["questions"]]
    draw = spec.get("draw")
    if not draw or draw >= len(ids):
        return ids
    picked = set(shuffled(ids, rng_for(f"{seed}:{spec['id']}:draw"))[:draw])
    return [i for i in ids if i in picked]


def option_order(spec: dict[str, Any], question: dict[str, Any], seed: str) -> list[str]:
    """Option ids of a choice question in the order a student with this seed sees them (pinned ones stay put)."""
    opts = question["options"]
    if not spec.get("shuffle"):
        return [o["id"] for o in opts]
    free = [i for i, o in enumerate(opts) if not o.get("pinned")]
    order = shuffled(free, rng_for(f"{seed}:{spec['id']}:{question['id']}"))
    out = [o["id"] for o in opts]
    for pos, src in zip(free, order):
        out[pos] = opts[src]["id"]
    return out
