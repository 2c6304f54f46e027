"""What the network page costs a reader's browser (issue #11), measured in Chromium with Playwright.

    .venv/bin/python bench/network_page.py SITE [SITE ...] [--runs 5] [--page network/]

Each SITE is a built hosted site (`BRIEFING_OFFLINE=false mkdocs build -d SITE`); it is served on
a free local port. With the CPU slowed 4x, as Lighthouse does, it prints per site the number of
elements on the page, the long tasks during load (total, and the blocking time above 50 ms), and
the network script's own time: setting up on a fresh copy of the form, one kind filter, one focus.
Medians of `--runs` page loads. Console errors are listed; there should be none.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import statistics
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
LONG_TASKS = (
    "window.__long = [];"
    "new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push(e.duration); })"
    ".observe({type: 'longtask', buffered: true});"
)
LOAD = """() => ({dom: document.getElementsByTagName("*").length,
  long: window.__long.reduce((s, d) => s + d, 0), blocking: window.__long.reduce((s, d) => s + Math.max(0, d - 50), 0)})"""
SCRIPT = """async () => {
  const src = await (await fetch(document.querySelector("script[src*='briefing-network.js']").src)).text();
  const form = document.querySelector("form.briefing-network-controls");
  const fresh = form.cloneNode(true);
  fresh.removeAttribute("data-bn-ready");
  form.replaceWith(fresh);
  let t = performance.now();
  (new Function(src))();
  document.body.offsetHeight;
  const setup = performance.now() - t;
  t = performance.now();
  fresh.querySelector("input[name=kind]").checked = false;
  fresh.dispatchEvent(new Event("change"));
  document.body.offsetHeight;
  const filter = performance.now() - t;
  const focus = fresh.querySelector("select[name=focus]");
  t = performance.now();
  focus.value = focus.options[1].value;
  fresh.dispatchEvent(new Event("change"));
  document.body.offsetHeight;
  return {setup, filter, focus: performance.now() - t};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure(url: str, runs: int) -> dict[str, object]:
    results: list[dict[str, float]] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.add_init_script(LONG_TASKS)
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(url, wait_until="load")
            page.wait_for_timeout(1500)
            result = page.evaluate(LOAD)
            result.update(page.evaluate(SCRIPT))
            results.append(result)
            context.close()
        browser.close()
    medians = {key: round(statistics.median(r[key] for r in results), 1) for key in results[0]}
    return {"url": url, **medians, "console_errors": sorted(set(errors))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="network/")
    args = parser.parse_args()
    for site in args.sites:
        with served(site) as base:
            print(json.dumps({"site": str(site), **measure(base + args.page, args.runs)}))


if __name__ == "__main__":
    main()
