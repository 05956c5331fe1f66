"""Answer keys as the page carries them: unreadable at a glance, opened with standard parts.

A key is JSON (UTF-8), XORed with a 32-byte pad made from the bank's salt and the question id, then written in
standard base64. The runtime opens it with ``atob``, the same pad and ``TextDecoder``. This keeps a curious
student from reading the answers in the page source; it is not encryption (the runtime that opens it is public),
and the developer pages say so.
"""

from __future__ import annotations

import base64
import json
import struct
from functools import lru_cache
from typing import Any

from .seeding import fnv1a, mulberry32

PAD_WORDS = 8  # 32 bytes


@lru_cache(maxsize=64)
def _salted(salt: str) -> int:
    """FNV-1a of "<salt>:", from which each question's label goes on (a bank's questions share its salt)."""
    return fnv1a(f"{salt}:")


def pad(salt: str, qid: str) -> bytes:
    """The first PAD_WORDS words of ``rng_for(f"{salt}:{qid}")``, big-endian."""
    rng = mulberry32(fnv1a(qid, _salted(salt)))
    return struct.pack(f">{PAD_WORDS}I", *[rng() for _ in range(PAD_WORDS)])


def _xor(data: bytes, key: bytes) -> bytes:
    stream = (key * (len(data) // len(key) + 1))[:len(data)]
    return (int.from_bytes(data, "little") ^ int.from_bytes(stream, "little")).to_bytes(len(data), "little")


_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # made once, not per call


def compact_json(data: Any) -> str:
    return _COMPACT.encode(data)


def seal(key: dict[str, Any], salt: str, qid: str) -> str:
    return base64.b64encode(_xor(compact_json(key).encode("utf-8"), pad(salt, qid))).decode("ascii")


def unseal(sealed: str, salt: str, qid: str) -> dict[str, Any]:
    """The key; ValueError when the text is not a key sealed for (salt, qid)."""
    try:
        raw = _xor(base64.b64decode(sealed, validate=True), pad(salt, qid))
        key = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a key sealed for question '{qid}'") from exc
    if not isinstance(key, dict):
        raise ValueError(f"not a key sealed for question '{qid}'")
    return key
