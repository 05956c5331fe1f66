"""The benchmark: generation time, build time, quiz page weight and time to interactive, and a comparison with
jupyterquiz on the same ten questions. Prints a table (metric | value | target | ok) and writes
benchmarks/results.json. Described in book/develop/benchmarks.md.

    .venv/bin/python -m benchmarks.run            # the full run (about 5 to 6 minutes on 2 cores)
    .venv/bin/python -m benchmarks.run --quick    # one repetition, 5 page loads (about 2 minutes)

Exit code 0 when everything was measured, targets met or not (a missed target prints MISSED); 1 when a part could
not be measured at all. Everything runs offline, except installing the pinned jupyterquiz when it is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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

from .book import REPO, make_book
from .synthetic import write_course

KB = 1024
SEED_QUIZ = "book/mali-withdrawal/quiz-mali-withdrawal-check.html"
EDITED_BANK = "quizzes/mali-withdrawal-methods.yaml"
EDITED_PAGE = "book/mali-withdrawal/quiz-mali-withdrawal-methods.ipynb"
RUNTIME = ("quiz-book.js",)  # styles, loader and module in one file, inline in every quiz page
COURSE_ARTICLES = 24  # synthetic articles beside the seed in the build benchmark: "a course has dozens"


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

    def stages(self, course: Path) -> dict[str, float]:
        """Where the time of one generation goes: load and check, render, write (fresh root)."""
        from generator.course import load_course

        from generator.generate import render_course

        root = make_book(self.work / "gen-stages", course)
        gc.collect()
        t0 = time.perf_counter()
        c = load_course(root)
        t1 = time.perf_counter()
        render_course(c)
        t2 = time.perf_counter()
        total, _cpu, _ = self._generate_timed(root)
        shutil.rmtree(root, ignore_errors=True)
        return {"load_and_check_s": t1 - t0, "render_s": t2 - t1,
                "write_and_toc_s_estimate": max(0.0, total - (t2 - t0)), "total_s": total}

    def generation(self) -> None:
        seed = self.work / "course-seed"
        seed.mkdir()
        shutil.copytree(REPO / "articles", seed / "articles")
        shutil.copytree(REPO / "quizzes", seed / "quizzes")
        cases = {"seed": seed}
        for n in (10, 100):
            t = time.perf_counter()
            cases[f"synthetic-{n}"] = write_course(self.work / f"course-{n}", n)
            self.details.setdefault("synthetic_course_write_s", {})[str(n)] = time.perf_counter() - t
        gen: dict[str, Any] = {}
        for name, course in cases.items():
            # --quick skips the second run of the largest course (the slowest figure that has no target)
            again_runs = 0 if self.quick and name == "synthetic-100" else self.reps
            gen[name] = self.generation_case(name, course, again_runs)
            gen[name]["articles"] = len(list((course / "articles").iterdir()))
            gen[name]["words"] = sum(len(p.read_text("utf-8").split())
                                     for p in (course / "articles").glob("*/article.md"))
        if not self.quick:
            gen["synthetic-100"]["stages"] = self.stages(cases["synthetic-100"])
        self.details["generation"] = gen
        best = "best of 1" if self.reps == 1 else f"best of {self.reps}"
        s, g10, g100 = gen["seed"], gen["synthetic-10"], gen["synthetic-100"]

        def cpu(x: float | None) -> str:
            return "" if x is None else f"CPU {x:.2f} s"

        def procs(g: dict[str, Any]) -> str:
            return f", {g['processes']} processes" if g["processes"] > 1 else ""

        self.row("gen.seed.first", f"generate: seed (1 article, 3 banks), first run, {best}", s["first_s"], "s",
                 note=cpu(s["first_cpu_s"]))
        self.row("gen.seed.again", "generate: seed, second run, nothing changed", s["no_change_s"], "s",
                 note=cpu(s["no_change_cpu_s"]))
        self.row("gen.10.first", f"generate: 10 synthetic articles, first run, {best}{procs(g10)}",
                 g10["first_s"], "s",
                 note=cpu(g10["first_cpu_s"]))
        self.row("gen.10.again", "generate: 10 synthetic articles, nothing changed", g10["no_change_s"], "s",
                 note=cpu(g10["no_change_cpu_s"]))
        self.row("gen.100.first", f"generate: 100 synthetic articles, first run, {best}{procs(g100)}",
                 g100["first_s"], "s", "<= 10 s", g100["first_s"] <= 10, note=cpu(g100["first_cpu_s"]))
        self.row("gen.100.again", "generate: 100 synthetic articles, nothing changed", g100["no_change_s"], "s",
                 note=cpu(g100["no_change_cpu_s"]) if g100["no_change_s"] is not None else "not run with --quick")
        ratio = g100["first_s"] / g10["first_s"]
        self.row("gen.linear", "generate: t(100) / t(10), first runs", ratio, "x", "<= 11 x", ratio <= 11,
                 note=f"CPU {g100['first_cpu_s'] / g10['first_cpu_s']:.2f} x")
        if g100["no_change_rewritten"] is not None:
            self.row("gen.again.rewritten", "generate: files rewritten by a second run (100 articles)",
                     g100["no_change_rewritten"], "files", "0", g100["no_change_rewritten"] == 0)

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
            only = case["files_rewritten_by_generate"] == [EDITED_PAGE] and not case["files_removed"]
            self.row(f"build.{key}.rewritten", f"generate: files rewritten by the edit ({key})",
                     len(case["files_rewritten_by_generate"]), "files", "1 (that page)", only)

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
        runtime_total = sum(runtime.values())
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
        self.row("page.runtime", "quiz runtime: quiz-book.js (styles, loader, module; inline in quiz pages)",
                 runtime_total, "B", "<= 30 KB (30,720 B)", runtime_total <= 30 * KB)
        self.row("page.seed.quiz", "seed quiz page: its HTML, the quiz runtime inline", page_bytes, "B")
        self.row("page.seed.total", "seed quiz page: everything Chromium loads", seed["bytes_loaded"], "B")
        self.row("page.seed.requests", "seed quiz page: requests (all)", seed["requests"], "")
        self.row("page.seed.other", "seed quiz page: requests to other hosts", seed["other_host_requests"], "",
                 "0", seed["other_host_requests"] == 0)
        self.row("page.seed.tti", f"seed quiz page: time to interactive, median of {self.loads}",
                 seed["interactive_ms_median"], "ms")
        self.row("cmp.jq.bytes", "10 questions, jupyterquiz page: bytes", jq["bytes_loaded"], "B")
        self.row("cmp.ours.bytes", "10 questions, our page: bytes", ours["bytes_loaded"], "B")
        ratio = ours["bytes_loaded"] / jq["bytes_loaded"]
        self.row("cmp.bytes.ratio", "10 questions: ours / jupyterquiz, bytes", 100 * ratio, "%", "<= 50 %",
                 ratio <= 0.5)
        self.row("cmp.lean.bytes", "10 questions, our page without hints and explanations (jupyterquiz has none)",
                 self.details["pages"]["ours_10_without_hints_and_explanations_bytes"], "B")
        self.row("cmp.gzip", "10 questions, if gzipped per file (jupyterquiz / ours)",
                 f"{self.details['pages']['jupyterquiz_10_gzip_bytes']:,} / "
                 f"{self.details['pages']['ours_10_gzip_bytes']:,}", "B")
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
