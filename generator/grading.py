"""Grading in Python, the twin of the browser's: each type grades with its own rule (``generator.questions``).

The live widget grades here, so a teacher reads ``quiz.score`` in Python without trusting the browser; the
oracle tests check that both sides give the same marks for every question of every bank.
"""

from __future__ import annotations

from typing import Any

from .questions import REGISTRY
from .seal import unseal
from .seeding import drawn_ids


def fraction(question: dict[str, Any], key: dict[str, Any], response: Any) -> float:
    """The share of the question's points a response earns (0 for no response)."""
    if response is None:
        return 0.0
    kind = REGISTRY.get(question["type"])
    if kind is None:
        raise ValueError(f"unknown question type {question['type']!r}")
    return kind.grade(question, key, response).fraction


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
            points += fraction(q, unseal(q["sealed"], spec["salt"], q["id"]), answers[q["id"]]) * q["points"]
    return {"points": round(points, 2), "max": maximum, "answered": answered, "total": total}
