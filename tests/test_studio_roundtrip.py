"""The studio's parts without a browser: round-trip merges, and refusals of the command."""

from __future__ import annotations

from pathlib import Path

from generator.studio import roundtrip

from .conftest import run_cli

ZERO_OFFSET = """# top comment
bank: b1
article: town-library
title: T   # kept
questions:
- id: q1     # first
  type: true-false
  prompt: 'Single quoted'
  answer: true
- id: q2
  type: true-false
  prompt: "Two"
  answer: false
"""


def test_merge_keeps_comments_quoting_and_the_file_s_own_indentation() -> None:
    data = roundtrip.to_json(roundtrip.load(ZERO_OFFSET))
    assert roundtrip.dump(roundtrip.load(ZERO_OFFSET), ZERO_OFFSET) == ZERO_OFFSET  # nothing changed: same bytes
    data["questions"][0]["prompt"] = "Changed"
    data["questions"].append({"id": "q3", "type": "numeric", "prompt": "How many?", "answer": 7})
    doc = roundtrip.load(ZERO_OFFSET)
    doc["questions"] = roundtrip.merge(doc["questions"], data["questions"], "questions")
    out = roundtrip.dump(doc, ZERO_OFFSET)
    assert out == ZERO_OFFSET.replace("'Single quoted'", "'Changed'") + (
        '- id: q3\n  type: numeric\n  prompt: "How many?"\n  answer: 7\n')


def test_deleting_an_entry_keeps_the_comments_of_the_others() -> None:
    doc = roundtrip.load(ZERO_OFFSET)
    data = roundtrip.to_json(doc)
    doc["questions"] = roundtrip.merge(doc["questions"], data["questions"][1:], "questions")
    out = roundtrip.dump(doc, ZERO_OFFSET)
    assert "id: q1" not in out and "# top comment" in out and "title: T   # kept" in out
    assert out.endswith('questions:\n- id: q2\n  type: true-false\n  prompt: "Two"\n  answer: false\n')


def test_studio_refuses_a_folder_that_is_not_a_course(tmp_path: Path) -> None:
    res = run_cli("studio", "--no-browser", cwd=tmp_path)
    assert res.code == 1 and "not a course" in res.err and "Traceback" not in res.err
