"""Page loads in headless Chromium (Debian's, through Playwright): time until a quiz is interactive, bytes loaded,
requests to other hosts.

Time to interactive is measured inside the page. An init script, which runs before any script of the page, watches
the DOM (MutationObserver, then a 4 ms poll after DOMContentLoaded). As soon as the quiz's first control exists it
clicks an option and checks that the click worked; the moment it works, `performance.now()` (milliseconds since the
navigation started) is the figure. What "works" means, per runtime:

- ours (`mlq`): a `.mlq-question .mlq-check` button exists; a click on the label of the first option of the first
  question that has options checks its input; a click on that question's Check button fills its feedback.
- jupyterquiz (`jq`): a `.Quiz .MCButton` option exists; a click on it fills the question's feedback (jupyterquiz
  grades a choice on click; it has no Check button).

Pages are served by Python's http.server in a process of its own. Each load runs in a new browser context (empty
cache, empty localStorage), after one untimed warm-up load per page, the pages taken in turn. Requests to any host
other than the local server are counted, then aborted, so the run stays offline. After the timed part, a real
Playwright click (trusted input events, actionability checks) confirms the page answers a user.
"""

from __future__ import annotations

import contextlib
import re
import statistics
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.browser_support import ARGS, CHROMIUM  # noqa: E402  (the test suite's Chromium and launch args)


@contextlib.contextmanager
def serve(folder: Path, gzip: bool = False) -> Iterator[str]:
    """Serve folder on 127.0.0.1 (benchmarks/server.py: HTTP/1.1 with keep-alive; text files gzipped with gzip), in a
    process of its own.

    The test suite's serve() runs the server in a thread of the calling process; here that process also drives
    Playwright, and the two would share one interpreter lock, which slows every extra file a page fetches."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "benchmarks.server", *(["--gzip"] if gzip else []),
                             str(folder)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        m = re.search(r"port (\d+)", line)
        if not m:
            raise RuntimeError(f"http.server did not start: {line!r}")
        yield f"http://127.0.0.1:{m.group(1)}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()

PROBE = r"""
(() => {
  const P = %s;
  const out = window.__bench = { script: null, ready: null, interactive: null, tries: 0, error: null };
  // the moment the quiz runtime's inline script enters the page: the first element <script> that holds JavaScript
  // (a quiz's data is a <script type="application/json">). The parser runs pending microtasks, this observer among
  // them, once the script's text is parsed and just before it runs the script.
  const isCode = (n) => n.nodeName === 'SCRIPT' && /^(|(application|text)\/javascript)$/i.test(n.type);
  // A student clicks what the browser has laid out: style and layout are brought up to date before the clicks, on
  // both pages. (Without this, the page whose click happens to need layout (a label focusing its radio button)
  // pays for it inside the measured time, and the other pays after it.)
  const layout = () => document.documentElement.getBoundingClientRect();
  function attempt() {
    if (out.interactive !== null) return true;
    try {
      if (P === 'mlq') {
        if (!document.querySelector('.mlq-question .mlq-check')) return false;
        if (out.ready === null) out.ready = performance.now();
        const q = Array.from(document.querySelectorAll('fieldset.mlq-question'))
          .find((f) => f.querySelector('.mlq-opt input'));
        if (!q) return false;
        out.tries++;
        layout();
        const inp = q.querySelector('.mlq-opt input');
        const lab = q.querySelector('label[for="' + inp.id + '"]');
        lab.click();
        if (!inp.checked) return false;
        q.querySelector('.mlq-check').click();
        const fb = q.querySelector('.mlq-feedback');
        if (!fb || !fb.textContent.trim()) return false;
      } else {
        const lab = document.querySelector('.Quiz .MCButton');
        if (!lab) return false;
        if (out.ready === null) out.ready = performance.now();
        out.tries++;
        layout();
        lab.click();
        const fb = lab.closest('.Quiz').querySelector('.Feedback');
        if (!fb || !fb.textContent.trim() || fb.style.display === 'none') return false;
      }
      out.interactive = performance.now();
      return true;
    } catch (e) { out.error = String(e); return false; }
  }
  const mo = new MutationObserver((records) => {
    const now = performance.now();
    if (out.script === null && records.some((r) => Array.from(r.addedNodes).some(isCode))) out.script = now;
    if (attempt()) mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true });
  const poll = () => { if (!attempt()) setTimeout(poll, 4); };
  document.addEventListener('DOMContentLoaded', poll);
})();
"""

TIMINGS = r"""() => {
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return Object.assign({}, window.__bench, {
    dom_content_loaded: nav.domContentLoadedEventEnd || null,
    load: nav.loadEventEnd || null,
    first_contentful_paint: fcp ? fcp.startTime : null,
    response_end: nav.responseEnd || null,
    runtime_files: performance.getEntriesByType('resource')
      .filter((e) => /quiz(-static|-book)?\.(js|css)$/.test(e.name))
      .map((e) => ({ file: e.name.split('/').pop(), start: Math.round(e.startTime), end: Math.round(e.responseEnd) })),
  });
}"""

VERIFY = {
    "mlq": """() => { const q = Array.from(document.querySelectorAll('fieldset.mlq-question'))
                  .filter((f) => f.querySelector('.mlq-opt input'))[1];
                return q ? q.querySelector('.mlq-opt label').getAttribute('for') : null; }""",
}


@dataclass
class Load:
    interactive_ms: float
    script_ms: float | None
    ready_ms: float
    fcp_ms: float | None
    load_ms: float | None
    bytes_total: int
    requests: int
    other_hosts: list[str]
    verified: bool
    timings: dict[str, Any]


def _median(vals: list[float | None]) -> float | None:
    vals = [v for v in vals if v is not None]
    return statistics.median(vals) if vals else None


def load_once(browser: Any, url: str, probe: str) -> Load:
    """One load in a fresh context (empty cache and storage)."""
    host = urlsplit(url).netloc
    ctx = browser.new_context()
    try:
        ctx.add_init_script(PROBE % repr(probe))
        requests: list[Any] = []
        other: list[str] = []

        def on_request(req: Any) -> None:
            parts = urlsplit(req.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
                other.append(req.url)
            requests.append(req)

        # Only requests to other hosts are intercepted (and aborted, so the run stays offline; on_request counts
        # them). The pattern is a regular expression, which Playwright matches in the browser's driver: a Python
        # handler on every request ("**/*") would hold each of the page's own files for a round trip through this
        # process (about 30 ms here), a delay no real visitor has, and one a page of one file pays only once.
        ctx.route(re.compile("^(?!" + re.escape(f"{urlsplit(url).scheme}://{host}/") + ")"), lambda r: r.abort())
        page = ctx.new_page()
        page.on("request", on_request)
        page.goto(url, wait_until="load")
        page.wait_for_function("() => window.__bench && window.__bench.interactive !== null", timeout=30_000)
        try:
            page.wait_for_load_state("networkidle", timeout=5_000)
        except Exception:  # noqa: BLE001 - a page that keeps polling still gets measured
            pass
        t = page.evaluate(TIMINGS)
        total = 0
        sizes: list[tuple[int, str]] = []
        for req in requests:
            resp = req.response()
            if resp is None:
                continue
            try:
                n = len(resp.body())
            except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                continue
            total += n
            sizes.append((n, urlsplit(req.url).path))
        t["largest"] = [{"path": path, "bytes": n} for n, path in sorted(sizes, reverse=True)[:8]]
        verified = _verify(page, probe)
        return Load(interactive_ms=t["interactive"], script_ms=t["script"], ready_ms=t["ready"],
                    fcp_ms=t["first_contentful_paint"], load_ms=t["load"], bytes_total=total, requests=len(requests),
                    other_hosts=sorted(set(other)), verified=verified, timings=t)
    finally:
        ctx.close()


def summary(url: str, runs: list[Load]) -> dict[str, Any]:
    # from the runtime's script entering the page to interactive: the runtime's own time, without the browser's
    # navigation before it (the same work for both pages, and most of the load-to-load noise)
    own = [None if r.script_ms is None else r.interactive_ms - r.script_ms for r in runs]
    return {
        "url": url,
        "loads": len(runs),
        "interactive_ms_median": _median([r.interactive_ms for r in runs]),
        "ready_ms_median": _median([r.ready_ms for r in runs]),
        "first_contentful_paint_ms_median": _median([r.fcp_ms for r in runs]),
        "load_event_ms_median": _median([r.load_ms for r in runs]),
        "interactive_ms_all": [round(r.interactive_ms, 1) for r in runs],
        "runtime_ms_all": [None if x is None else round(x, 1) for x in own],
        "runtime_ms_median": _median(own),
        "bytes_loaded": max(r.bytes_total for r in runs),
        "requests": max(r.requests for r in runs),
        "other_host_requests": max(len(r.other_hosts) for r in runs),
        "other_hosts": sorted({u for r in runs for u in r.other_hosts}),
        "verified_by_real_click": all(r.verified for r in runs),
        "html_response_end_ms_median": _median([r.timings.get("response_end") for r in runs]),
        "runtime_files_last_load": runs[-1].timings.get("runtime_files") if runs else None,
        "largest_files_last_load": runs[-1].timings.get("largest") if runs else None,
    }


def _verify(page: Any, probe: str) -> bool:
    """A trusted click through Playwright on an option the probe did not touch; True when it takes effect."""
    try:
        if probe == "mlq":
            target = page.evaluate(VERIFY["mlq"])
            if not target:
                return False
            page.click(f'label[for="{target}"]', timeout=5_000)
            return bool(page.evaluate(f"() => document.getElementById({target!r}).checked"))
        labels = page.locator(".Quiz .MCButton")
        if labels.count() < 2:
            return False
        second_q = page.locator(".Quiz").nth(1)
        if second_q.locator(".MCButton").count() == 0:
            second_q = page.locator(".Quiz").filter(has=page.locator(".MCButton")).nth(1)
        second_q.locator(".MCButton").first.click(timeout=5_000)
        return bool(second_q.locator(".Feedback").inner_text().strip())
    except Exception:  # noqa: BLE001
        return False


def run_pages(pages: list[tuple[str, Path, str, str]], loads: int, warmup: int = 1) -> dict[str, dict[str, Any]]:
    """pages: (name, folder to serve, path under it, probe). Serves every folder on localhost at once (HTTP/1.1 with
    keep-alive), loads each page `warmup` times untimed, then `loads` times, taking the pages in turn (so a burst of
    load on the machine falls on all of them alike). Returns a summary per page."""
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[Load]] = {name: [] for name, *_ in pages}
    with contextlib.ExitStack() as stack, sync_playwright() as pw:
        urls = {name: f"{stack.enter_context(serve(folder))}/{path}" for name, folder, path, _ in pages}
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for i in range(warmup + loads):
                for name, _folder, _path, probe in pages:
                    load = load_once(browser, urls[name], probe)
                    if i >= warmup:
                        runs[name].append(load)
        finally:
            browser.close()
    return {name: summary(urls[name], runs[name]) for name in runs}


def chromium_version() -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            return str(browser.version)
        finally:
            browser.close()
