"""The `medialit` command (also `python -m generator`)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .check import check_course
from .diagnostics import Code
from .errors import Diagnostic, MedialitError, Report, plural
from .pool import Pool


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="medialit", description="Turn annotated articles into Jupyter Book chapters.")
    p.add_argument("--version", action="version", version=f"medialit {__version__}")
    p.add_argument("--root", type=Path, default=Path("."), help="the book's root folder (default: here)")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate every article and bank")
    c.add_argument("--format", choices=("text", "json"), default="text")
    g = sub.add_parser("generate", help="check, then write the chapters and their _toc.yml entries")
    g.add_argument("--quiet", "-q", action="store_true")
    b = sub.add_parser("build", help="generate, then build the HTML book into _build/html")
    b.add_argument("--instructor", action="store_true",
                   help="build the instructor edition (answer keys, teaching notes) into _build/instructor")
    b.add_argument("--quiet", "-q", action="store_true")
    b.add_argument("--allow-todo", action="store_true",
                   help="build even though placeholders (TODO, the example question) are left in the course")
    n = sub.add_parser("new", help="start a new article folder from a .txt, .md or .html file")
    n.add_argument("slug")
    n.add_argument("--from", dest="source", type=Path, required=True, help="the article as .txt, .md or .html")
    s = sub.add_parser("suggest", help="propose candidate annotations (written to a separate file)")
    s.add_argument("slug")
    st = sub.add_parser("studio", help="edit the course in the browser (a local editor on 127.0.0.1)")
    st.add_argument("--port", type=int, default=0, help="the port to listen on (default: any free port)")
    st.add_argument("--no-browser", action="store_true", help="print the address, do not open a browser")
    e = sub.add_parser("export", help="export a bank, or a chapter as a SCORM package, for a learning platform")
    e.add_argument("bank", type=Path, help="a bank file, e.g. quizzes/x.yaml (gift, qti), or a chapter slug (scorm)")
    e.add_argument("--format", choices=("gift", "qti", "scorm"), required=True)
    e.add_argument("--output", "-o", type=Path, help="output file (default: in _build/export/)")
    e.add_argument("--strict", action="store_true",
                   help="gift, qti: fail, writing nothing, when any question cannot be exported")
    r = sub.add_parser("results", help="merge students' results files of a chapter into one gradebook (CSV)")
    r.add_argument("files", type=Path, nargs="+", help="the results files (.json) the students downloaded")
    r.add_argument("--output", "-o", type=Path, required=True, help="the gradebook to write, e.g. grades.csv")
    tr = sub.add_parser("translations", help="start a language's catalog (init), update them all, or list the gaps")
    tr.add_argument("action", choices=("init", "update", "check"))
    tr.add_argument("language", nargs="?", help="init: the new language's tag (de, pt-BR); check: one language")
    tr.add_argument("--locale-dir", type=Path, help="the catalogs' folder (default: the package's own)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    try:
        if args.command == "check":
            return cmd_check(root, args.format)
        if args.command == "generate":
            return cmd_generate(root, args.quiet)
        if args.command == "build":
            return cmd_build(root, args.instructor, args.quiet, args.allow_todo)
        if args.command == "new":
            from .newarticle import cmd_new

            return cmd_new(root, args.slug, args.source)
        if args.command == "suggest":
            from .suggest import cmd_suggest

            return cmd_suggest(root, args.slug)
        if args.command == "studio":
            from .studio import cmd_studio

            return cmd_studio(root, args.port, open_browser=not args.no_browser)
        if args.command == "export" and args.format == "scorm":
            from .scorm import cmd_export_scorm

            return cmd_export_scorm(root, str(args.bank), args.output)
        if args.command == "results":
            from .results import cmd_results

            return cmd_results(root, args.files, args.output)
        if args.command == "translations":
            from .translations import cmd_translations

            return cmd_translations(args.action, args.language, args.locale_dir)
        if args.command == "export":
            from .export.command import cmd_export

            return cmd_export(root, args.bank, args.format, args.output, args.strict)
    except MedialitError as exc:
        print(exc.report.as_text(), file=sys.stderr)
        print(f"medialit: {plural(len(exc.report.diagnostics), 'error')}; {exc.outcome}.", file=sys.stderr)
        return 1
    except OSError as exc:  # a file or folder the run needs cannot be read or written: say which, no traceback
        report = Report(base=root)
        report.add(exc.filename or root, 1, 1, f"cannot read or write this: {exc.strerror or exc}",
                   "Check that it is a regular file or folder as expected, and that it is readable and writable.",
                   code=Code.FILE_UNREADABLE)
        print(report.as_text(), file=sys.stderr)
        print("medialit: 1 error.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("medialit: interrupted; files already written are complete, the rest are unchanged.", file=sys.stderr)
        return 130
    return 2


def cmd_check(root: Path, fmt: str) -> int:
    with Pool() as pool:
        result = check_course(root, pool)
    report, course = result.report, result.course
    if fmt == "json":
        data = json.loads(report.as_json())
        if result.warnings:  # placeholders; a finished course prints {"errors": []} as before
            data["warnings"] = [asdict(d) for d in result.warnings]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif report.ok and course is not None:
        questions = sum(len(b.questions) for b in course.banks)
        notes = sum(len(a.annotations) for a in course.articles)
        _print_warnings(result.warnings)
        print(f"medialit: {plural(len(course.articles), 'article')} ({plural(notes, 'annotation')}) and "
              f"{plural(len(course.banks), 'bank')} ({plural(questions, 'question')}): no problems found"
              + (f"; {plural(len(result.warnings), 'placeholder')} left to fill in." if result.warnings else "."))
    else:
        print(report.as_text(), file=sys.stderr)
        _print_warnings(result.warnings)
        print(f"medialit: {plural(len(report.diagnostics), 'error')}"
              + (f", {plural(len(result.warnings), 'placeholder')}." if result.warnings else "."), file=sys.stderr)
    return 0 if report.ok else 1


def _print_warnings(warnings: list[Diagnostic]) -> None:
    if warnings:
        print("\n".join(d.format() for d in warnings), file=sys.stderr)


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    """Progress on a terminal only: quiet in CI, pipes and logs."""
    if quiet or not sys.stderr.isatty():
        return None

    def show(i: int, n: int, slug: str) -> None:
        print(f"\r\033[Kmedialit: [{i}/{n}] {slug}", end="" if i < n else "\n", file=sys.stderr, flush=True)

    return show


def cmd_generate(root: Path, quiet: bool = False) -> int:
    from .generate import generate

    stats = generate(root, progress=_progress(quiet))
    if not quiet:
        print(f"medialit: {plural(len(stats.written), 'file')} written, {len(stats.unchanged)} unchanged, "
              f"{len(stats.removed)} removed" + (f" ({stats.processes} processes)." if stats.processes > 1 else "."))
    return 0


def cmd_build(root: Path, instructor: bool, quiet: bool = False, allow_todo: bool = False) -> int:
    from .generate import generate
    from .instructor import prepare_instructor_source
    from .placeholders import find

    left = [] if allow_todo else find(root)
    if left:
        print("\n".join(d.format() for d in left), file=sys.stderr)
        print(f"medialit: {plural(len(left), 'placeholder')} left in the course; nothing was built. Fill them in "
              "(see `medialit check`), or build a draft with `medialit build --allow-todo`.", file=sys.stderr)
        return 1

    if instructor:
        src = prepare_instructor_source(root)
    else:
        generate(root, progress=_progress(quiet))
        src = root
    out = src / "_build"
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src)]
    if quiet or not sys.stdout.isatty():
        cmd.append("--quiet")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent),
                                                                    os.environ.get("PYTHONPATH", "")])))
    done = subprocess.run(cmd, env=env, check=False)
    if done.returncode != 0:
        print("medialit: the book build failed (see the messages above).", file=sys.stderr)
        return 1
    site = out / "html"
    if instructor:
        site = root / "_build" / "instructor"
        if site.exists():
            shutil.rmtree(site)
        shutil.move(str(out / "html"), str(site))
    print(f"medialit: built {site / 'index.html'}")
    return 0
