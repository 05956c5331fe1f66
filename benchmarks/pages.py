"""Lighthouse on five pages of the built book: the home page, a chapter overview, the article, an exercise and a quiz.

Lighthouse (pinned in tests/browser/package.json) runs its default mobile test (a phone's screen, simulated slow 4G
and a 4x slower CPU) in Debian's Chromium, headless, against the site served from 127.0.0.1 by benchmarks/server.py
with gzip, as a static host serves it. Per page: the four category scores (performance, accessibility, best
practices, SEO; 0 to 100) and the bytes over the wire (Lighthouse's total byte weight: every response, as
transferred, so gzipped where the server gzips). Each page is measured `runs` times; the figures are the medians.

    .venv/bin/python -m benchmarks.pages [--site _build/html] [--runs 3]

Without --site it builds the repository's book first (medialit build, in a temporary copy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .book import REPO, make_book

LIGHTHOUSE = REPO / "tests" / "browser" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# the five pages of the goal; the home page is the book's root document (the site's index.html sends readers there)
PAGES = (
    ("home", "book/intro.html"),
    ("chapter overview", "book/mali-withdrawal/index.html"),
    ("article", "book/mali-withdrawal/article.html"),
    ("exercise", "book/mali-withdrawal/fact-or-opinion.html"),
    ("quiz", "book/mali-withdrawal/quiz-mali-withdrawal-check.html"),
)
GOALS = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 95}
BYTES_GOAL = 250 * 1024


def lighthouse_version() -> str:
    pkg = REPO / "tests" / "browser" / "node_modules" / "lighthouse" / "package.json"
    return json.loads(pkg.read_text("utf-8"))["version"]


def run_once(url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling): scores, bytes, the main timings and what fell short."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=" + ",".join(CATEGORIES),
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    report = json.loads(out.read_text("utf-8"))
    audits = report["audits"]
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    short = sorted({ref["id"] for cat in report["categories"].values() for ref in cat["auditRefs"]
                    if ref.get("weight", 0) > 0 and audits[ref["id"]]["score"] is not None
                    and audits[ref["id"]]["score"] < 1})
    return {
        "scores": {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES},
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
        "timings_ms": {k: round(audits[k]["numericValue"]) for k in
                       ("first-contentful-paint", "largest-contentful-paint", "speed-index", "total-blocking-time")},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "short_of_full_marks": short,
    }


def measure(site: Path, runs: int = 3, work: Path | None = None) -> dict[str, Any]:
    """Every page of PAGES, runs times each (in turn), served gzipped from 127.0.0.1: the medians and every run."""
    from .browser import serve

    work = work or Path(tempfile.mkdtemp(prefix="medialit-lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    all_runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in PAGES}
    with serve(site, gzip=True) as base:
        for i in range(runs):
            for name, path in PAGES:
                all_runs[name].append(run_once(f"{base}/{path}", work / f"{name.replace(' ', '-')}-{i}.json"))
    pages = {}
    for name, path in PAGES:
        rs = all_runs[name]
        pages[name] = {
            "path": path,
            "scores": {c: statistics.median_low([r["scores"][c] for r in rs]) for c in CATEGORIES},
            "bytes": statistics.median_low([r["bytes"] for r in rs]),
            "requests": statistics.median_low([r["requests"] for r in rs]),
            "timings_ms": {k: statistics.median_low([r["timings_ms"][k] for r in rs]) for k in rs[0]["timings_ms"]},
            "short_of_full_marks": sorted({a for r in rs for a in r["short_of_full_marks"]}),
            "runs": rs,
        }
    return {"lighthouse": lighthouse_version(), "runs": runs, "pages": pages}


def meets(page: dict[str, Any]) -> dict[str, bool]:
    ok = {c: page["scores"][c] >= GOALS[c] for c in CATEGORIES}
    ok["bytes"] = page["bytes"] <= BYTES_GOAL
    return ok


def markdown_table(result: dict[str, Any]) -> str:
    head = "| page | performance | accessibility | best practices | SEO | bytes over the wire | requests |"
    lines = [head, "|---|---|---|---|---|---|---|"]
    for name, p in result["pages"].items():
        s = p["scores"]
        lines.append(f"| {name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
                     f"{p['bytes'] / 1024:.1f} KB | {p['requests']} |")
    return "\n".join(lines)


def build_site(work: Path) -> Path:
    root = make_book(work / "book", REPO)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", "--quiet"], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"medialit build failed: {done.stderr[-2000:]}")
    return root / "_build" / "html"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__.split("\n\n")[0])
    p.add_argument("--site", type=Path, help="a built site (default: build the repository's book first)")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="medialit-lighthouse-"))
    try:
        site = args.site or build_site(work)
        result = measure(site, args.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(markdown_table(result))
    for name, page in result["pages"].items():
        if page["short_of_full_marks"]:
            print(f"{name}: short of full marks on {', '.join(page['short_of_full_marks'])}")
    print(f"lighthouse {result['lighthouse']}, median of {result['runs']} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
