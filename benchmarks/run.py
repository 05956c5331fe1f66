"""The benchmark: generation time, build time, quiz page weight and time to interactive, a comparison with
jupyterquiz on the same ten questions, and Lighthouse on five pages of the book (benchmarks/pages.py). Prints a
table (metric | value | target | ok) and writes benchmarks/results.json. Described in book/develop/benchmarks.md.

    .venv/bin/python -m benchmarks.run            # the full run (about 5 to 6 minutes on 2 cores)
    .venv/bin/python -m benchmarks.run --quick    # one repetition, 5 page loads (about 2 minutes)

Exit code 0 when everything was measured, targets met or not (a missed target prints MISSED); 1 when a part could
not be measured at all. Everything runs offline, except installing the pinned jupyterquiz when it is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import gzip
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .book import REPO, make_book, seed_copies
from .synthetic import write_course

KB = 1024
SEED_QUIZ = "book/mali-withdrawal/quiz-mali-withdrawal-check.html"
EDITED_BANK = "quizzes/mali-withdrawal-methods.yaml"
EDITED_PAGE = "book/mali-withdrawal/quiz-mali-withdrawal-methods.ipynb"
EDITED_MARK = "book/mali-withdrawal/.medialit-generated"  # names the hash of the chapter's inputs, so it changes too
RUNTIME = ("quiz-book.js",)  # styles, loader and module in one file, inline in every quiz page
COURSE_ARTICLES = 24  # synthetic articles beside the seed in the build benchmark: "a course has dozens"
COPIES = 100  # the generation benchmark's course: this many copies of the seed article with its three banks


@dataclass
class Row:
    id: str
    metric: str
    value: float | int | str | None
    unit: str
    target: str = ""
    ok: bool | None = None  # None: no target (shown for context)
    note: str = ""  # shown after the value, e.g. the CPU time beside a wall-clock time

    def shown(self) -> str:
        v = self.value
        if v is None:
            text = "n/a"
        elif isinstance(v, float):
            text = f"{v:.2f} {self.unit}" if abs(v) < 100 else f"{v:,.0f} {self.unit}"
        elif isinstance(v, int):
            text = f"{v:,} {self.unit}"
        else:
            text = f"{v} {self.unit}"
        return text.strip() + (f" ({self.note})" if self.note else "")


class Bench:
    def __init__(self, quick: bool, work: Path) -> None:
        self.quick = quick
        self.work = work
        self.reps = 1 if quick else 3
        self.loads = 5 if quick else 31
        self.rows: list[Row] = []
        self.details: dict[str, Any] = {}
        self.errors: list[str] = []

    def row(self, *args: Any, **kw: Any) -> Row:
        r = Row(*args, **kw)
        self.rows.append(r)
        return r

    def section(self, name: str, fn: Any) -> None:
        print(f"benchmark: {name} ...", flush=True)
        t = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - one part failing must not hide the others
            self.errors.append(f"{name}: {exc!r}")
            self.details.setdefault("errors", {})[name] = traceback.format_exc()
            print(f"benchmark: {name} FAILED: {exc!r}", file=sys.stderr, flush=True)
        print(f"benchmark: {name} done in {time.perf_counter() - t:.0f} s", flush=True)

    # ---- generation ----

    def _generate_timed(self, root: Path) -> tuple[float, float, Any]:
        """Wall-clock and CPU time of one in-process generate(root): this process and its worker processes."""
        from generator.generate import generate

        def cpu() -> float:
            t = os.times()
            return t.user + t.system + t.children_user + t.children_system

        gc.collect()
        c, t = cpu(), time.perf_counter()
        stats = generate(root)
        return time.perf_counter() - t, cpu() - c, stats

    def generation_case(self, name: str, course: Path, again_runs: int) -> dict[str, Any]:
        first: list[tuple[float, float]] = []
        root = None
        written = 0
        for i in range(self.reps):  # a fresh book root each time: the first generation, nothing to skip
            root = make_book(self.work / f"gen-{name}-{i}", course)
            wall, cpu, stats = self._generate_timed(root)
            first.append((wall, cpu))
            written, processes = len(stats.written), stats.processes
        again: list[tuple[float, float]] = []
        unchanged = rewritten = None
        for _ in range(again_runs):  # the same root again: nothing changed
            wall, cpu, stats = self._generate_timed(root)
            again.append((wall, cpu))
            unchanged, rewritten = len(stats.unchanged), len(stats.written)
        for i in range(self.reps):
            shutil.rmtree(self.work / f"gen-{name}-{i}", ignore_errors=True)
        best, best_again = min(first), min(again) if again else (None, None)
        return {"first_s": best[0], "first_cpu_s": best[1], "first_all_s": [w for w, _ in first],
                "files_written": written, "processes": processes, "no_change_s": best_again[0],
                "no_change_cpu_s": best_again[1],
                "no_change_all_s": [w for w, _ in again], "no_change_unchanged": unchanged,
                "no_change_rewritten": rewritten}

    @staticmethod
    def floor(course: Path) -> float:
        """The floor of a generation: reading and parsing the course's YAML (banks, annotations, front matter)
        with libyaml, in one process."""
        import yaml

        t = time.perf_counter()
        for path in sorted(course.glob("articles/*/annotations.yaml")) + sorted(course.glob("quizzes/*.yaml")):
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        for path in sorted(course.glob("articles/*/article.md")):
            front = path.read_text("utf-8").split("\n---\n", 1)[0].lstrip("-\n")
            yaml.load(front, Loader=yaml.CSafeLoader)
        return time.perf_counter() - t

    def generation(self) -> None:
        seed = self.work / "course-seed"
        seed.mkdir()
        shutil.copytree(REPO / "articles", seed / "articles")
        shutil.copytree(REPO / "quizzes", seed / "quizzes")
        copies = seed_copies(self.work / "course-seed-100", COPIES)
        gen: dict[str, Any] = {}
        for name, course in (("seed", seed), ("seed-100", copies)):
            gen[name] = self.generation_case(name, course, self.reps)
            gen[name]["articles"] = len(list((course / "articles").iterdir()))
        floors = [self.floor(copies) for _ in range(max(3, self.reps))]
        gen["seed-100"]["floor_s"] = min(floors)
        self.details["generation"] = gen
        best = "best of 1" if self.reps == 1 else f"best of {self.reps}"
        s, big = gen["seed"], gen["seed-100"]

        def cpu(x: float | None) -> str:
            return "" if x is None else f"CPU {x:.2f} s"

        self.row("gen.seed.first", f"generate: seed (1 article, 3 banks), first run, {best}", s["first_s"], "s",
                 note=cpu(s["first_cpu_s"]))
        self.row("gen.seed.again", "generate: seed, second run, nothing changed", s["no_change_s"], "s")
        self.row("gen.100.floor", f"floor: libyaml reads and parses the YAML of {COPIES} copies of the seed "
                 "(one process)", big["floor_s"], "s")
        procs = f", {big['processes']} processes" if big["processes"] > 1 else ""
        self.row("gen.100.first", f"generate: {COPIES} copies of the seed, first run, {best}{procs}",
                 big["first_s"], "s", note=cpu(big["first_cpu_s"]))
        ratio = big["first_s"] / big["floor_s"]
        self.row("gen.100.ratio", "generate / floor", ratio, "x", "<= 2 x", ratio <= 2)
        again = big["no_change_s"] / big["first_s"]
        self.row("gen.100.again", f"generate: {COPIES} copies, second run, nothing changed", big["no_change_s"], "s")
        self.row("gen.100.again.ratio", "second run / first run", 100 * again, "%", "<= 10 %", again <= 0.10)
        self.row("gen.again.rewritten", "generate: files rewritten by a second run", big["no_change_rewritten"],
                 "files", "0", big["no_change_rewritten"] == 0)

    # ---- build ----

    def _build(self, root: Path, log: str, command: str = "build") -> float:
        """Time `medialit <command>` (as python -m generator) run in root, in a new process."""
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "generator", command], cwd=root, env=env,
                              capture_output=True, text=True, check=False)
        took = time.perf_counter() - t
        (self.work / f"{log}.log").write_text(done.stdout + done.stderr, "utf-8")
        if done.returncode != 0:
            raise RuntimeError(f"medialit build failed ({log}):\n{(done.stdout + done.stderr)[-3000:]}")
        return took

    @staticmethod
    def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
        out = {}
        for p in root.rglob("*"):
            rel = p.relative_to(root).as_posix()
            if rel.startswith("_build/") or not p.is_file():
                continue
            st = p.stat()
            out[rel] = (st.st_mtime_ns, st.st_size, st.st_ino)
        return out

    def _build_case(self, root: Path, name: str) -> dict[str, Any]:
        """Full build, then a rebuild after editing one prompt of EDITED_BANK, then a build with nothing changed."""
        full = self._build(root, f"build-{name}-full")
        bank = root / EDITED_BANK
        text = bank.read_text("utf-8")
        edited, n = re.subn(r'^(\s*prompt: ")', r"\1(Edited) ", text, count=1, flags=re.M)
        if n != 1:
            raise RuntimeError(f"no 'prompt: \"' line to edit in {EDITED_BANK}")
        before = self._snapshot(root)
        time.sleep(0.05)  # a distinct mtime for anything rewritten
        bank.write_text(edited, "utf-8")
        rebuild = self._build(root, f"build-{name}-after-edit")
        after = self._snapshot(root)
        changed = sorted(k for k in after if k != EDITED_BANK and after[k] != before.get(k))
        removed = sorted(k for k in before if k not in after)
        noop = self._build(root, f"build-{name}-no-change")
        gen_only = self._build(root, f"generate-{name}-no-change", "generate")
        return {"articles": len(list((root / "articles").iterdir())),
                "pages": len(list((root / "_build" / "html").rglob("*.html"))),
                "full_s": full, "after_edit_s": rebuild, "no_change_s": noop,
                "medialit_generate_no_change_s": gen_only, "edited": EDITED_BANK,
                "files_rewritten_by_generate": changed, "files_removed": removed}

    def build(self) -> None:
        seed_root = make_book(self.work / "build-seed", REPO)
        self.book_root = seed_root
        seed = self._build_case(seed_root, "seed")
        # a course of the size the target is about: the seed and COURSE_ARTICLES synthetic articles
        course = write_course(self.work / "course-build", COURSE_ARTICLES)
        shutil.copytree(REPO / "articles", course / "articles", dirs_exist_ok=True)
        shutil.copytree(REPO / "quizzes", course / "quizzes", dirs_exist_ok=True)
        big = self._build_case(make_book(self.work / "build-course", course), "course")
        self.details["build"] = {"seed": seed, "course": big}
        for key, case, label in (("seed", seed, f"seed book (1 article, {seed['pages']} pages)"),
                                 ("course", big, f"course ({big['articles']} articles, {big['pages']} pages)")):
            self.row(f"build.{key}.full", f"medialit build: {label}, full (fresh copy)", case["full_s"], "s")
            self.row(f"build.{key}.edit", f"medialit build: {label}, after editing one prompt of one bank",
                     case["after_edit_s"], "s")
            ratio = case["after_edit_s"] / case["full_s"]
            target = ("<= 25 %", ratio <= 0.25) if key == "course" else ()  # the target is about a course
            self.row(f"build.{key}.ratio", f"medialit build: {label}, rebuild / full", 100 * ratio, "%", *target)
            self.row(f"build.{key}.noop", f"medialit build: {label}, again, nothing changed (fixed cost)",
                     case["no_change_s"], "s")
            self.row(f"build.{key}.noop.generate", "of which medialit generate alone (new process, nothing changed)",
                     case["medialit_generate_no_change_s"], "s")
            expected = sorted([EDITED_PAGE, EDITED_MARK])
            only = case["files_rewritten_by_generate"] == expected and not case["files_removed"]
            self.row(f"build.{key}.rewritten", f"generate: files rewritten by the edit ({key})",
                     len(case["files_rewritten_by_generate"]), "files", "2 (that page, its chapter's mark)", only)

    # ---- pages ----

    def pages(self) -> None:
        from . import browser, compare

        version = compare.ensure_jupyterquiz()
        self.details["jupyterquiz_version"] = version
        html_root = self.book_root / "_build" / "html"
        page = html_root / SEED_QUIZ
        static = html_root / "_static"
        page_bytes = page.stat().st_size
        runtime = {name: (static / name).stat().st_size for name in RUNTIME}
        qs = compare.ten_questions()
        jq_page = compare.jupyterquiz_page(self.work / "page-jupyterquiz", qs)
        our_page = compare.our_page(self.work / "page-ours", qs)
        lean = [{k: v for k, v in q.items() if k not in ("hint", "explanation")} for q in qs]
        lean_page = compare.our_page(self.work / "page-ours-lean", lean)
        measured = browser.run_pages([
            ("seed-quiz-page", html_root, SEED_QUIZ, "mlq"),
            ("jupyterquiz-10", jq_page.parent, "index.html", "jq"),
            ("ours-10", our_page.parent, "index.html", "mlq"),
        ], loads=self.loads)
        self.details["pages"] = {
            "seed_quiz_page": SEED_QUIZ, "seed_quiz_page_html_bytes": page_bytes, "runtime_bytes": runtime,
            "jupyterquiz_10_files_bytes": compare.folder_bytes(jq_page.parent),
            "ours_10_files_bytes": compare.folder_bytes(our_page.parent),
            "ours_10_without_hints_and_explanations_bytes": compare.folder_bytes(lean_page.parent),
            "jupyterquiz_10_gzip_bytes": compare.folder_gzip_bytes(jq_page.parent),
            "ours_10_gzip_bytes": compare.folder_gzip_bytes(our_page.parent),
            "ten_questions": compare.TEN, "browser": measured, "chromium": browser.chromium_version(),
            "loads": self.loads, "warmup_loads": 1,
        }
        seed = measured["seed-quiz-page"]
        jq, ours = measured["jupyterquiz-10"], measured["ours-10"]
        gz = lambda data: len(gzip.compress(data, 6))  # noqa: E731 - as static hosts serve it
        html = page.read_bytes()
        runtime_gz = sum(gz((static / name).read_bytes()) for name in RUNTIME)
        self.details["pages"]["seed_quiz_page_html_gzip_bytes"] = gz(html)
        self.row("page.runtime", "quiz runtime: quiz-book.js, gzipped (inline in quiz pages)", runtime_gz, "B")
        self.row("page.seed.quiz", "seed quiz page: its HTML with the runtime inline, gzipped", gz(html), "B",
                 note=f"{page_bytes:,} B uncompressed")
        self.row("page.seed.total", "seed quiz page: everything Chromium loads (as served, uncompressed)",
                 seed["bytes_loaded"], "B", note="gzipped totals per page: see the Pages table")
        self.row("page.seed.requests", "seed quiz page: requests (all)", seed["requests"], "")
        self.row("page.seed.other", "seed quiz page: requests to other hosts", seed["other_host_requests"], "",
                 "0", seed["other_host_requests"] == 0)
        self.row("page.seed.tti", f"seed quiz page: time to interactive, median of {self.loads}",
                 seed["interactive_ms_median"], "ms")
        jq_gz, ours_gz = (self.details["pages"][f"{k}_10_gzip_bytes"] for k in ("jupyterquiz", "ours"))
        self.row("cmp.gzip", "10 questions, gzipped per file: jupyterquiz / ours", f"{jq_gz:,} / {ours_gz:,}", "B",
                 note=f"{100 * ours_gz / jq_gz:.0f} %")
        self.row("cmp.jq.tti", f"10 questions, jupyterquiz: time to interactive, median of {self.loads}",
                 jq["interactive_ms_median"], "ms")
        self.row("cmp.ours.tti", f"10 questions, ours: time to interactive, median of {self.loads}",
                 ours["interactive_ms_median"], "ms", "<= jupyterquiz's",
                 ours["interactive_ms_median"] <= jq["interactive_ms_median"])
        # the loads were taken in rounds (one of each page per round): the difference within a round is freer of the
        # machine's drift than the two medians apart; a bootstrap of those differences shows how sure the sign is
        self.row("cmp.jq.own", f"10 questions, jupyterquiz: the runtime's own time (its script to interactive), "
                 f"median of {self.loads}", jq["runtime_ms_median"], "ms")
        self.row("cmp.ours.own", f"10 questions, ours: the runtime's own time (its script to interactive), "
                 f"median of {self.loads}", ours["runtime_ms_median"], "ms")
        for key, field, what in (("tti", "interactive_ms_all", "time to interactive"),
                                 ("own", "runtime_ms_all", "the runtime's own time")):
            diffs = [o - j for o, j in zip(ours[field], jq[field]) if o is not None and j is not None]
            rng = random.Random(0)
            boots = sorted(statistics.median(rng.choices(diffs, k=len(diffs))) for _ in range(2000))
            self.details["pages"][f"{key}_difference_per_round_ms"] = diffs
            self.row(f"cmp.{key}.diff", f"10 questions: ours - jupyterquiz, {what} within a round, median "
                     "(95 % bootstrap interval)", f"{statistics.median(diffs):+.1f} ms ({boots[50]:+.1f} to "
                     f"{boots[1949]:+.1f})", "")
        self.row("cmp.other", "10 questions: requests to other hosts (jupyterquiz / ours)",
                 f"{jq['other_host_requests']} / {ours['other_host_requests']}", "", "0 / 0",
                 jq["other_host_requests"] == 0 and ours["other_host_requests"] == 0)
        if not all(m["verified_by_real_click"] for m in measured.values()):
            self.errors.append("a real click did not take effect on one of the pages: see details.pages.browser")


    # ---- Lighthouse on five pages ----

    def lighthouse(self) -> None:
        from . import pages

        result = pages.measure(self.book_root / "_build" / "html", runs=1 if self.quick else 3,
                               work=self.work / "lighthouse")
        self.details["lighthouse"] = result
        runs = f"median of {result['runs']}" if result["runs"] > 1 else "1 run"
        for name, page in result["pages"].items():
            ok = pages.meets(page)
            key = name.replace(" ", "-")
            for cat, label in (("performance", "performance (mobile)"), ("accessibility", "accessibility"),
                               ("best-practices", "best practices"), ("seo", "SEO")):
                self.row(f"lh.{key}.{cat}", f"Lighthouse, {name}: {label}, {runs}", page["scores"][cat], "",
                         f">= {pages.GOALS[cat]}", ok[cat])
            self.row(f"lh.{key}.bytes", f"Lighthouse, {name}: bytes over the wire (gzip)", page["bytes"], "B",
                     "<= 250 KB (256,000 B)", ok["bytes"])


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "load_average_at_start": os.getloadavg()}


def table(rows: list[Row]) -> str:
    head = ("metric", "value", "target", "ok")
    body = [(r.metric, r.shown(), r.target, "" if r.ok is None else ("ok" if r.ok else "MISSED")) for r in rows]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(4)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, body)])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="one repetition and 5 page loads instead of 3 and 31; no second run of 100 articles")
    p.add_argument("--output", type=Path, default=Path(__file__).resolve().parent / "results.json",
                   help="where to write the JSON results (default: benchmarks/results.json)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = p.parse_args(argv)

    started = time.perf_counter()
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    bench = Bench(args.quick, work)
    try:
        bench.section("generation", bench.generation)
        bench.section("build", bench.build)
        if hasattr(bench, "book_root"):
            bench.section("pages", bench.pages)
            bench.section("lighthouse", bench.lighthouse)
        else:
            bench.errors.append("pages: not measured, the seed book did not build")
    finally:
        if args.keep:
            print(f"benchmark: temporary files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    info["load_average_at_end"] = os.getloadavg()
    missed = [r for r in bench.rows if r.ok is False]
    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick, "machine": info, "duration_s": time.perf_counter() - started,
        "metrics": [asdict(r) for r in bench.rows],
        "missed": [r.id for r in missed], "errors": bench.errors, "details": bench.details,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, default=str) + "\n", "utf-8")
    print()
    print(table(bench.rows))
    print()
    print(f"machine: {info['cores']} cores, {info['cpu']}; load average {info['load_average_at_start'][0]:.1f} at "
          f"start, {info['load_average_at_end'][0]:.1f} at end; {result['duration_s']:.0f} s in all")
    if missed:
        print(f"MISSED {len(missed)} target{'s' if len(missed) != 1 else ''}: "
              + "; ".join(f"{r.metric} = {r.shown()} (target {r.target})" for r in missed))
    else:
        print("all targets met")
    for e in bench.errors:
        print(f"ERROR: {e}", file=sys.stderr)
    print(f"results: {args.output}")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
