"""Browser checks for the quiz runtime (static loader + quiz.js + quiz.css).

Run from the repository root:
    node tests/js/make_fixture.mjs
    (axe-core comes from tests/browser, installed by scripts/setup.sh --test)
    .venv/bin/python tests/js/drive.py
"""
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from generator.seeding import drawn_ids as draw_ids  # noqa: E402
from generator.seeding import option_order  # noqa: E402

AXE = Path(__file__).parent.parent / "browser" / "node_modules/axe-core/axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
handler = functools.partial(Quiet, directory=str(ROOT))
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
URL = f"http://127.0.0.1:{srv.server_port}/tests/js/harness.html"
results = []

def ok(name, cond, info=""):
    results.append((name, bool(cond)))
    print(("PASS " if cond else "FAIL ") + name + (f"  [{info}]" if info and not cond else ""))

def Q(page, qid): return page.locator(f'.mlq-question[data-qid="{qid}"]')
def score(page, quiz="all-types"): return page.locator(f'.mlq-quiz[data-quiz-id="{quiz}"] .mlq-score').inner_text()
def result(page, qid): return Q(page, qid).locator(".mlq-feedback").get_attribute("data-result")

def answer(page, qid, right):
    q = Q(page, qid)
    t = q.get_attribute("data-type")
    if t == "single": q.get_by_label("2013" if right else "2014", exact=True).check()
    elif t == "multiple":
        for lab in ("Serval", "Barkhane", "Takuba", "Overlord"):
            q.get_by_label(lab, exact=True).set_checked(lab != "Overlord" if right else lab in ("Serval", "Overlord"))
    elif t == "true-false": q.get_by_label("True" if right else "False", exact=True).check()
    elif t == "numeric": q.get_by_label("Your answer").fill("5050" if right else "10")
    elif t == "text": q.get_by_label("Your answer").fill("  BAMAKO " if right else "Paris")
    elif t == "order":
        target = ["Open a new tab", "Search the publisher", "Compare"] if right else ["Search the publisher", "Compare", "Open a new tab"]
        for i, name in enumerate(target):
            while q.locator(".mlq-otext").all_inner_texts().index(name) > i:
                q.get_by_role("button", name=f"Move {name} up").click()
    elif t == "match":
        q.get_by_label("Sahel").select_option(label="semi-arid belt" if right else "military government")
        q.get_by_label("Junta").select_option(label="military government" if right else "semi-arid belt")
    elif t == "classify":
        q.get_by_label("France sent troops in 2013.").select_option("Fact" if right else "Opinion")
        q.get_by_label("The strategy was a disgrace.").select_option("Opinion" if right else "Fact")
    elif t == "select-text":
        for w in ("humiliating", "shameful", "Mali"):
            b = q.get_by_role("button", name=w, exact=True)
            want = (w != "Mali") if right else (w == "Mali")
            if (b.get_attribute("aria-pressed") == "true") != want: b.click()
    q.locator(".mlq-check").click()

def axe(page, label):
    assert AXE.exists(), "axe-core is missing: run scripts/setup.sh --test"
    page.add_script_tag(path=str(AXE))
    r = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in r["violations"] if v["impact"] in ("serious", "critical")]
    other = [(v["id"], v["impact"]) for v in r["violations"] if v["impact"] not in ("serious", "critical")]
    ok(f"axe {label}: no serious/critical", not bad, bad)
    if other: print("   (minor axe findings:", other, ")")

QIDS = ["serval-year", "actors", "tf", "troops", "capital", "steps", "pairs", "fact-op", "loaded"]
with sync_playwright() as p:
    br = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    ctx = br.new_context()
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(URL)
    page.wait_for_selector('.mlq-quiz[data-quiz-id="all-types"] .mlq-question')
    ok("all 9 types rendered", page.locator('.mlq-quiz[data-quiz-id="all-types"] .mlq-question').count() == 9)
    ok("sanitizer: no xss", page.evaluate("window.__xss === undefined"))
    ok("sanitizer: javascript: href dropped, https kept", page.locator('a:text("bad link")').first.get_attribute("href") is None
       and page.locator('a:text("good link")').first.get_attribute("href") == "https://example.org/")
    ok("sanitizer: onerror dropped", page.locator(".mlq-prompt img").first.get_attribute("onerror") is None)
    ok("title is text, not HTML", page.locator('.mlq-quiz[data-quiz-id="drawn"] .mlq-title').inner_text() == "Drawn quiz <b>bold?</b>")
    seed = page.evaluate("localStorage.getItem('medialit:seed')")
    ok("seed created in localStorage", seed and len(seed) == 16, seed)
    spec = json.loads((ROOT / "tests/js/spec-all-types.json").read_text())
    q0 = spec["questions"][0]
    shown = page.locator('.mlq-question[data-qid="serval-year"] input').evaluate_all("els => els.map(e => e.value)")
    ok("option order = Python reference for this seed", shown == option_order(spec, q0, seed), (shown, option_order(spec, q0, seed)))
    ok("pinned option last", shown[-1] == "d")
    drawn_spec = dict(spec, id="drawn", draw=3, questions=[{"id": q["id"] + "-d"} for q in spec["questions"][:5]])
    got = page.locator('.mlq-quiz[data-quiz-id="drawn"] .mlq-question').evaluate_all("els => els.map(e => e.dataset.qid)")
    ok("draw = Python reference", got == draw_ids(drawn_spec, seed), (got, draw_ids(drawn_spec, seed)))
    ok("initial score", score(page) == "Score: 0 of 10 points · 0 of 9 answered", score(page))
    axe(page, "light, fresh")

    # right then wrong, per type
    for i, qid in enumerate(QIDS):
        before = score(page)
        answer(page, qid, True)
        ok(f"{qid}: right -> correct", result(page, qid) == "correct", result(page, qid))
        fb = Q(page, qid).locator(".mlq-feedback")
        ok(f"{qid}: feedback words + icon", fb.inner_text().startswith("✓ Correct") and fb.get_attribute("role") == "status")
        ok(f"{qid}: score changed", score(page) != before, score(page))
        answer(page, qid, False)
        ok(f"{qid}: wrong -> incorrect", result(page, qid) == "incorrect", (result(page, qid), fb.inner_text()))
        ok(f"{qid}: wrong text", "✗ Not quite" in fb.inner_text())
    st = json.loads(page.evaluate("localStorage.getItem('medialit:quiz:all-types')"))
    ok("stored score after all wrong", st["score"] == {"points": 0, "max": 10, "answered": 9, "total": 9}, st["score"])
    # partial + per-option feedback
    q = Q(page, "actors")
    for lab in ("Serval", "Barkhane", "Takuba", "Overlord"): q.get_by_label(lab, exact=True).set_checked(lab != "Takuba")
    q.locator(".mlq-check").click()
    t = q.locator(".mlq-feedback").inner_text()
    ok("multiple partial", result(page, "actors") == "partial" and "◐ Partly correct (2 of 3, minus 1 wrong pick)" in t and "Overlord was 1944." in t, t)
    ok("partial score 1/3", score(page).startswith("Score: 0.33 of 10"), score(page))
    answer(page, "capital", True)
    Q(page, "capital").get_by_label("Your answer").fill("bmako city"); Q(page, "capital").get_by_label("Your answer").press("Enter")
    ok("text pattern + Enter key", result(page, "capital") == "correct")
    answer(page, "troops", True)
    answer(page, "steps", True)
    ok("score points weighted", score(page) == "Score: 4.33 of 10 points · 9 of 9 answered", score(page))
    axe(page, "light, with feedback")
    # hint
    hb = Q(page, "serval-year").locator(".mlq-hint-btn")
    hb.click()
    ok("hint toggles with aria-expanded", hb.get_attribute("aria-expanded") == "true" and Q(page, "serval-year").locator(".mlq-hint").is_visible())
    # reload keeps progress
    page.reload(); page.wait_for_selector(".mlq-question")
    ok("reload: score kept", score(page) == "Score: 4.33 of 10 points · 9 of 9 answered", score(page))
    ok("reload: feedback re-graded", result(page, "actors") == "partial" and result(page, "steps") == "correct" and result(page, "tf") == "incorrect")
    ok("reload: inputs restored", Q(page, "troops").get_by_label("Your answer").input_value() == "5050"
       and Q(page, "loaded").get_by_role("button", name="Mali").get_attribute("aria-pressed") == "true"
       # (text_contents: a question far below the viewport is not rendered yet, content-visibility: auto, so it has no innerText)
       and Q(page, "steps").locator(".mlq-otext").all_text_contents() == ["Open a new tab", "Search the publisher", "Compare"])
    ok("reload: same seed", page.evaluate("localStorage.getItem('medialit:seed')") == seed)
    page.locator('.mlq-quiz[data-quiz-id="all-types"] .mlq-reset').click()
    ok("reset clears", score(page) == "Score: 0 of 10 points · 0 of 9 answered" and Q(page, "tf").locator(".mlq-feedback").inner_text() == ""
       and not Q(page, "tf").get_by_label("False").is_checked(), score(page))
    page.reload(); page.wait_for_selector(".mlq-question")
    ok("reset persisted", score(page) == "Score: 0 of 10 points · 0 of 9 answered")
    errors = [e for e in errors if "404" not in e]  # the fixture's deliberately broken <img src=x>
    ok("no console errors", not errors, errors)
    ctx.close()

    # keyboard only, fresh storage
    ctx = br.new_context(); page = ctx.new_page(); page.goto(URL); page.wait_for_selector(".mlq-question")
    kb = page.keyboard
    def tab_to(sel_js, limit=80):
        for _ in range(limit):
            kb.press("Tab")
            if page.evaluate(f"(() => {{ const a = document.activeElement; return !!a && a.matches({json.dumps(sel_js)}); }})()"): return True
        raise AssertionError("could not Tab to " + sel_js)
    def focused_outline():
        return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    base = '.mlq-question[data-qid="%s"] '
    # single: Tab to the group, arrow to '2013'
    tab_to(base % "serval-year" + "input")
    for _ in range(4):
        if page.evaluate("document.activeElement.labels[0].innerText") == "2013": break
        kb.press("ArrowDown")
    kb.press("Space")
    ok("keyboard: visible focus outline", focused_outline() not in ("none", ""), focused_outline())
    tab_to(base % "serval-year" + ".mlq-check"); kb.press("Enter")
    tab_to(base % "actors" + "input")
    for _ in range(4):
        if page.evaluate("document.activeElement.labels[0].innerText") != "Overlord": kb.press("Space")
        kb.press("Tab")
    tab_to(base % "actors" + ".mlq-check"); kb.press("Space")
    tab_to(base % "tf" + "input"); kb.press("Space")  # first radio is True
    tab_to(base % "tf" + ".mlq-check"); kb.press("Enter")
    tab_to(base % "troops" + "input"); kb.type("5000"); kb.press("Enter")
    tab_to(base % "capital" + "input"); kb.type("Bamako")
    tab_to(base % "capital" + ".mlq-check"); kb.press("Enter")
    tab_to(base % "steps" + 'button[aria-label="Move Compare down"]'); kb.press("Enter"); kb.press("Enter")
    ok("keyboard: focus stays usable after moving to the end", page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move Compare up")
    tab_to(base % "steps" + ".mlq-check"); kb.press("Enter")
    tab_to(base % "pairs" + "select"); page.keyboard.press("s")  # type-ahead: "semi-arid belt"
    tab_to(base % "pairs" + "select"); page.keyboard.press("m")
    tab_to(base % "pairs" + ".mlq-check"); kb.press("Enter")
    tab_to(base % "fact-op" + "select"); page.keyboard.press("f")
    tab_to(base % "fact-op" + "select"); page.keyboard.press("o")
    tab_to(base % "fact-op" + ".mlq-check"); kb.press("Enter")
    tab_to(base % "loaded" + '.mlq-seg[data-sid="s1"]'); kb.press("Enter")
    tab_to(base % "loaded" + '.mlq-seg[data-sid="s3"]'); kb.press("Space")
    tab_to(base % "loaded" + ".mlq-check"); kb.press("Enter")
    res = {qid: result(page, qid) for qid in QIDS}
    ok("keyboard: whole quiz correct", all(v == "correct" for v in res.values()), res)
    ok("keyboard: full score", score(page) == "Score: 10 of 10 points · 9 of 9 answered", score(page))
    ctx.close()

    # dark theme + phone width
    ctx = br.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = ctx.new_page(); page.goto(URL + "?theme=dark"); page.wait_for_selector(".mlq-question")
    for qid in QIDS: answer(page, qid, qid in ("tf", "steps", "loaded"))
    Q(page, "loaded").locator(".mlq-hint-btn").click()
    sw = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    ok("360px: no horizontal scroll", sw[0] <= sw[1], sw)
    ok("dark: color-scheme dark on quiz", page.evaluate("getComputedStyle(document.querySelector('.mlq')).colorScheme") == "dark")
    axe(page, "dark 360px")
    ctx.close()

    # localStorage unavailable (private mode): works from memory
    ctx = br.new_context(); page = ctx.new_page()
    page.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})")
    errors = []; page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(URL); page.wait_for_selector(".mlq-question")
    answer(page, "tf", True)
    ok("no localStorage: works", result(page, "tf") == "correct" and score(page).startswith("Score: 1 of 10") and not errors, (score(page), errors))
    ctx.close()
    # kernel-style host: two views of one model, Python writing answers, seed change, cleanup
    ctx = br.new_context(); page = ctx.new_page(); page.goto(URL.replace("harness.html", "kernel.html")); page.wait_for_selector(".mlq-question")
    v1, v2 = page.locator("#v1"), page.locator("#v2")
    v1.locator('.mlq-question[data-qid="tf"]').get_by_label("True").check(); v1.locator('.mlq-question[data-qid="tf"] .mlq-check').click()
    ok("kernel: check saves", page.evaluate("model.saves") >= 1 and page.evaluate("model.get('answers')") == {"tf": True})
    ok("kernel: other view follows", v2.locator('.mlq-question[data-qid="tf"] .mlq-feedback').get_attribute("data-result") == "correct"
       and v2.locator('.mlq-question[data-qid="tf"]').get_by_label("True").is_checked())
    page.evaluate("model.set('answers', {troops: 10, steps: ['a', 'b', 'c'], tf: true})")
    ok("kernel: answers from Python re-graded", v1.locator('.mlq-question[data-qid="troops"] .mlq-feedback').get_attribute("data-result") == "incorrect"
       and v1.locator('.mlq-question[data-qid="steps"] .mlq-feedback').get_attribute("data-result") == "correct"
       and page.evaluate("model.get('score')") == {"points": 2, "max": 10, "answered": 3, "total": 9}, page.evaluate("model.get('score')"))
    o1 = v1.locator('.mlq-question[data-qid="serval-year"] input').evaluate_all("els => els.map(e => e.value)")
    page.evaluate("model.set('seed', 'bob')")
    o2 = v1.locator('.mlq-question[data-qid="serval-year"] input').evaluate_all("els => els.map(e => e.value)")
    ok("kernel: seed change re-renders with new order", o1 == option_order(spec, q0, "alice") and o2 == option_order(spec, q0, "bob"), (o1, o2))
    # the first question is built at once, the others in a task right after; a seed change or a cleanup before that
    # task cancels it (no second set of questions, nothing left behind)
    staged = page.evaluate("""async () => {
      const tick = () => new Promise((ok) => setTimeout(ok, 20)), count = (el) => el.querySelectorAll('.mlq-question').length;
      const a = document.createElement('div'), b = document.createElement('div');
      document.body.append(a, b);
      const before = model.listeners(), stopA = widget.render({ model, el: a });
      const atOnce = count(a);
      model.set('seed', 'carol');
      const stopB = widget.render({ model, el: b });
      stopB();
      await tick();
      const out = { atOnce, later: count(a), ids: new Set(Array.from(a.querySelectorAll('.mlq-question'), (q) => q.dataset.qid)).size,
        afterCleanup: count(b), leftover: b.childNodes.length };
      stopA(); a.remove(); b.remove();
      out.listeners = model.listeners() - before;
      model.set('seed', 'bob');
      return out;
    }""")
    ok("kernel: first question at once, the rest right after; cancelled by a seed change or a cleanup",
       staged == {"atOnce": 1, "later": 9, "ids": 9, "afterCleanup": 0, "leftover": 0, "listeners": 0}, staged)
    page.evaluate("cleanup.forEach((f) => f())")
    ok("kernel: cleanup removes DOM and listeners", page.locator(".mlq-quiz").count() == 0 and page.evaluate("model.listeners()") == 0)
    ctx.close()
    br.close()

srv.shutdown()
failed = [n for n, c in results if not c]
print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
