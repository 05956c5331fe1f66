"""Independent Python reading of the quiz-runtime contract (PRNG, draw, shuffle, seal, grade)."""
import base64, json, math, random, re, subprocess, sys
from pathlib import Path

M = 0xFFFFFFFF
def fnv1a(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & M
    return h
def imul(a, b):
    r = (a * b) & M
    return r
def mulberry32(a):
    st = [a & M]
    def nxt():
        st[0] = (st[0] + 0x6D2B79F5) & M
        t = st[0]
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M
        return (t ^ (t >> 14)) & M
    return nxt
def shuffled(lst, rng):
    a = list(lst)
    for i in range(len(a) - 1, 0, -1):
        j = rng() % (i + 1)
        a[i], a[j] = a[j], a[i]
    return a
def draw_ids(spec, seed):
    ids = [q["id"] for q in spec["questions"]]
    if spec.get("draw") is None:
        return ids
    keep = set(shuffled(ids, mulberry32(fnv1a(f"{seed}:{spec['id']}:draw")))[: spec["draw"]])
    return [i for i in ids if i in keep]
def option_order(spec, q, seed):
    o = q["options"]
    if not spec["shuffle"]:
        return [x["id"] for x in o]
    mixed = iter(shuffled([x for x in o if not x["pinned"]], mulberry32(fnv1a(f"{seed}:{spec['id']}:{q['id']}"))))
    return [x["id"] if x["pinned"] else next(mixed)["id"] for x in o]
def seal(key, salt, qid):
    data = bytearray(json.dumps(key, ensure_ascii=False).encode("utf-8"))
    rng = mulberry32(fnv1a(f"{salt}:{qid}"))
    for i in range(len(data)):
        if i % 4 == 0:
            w = rng()
        data[i] ^= (w >> (8 * (i % 4))) & 255
    return base64.b64encode(bytes(data)).decode()
def norm(s):
    return " ".join(s.strip().lower().split())
def grade(q, key, r):
    t = q["type"]
    if t in ("single",): return 1.0 if r in key["correct"] else 0.0
    if t == "true-false": return 1.0 if r is key["answer"] else 0.0
    if t == "numeric": return 1.0 if key["low"] <= r <= key["high"] else 0.0
    if t == "text":
        if norm(r) in key["accept"]: return 1.0
        return 1.0 if key["pattern"] and re.fullmatch(key["pattern"], r.strip(), re.I) else 0.0
    if t in ("multiple", "select-text"):
        picks = set(r); c = key["correct"]
        right = sum(1 for p in picks if p in c)
        return max(0, (right - (len(picks) - right)) / len(c))
    if t == "order":
        return sum(1 for i, x in enumerate(key["order"]) if i < len(r) and r[i] == x) / len(key["order"])
    m = key["pairs"] if t == "match" else key["answers"]
    return sum(1 for k in m if r.get(k) == m[k]) / len(m)

