"""Grading in Python, the twin of the browser's (the rules are in the developer pages).

The live widget grades here, so a teacher reads ``quiz.score`` in Python without
trusting the browser; the tests check both sides agree on shared cases.
"""

from __future__ import annotations

import re
from typing import Any

from .quizspec import drawn_ids, unseal


def _norm(s: str) -> str:
    return " ".join(str(s).split()).casefold()


def fraction(question: dict[str, Any], key: dict[str, Any], response: Any) -> float:
    t = question["type"]
    if response is None:
        return 0.0
    if t == "single":
        return 1.0 if response in key["correct"] else 0.0
    if t == "true-false":
        return 1.0 if isinstance(response, bool) and response == key["answer"] else 0.0
    if t == "numeric":
        try:
            value = float(response)
        except (TypeError, ValueError):
            return 0.0
        return 1.0 if key["low"] <= value <= key["high"] else 0.0
    if t == "text":
        if _norm(response) in key["accept"]:
            return 1.0
        pattern = key.get("pattern")
        if pattern and re.fullmatch(f"(?:{pattern})", str(response).strip(), re.IGNORECASE):
            return 1.0
        return 0.0
    if t in ("multiple", "select-text"):
        picked = set(response) if isinstance(response, list) else set()
        correct = set(key["correct"])
        right = len(picked & correct)
        wrong = len(picked - correct)
        return max(0.0, (right - wrong) / len(correct)) if correct else 0.0
    if t == "order":
        order = key["order"]
        if not isinstance(response, list):
            return 0.0
        return sum(1 for a, b in zip(response, order) if a == b) / len(order)
    if t == "match":
        pairs = key["pairs"]
        if not isinstance(response, dict):
            return 0.0
        return sum(1 for left, right in pairs.items() if response.get(left) == right) / len(pairs)
    if t == "classify":
        answers = key["answers"]
        if not isinstance(response, dict):
            return 0.0
        return sum(1 for item, cat in answers.items() if response.get(item) == cat) / len(answers)
    raise ValueError(f"unknown question type {t!r}")


def score(spec: dict[str, Any], answers: dict[str, Any], seed: str) -> dict[str, Any]:
    shown = set(drawn_ids(spec, seed))
    points = 0.0
    maximum = 0.0
    answered = 0
    total = 0
    for q in spec["questions"]:
        if q["id"] not in shown:
            continue
        total += 1
        maximum += q["points"]
        if q["id"] in answers:
            answered += 1
            key = unseal(q["sealed"], spec["salt"], q["id"])
            points += fraction(q, key, answers[q["id"]]) * q["points"]
    return {"points": round(points, 2), "max": maximum, "answered": answered, "total": total}
