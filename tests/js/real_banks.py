"""Renders the repository's real banks and exercises with quiz.js and checks them in Chromium.

Run from the repository root:  .venv/bin/python tests/js/real_banks.py
Writes tests/js/real.html for the run (deleted afterwards), answers every question (first choice / "x"), runs axe.
"""
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from playwright.sync_api import sync_playwright  # noqa: E402

from generator.grading import score as py_score  # noqa: E402
from generator.quiz import Quiz, static_html  # noqa: E402

quizzes = [Quiz.from_bank(p, seed="x") for p in sorted((ROOT / "quizzes").glob("*.yaml"))]
for art in sorted((ROOT / "articles").iterdir()):
    for ex in ("fact-or-opinion", "contradictions", "check-claims"):
        quizzes.append(Quiz.from_exercise(art, ex))
body = "\n".join(f"<h2>{q.spec['title']}</h2>" + static_html(q.spec) for q in quizzes)
out = Path(__file__).parent / "real.html"
out.write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Real banks</title><link rel="icon" href="data:,"></head><body><main><h1>Real banks</h1>{body}</main>
<script src="/generator/static/quiz-book.js"></script></body></html>""")

class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(ROOT)))
threading.Thread(target=srv.serve_forever, daemon=True).start()
fails = 0
with sync_playwright() as p:
    br = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    for w in (1200, 360):
        page = br.new_page(viewport={"width": w, "height": 800})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"http://127.0.0.1:{srv.server_port}/tests/js/real.html")
        page.wait_for_selector(".mlq-question")
        if w == 360:
            for t in ("select-text", "classify", "match"):
                page.locator(f'.mlq-question[data-type="{t}"]').first.screenshot(path=f"/tmp/real-{t}.png")
        n = page.locator(".mlq-question").count()
        types = sorted(set(page.locator(".mlq-question").evaluate_all("els => els.map(e => e.dataset.type)")))
        for q in page.locator(".mlq-question").all():
            for sel in (".mlq-opt input", ".mlq-seg", "input.mlq-input", "select"):
                c = q.locator(sel)
                if c.count():
                    if sel == "input.mlq-input": c.first.fill("12")
                    elif sel == "select": [s.select_option(index=1) for s in c.all()]
                    else: c.first.click()
                    break
            q.locator(".mlq-check").click()
        missing = page.locator(".mlq-feedback:not([data-result])").count()
        sw = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        page.add_script_tag(path=str(Path(__file__).parent.parent / "browser" / "node_modules/axe-core/axe.min.js"))
        v = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
        bad = [(x["id"], x["impact"], x["nodes"][0]["target"]) for x in v if x["impact"] in ("serious", "critical")]
        print(f"width {w}: {len(quizzes)} quizzes, {n} questions, types {types}; unchecked {missing}; scroll {sw}; axe serious/critical {bad}; errors {errors}")
        seed = page.evaluate("localStorage.getItem('medialit:seed')")
        for q in quizzes:
            st = json.loads(page.evaluate(f"localStorage.getItem('medialit:quiz:{q.spec['id']}')"))
            want = py_score(q.spec, st["answers"], seed)
            if st["score"] != want:
                fails += 1; print("   SCORE MISMATCH", q.spec["id"], st["score"], want)
        print("   JS scores equal generator.grading.score for the stored answers")
        print("   scores:", page.locator(".mlq-score").all_inner_texts())
        fails += bool(missing or sw[0] > sw[1] or bad or errors)
    br.close()
srv.shutdown()
out.unlink()
sys.exit(1 if fails else 0)
