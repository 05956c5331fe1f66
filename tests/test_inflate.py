"""The fallback inflater (generator/static/quiz-inflate.js), for browsers without DecompressionStream, against
Python's zlib: every block type zlib writes (stored, fixed and dynamic codes), every level and strategy, texts and
random bytes, and the seed book's packed specs. Damaged data makes it throw; it never loops."""

from __future__ import annotations

import base64
import json
import random
import subprocess
import zlib
from pathlib import Path

from generator.quizspec import PACK_LABEL, keystream_xor, pack, unb85

HERE = Path(__file__).parent


def inflate_js(blobs: list[bytes]) -> list[dict[str, str]]:
    cases = json.dumps([base64.b64encode(b).decode("ascii") for b in blobs])
    done = subprocess.run(["node", str(HERE / "js" / "inflate_eval.mjs")], input=cases, capture_output=True,
                          text=True, check=True, timeout=120)
    return json.loads(done.stdout)


def samples() -> list[bytes]:
    rnd = random.Random(7)
    words = "the of a claim source article quiz answer Mali troops 2021 “quoted” é ü".split()
    out = [b"", b"a", bytes(range(256)), b"x" * 70_000]  # 70 KB: more than one stored block at level 0
    for n in (10, 300, 5_000, 40_000):
        out.append(bytes(rnd.randrange(256) for _ in range(n)))
        out.append(" ".join(rnd.choice(words) for _ in range(n // 5)).encode("utf-8"))
    out.append(json.dumps([{"id": i, "prompt_html": f"<p>Question {i}</p>"} for i in range(400)]).encode())
    return out


def test_opens_what_zlib_writes_at_every_level_and_strategy() -> None:
    blobs, want = [], []
    for data in samples():
        for level in (0, 1, 6, 9):
            for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED):
                c = zlib.compressobj(level, zlib.DEFLATED, 15, 9, strategy)
                blobs.append(c.compress(data) + c.flush())
                want.append(data)
    got = inflate_js(blobs)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert "ok" in g, g
        assert base64.b64decode(g["ok"]) == w


def test_opens_the_packed_specs_of_the_seed_banks() -> None:
    from generator.course import load_bank
    from generator.errors import Report
    from generator.quizspec import bank_spec

    bodies, want = [], []
    for path in sorted((HERE.parent / "quizzes").glob("*.yaml")):
        bank = load_bank(path, Report())
        assert bank is not None, path
        packed = pack(bank_spec(bank))
        body = keystream_xor(unb85(packed["packed"]), packed["salt"], PACK_LABEL)
        bodies.append(body)
        want.append(zlib.decompress(body))
    assert len(bodies) >= 3
    got = inflate_js(bodies)
    assert [base64.b64decode(g["ok"]) for g in got] == want


def test_damaged_data_throws_and_never_loops() -> None:
    rnd = random.Random(11)
    good = zlib.compress(" ".join(str(i) for i in range(3000)).encode(), 9)
    cases = [good[: len(good) // 2], good[:3], b"\x78\xda\xff", b"\x78\xda\x07"]  # cut short; bad block type
    cases += [b"\x78\xda" + bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 400))) for _ in range(200)]
    got = inflate_js(cases)  # the timeout of inflate_js fails the test if one of them loops
    assert all("error" in g for g in got[:4]), got[:4]
    assert {g["error"] for g in got[:4]} <= {"inflate: data ends early", "inflate: bad block type"}
    for g in got[4:]:  # random bytes: an error, or (rarely) bytes, never a hang
        assert "error" in g or "ok" in g
    assert sum("error" in g for g in got[4:]) > 150
