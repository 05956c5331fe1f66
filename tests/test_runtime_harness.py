"""The quiz runtime's own harness (tests/js): every type, both hosts, the sanitizer, and a Python cross-check.

The scripts print one line per check and end with 'N passed, M failed'; here each must end with 0 failed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "js"
REPO = HERE.parent.parent


def run(*cmd: str) -> str:
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module", autouse=True)
def fixtures() -> None:
    run("node", str(HERE / "make_fixture.mjs"))


def test_javascript_agrees_with_python_on_thousands_of_cases() -> None:
    out = run(sys.executable, str(HERE / "crosscheck.py"))
    assert out.rstrip().endswith(" 0 mismatches"), out[-2000:]


@pytest.mark.browser
def test_runtime_in_both_hosts() -> None:
    out = run(sys.executable, str(HERE / "drive.py"))
    assert out.rstrip().endswith(" 0 failed"), out[-3000:]


@pytest.mark.browser
def test_real_banks_render_and_score_like_python() -> None:
    out = run(sys.executable, str(HERE / "real_banks.py"))
    assert "SCORE MISMATCH" not in out, out[-3000:]
