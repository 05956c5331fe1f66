"""The same ten questions on two standalone pages: jupyterquiz's output, and ours.

jupyterquiz in Jupyter Book 1: a code cell calls `display_quiz(questions)`, which emits two outputs, `text/html` (the
container div and a <style> with its CSS) and `application/javascript` (all of its JS plus the questions as a JS
literal). myst-nb writes the first into `<div class="output text_html">` and the second as
`<script type="application/javascript">` (myst_nb/core/render.py, render_javascript). Here `display_quiz` itself is
called with IPython's `display` swapped for a collector, and the two outputs are written into a page the same way.

Ours: the same ten questions as a bank file, loaded and turned into the quiz cell's static output by the generator
(`load_bank` → `bank_spec` → `static_html`), and the three runtime files the book ships (quiz.js, quiz-static.js,
quiz.css), linked the way the book's pages link them. Both pages share the same minimal shell, without the book
theme, so the comparison is of the quiz runtimes alone (each page holds everything it needs and nothing else).
"""

from __future__ import annotations

import gzip
import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = Path(__file__).resolve().parent / "requirements.txt"
SEED_BANK = REPO / "quizzes" / "mali-withdrawal-check.yaml"
# single, numeric, multiple, text, interleaved; the first has options (the probe clicks it)
TEN = ["last-friday", "troops-july-2021", "bases-to-close", "timbuktu-name", "what-was-announced",
       "largest-reduction", "contradicted-claims", "successor-operation", "serval-start", "ifop-poll"]

SHELL = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}</head>
<body>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def pinned_version() -> str:
    for line in REQUIREMENTS.read_text("utf-8").splitlines():
        if line.startswith("jupyterquiz=="):
            return line.split("==", 1)[1].strip()
    raise RuntimeError(f"no jupyterquiz pin in {REQUIREMENTS}")


def ensure_jupyterquiz() -> str:
    """Install the pinned jupyterquiz into this interpreter's environment when it is missing or another version."""
    want = pinned_version()
    try:
        mod = importlib.import_module("jupyterquiz")
        if getattr(mod, "__version__", "") == want:
            return want
    except ImportError:
        pass
    print(f"benchmark: installing jupyterquiz=={want} (pip, from benchmarks/requirements.txt)", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True)
    importlib.invalidate_caches()
    for name in [m for m in sys.modules if m == "jupyterquiz" or m.startswith("jupyterquiz.")]:
        del sys.modules[name]
    mod = importlib.import_module("jupyterquiz")
    return str(mod.__version__)


def ten_questions() -> list[dict[str, Any]]:
    bank = yaml.safe_load(SEED_BANK.read_text("utf-8"))
    by_id = {q["id"]: q for q in bank["questions"]}
    return [by_id[i] for i in TEN]


# ---- jupyterquiz ----

def _inline(md: str) -> str:
    from generator.markup import markdown_inline

    return markdown_inline(md)


def to_jupyterquiz(q: dict[str, Any]) -> dict[str, Any]:
    """One of our questions as jupyterquiz JSON (its multiple_choice, many_choice, numeric and string types).

    jupyterquiz has no hints, explanations or answer patterns: those are left out (our page carries them)."""
    from generator.markup import markdown_html

    fb = q.get("feedback") or {}
    out: dict[str, Any] = {"question": markdown_html(q["prompt"])}
    t = q["type"]
    if t in ("single", "multiple"):
        out["type"] = "multiple_choice" if t == "single" else "many_choice"
        out["answers"] = [{"answer": _inline(o["text"]), "correct": bool(o.get("correct")),
                           "feedback": _inline(o.get("feedback") or ("Correct." if o.get("correct") else
                                                                      "Incorrect."))}
                          for o in q["options"]]
    elif t == "numeric":
        out["type"] = "numeric"
        right = _inline(fb.get("correct", "Correct."))
        tol = q.get("tolerance", 0)
        if tol:  # jupyterquiz ranges include the low end only
            ans = {"type": "range", "range": [q["answer"] - tol, q["answer"] + tol + 1e-9], "correct": True,
                   "feedback": right}
        else:
            ans = {"type": "value", "value": q["answer"], "correct": True, "feedback": right}
        out["answers"] = [ans, {"type": "default", "feedback": _inline(fb.get("incorrect", "Incorrect."))}]
    elif t == "text":
        out["type"] = "string"
        out["answers"] = [{"answer": a, "correct": True, "match_case": False,
                           "feedback": _inline(fb.get("correct", "Correct."))} for a in q["accept"]]
        out["answers"].append({"type": "default", "feedback": _inline(fb.get("incorrect", "Incorrect."))})
    else:
        raise ValueError(f"jupyterquiz has no counterpart of type {t!r}")
    return out


def jupyterquiz_page(dest: Path, questions: list[dict[str, Any]]) -> Path:
    """Write dest/index.html: display_quiz's two outputs, as myst-nb writes them into a Jupyter Book 1 page."""
    import jupyterquiz.dynamic.display as jqd

    captured: list[Any] = []
    original = jqd.display
    jqd.display = lambda *objs, **_kw: captured.extend(objs)
    try:
        jqd.display_quiz([to_jupyterquiz(q) for q in questions])  # its defaults, as a book author would call it
    finally:
        jqd.display = original
    html_out = captured[0]._repr_html_()
    js_out = captured[1]._repr_javascript_()
    if isinstance(js_out, tuple):
        js_out = js_out[0]
    js_out = js_out.replace("</script", "<\\/script")  # myst-nb's sanitize_script_content
    body = (f'<div class="cell_output docutils container"><div class="output text_html">{html_out}</div>\n'
            f'<script type="application/javascript">{js_out}</script>\n</div>')
    dest.mkdir(parents=True, exist_ok=True)
    page = dest / "index.html"
    page.write_text(SHELL.format(title="Quiz: ten questions (jupyterquiz)", head="", body=body), "utf-8")
    return page


# ---- ours ----

def our_page(dest: Path, questions: list[dict[str, Any]]) -> Path:
    """Write dest/index.html plus the runtime files: the ten questions as our quiz cell's static output."""
    from generator.errors import MedialitError, Report
    from generator.render.quiz import runtime_script, static_html
    from generator.stages import load_bank
    from generator.transform.spec import bank_spec

    dest.mkdir(parents=True, exist_ok=True)
    bank_file = dest / "bench-ten.yaml"
    bank_file.write_text(yaml.safe_dump({
        "bank": "bench-ten", "article": "mali-withdrawal", "title": "Ten questions", "shuffle": True,
        "questions": questions}, sort_keys=False, allow_unicode=True, width=1000), "utf-8")
    report = Report()
    bank = load_bank(bank_file, report)
    if bank is None:
        raise MedialitError(report)
    bank_file.unlink()
    # as the book's pages carry it: the quiz output, then the runtime (styles, loader and module) inline, once
    body = f'<div class="cell_output docutils container"><div class="output text_html">' \
           f'{static_html(bank_spec(bank))}</div></div>\n{runtime_script()}'
    page = dest / "index.html"
    page.write_text(SHELL.format(title="Quiz: ten questions (medialit)", head="", body=body), "utf-8")
    return page


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def folder_gzip_bytes(folder: Path) -> int:
    """Bytes if a server gzipped each file (level 6, as web servers commonly do); for context only."""
    return sum(len(gzip.compress(p.read_bytes(), 6)) for p in folder.rglob("*") if p.is_file())
