"""Screenshots of story families in a built site (issue 15): the five seeds plus copies
of three of them (saved again, CRLF, BOM, and a near copy of seed 000 with an intro
added and a spam token pasted), Material theme, opened in headless Chromium.

    .venv/bin/python benchmarks/families_screenshots.py

writes `benchmarks/families_meeting.png` (the 2025-06-04 meeting: one report from the
family of seed 000, its copies named in the folded details, the coverage flag and, unfolded,
what each copy changed: headline, paragraphs cut and added, words reworded) and
`benchmarks/families_source_page.png` (a carrier's page naming its family).
Needs Chromium (`/usr/bin/chromium`, or CB_CHROMIUM) and Playwright.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def build(root: Path) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    raw = {}
    for p in sorted((ROOT / "seeds").iterdir()):
        (seeds / p.name).write_bytes(p.read_bytes())
        raw[p.stem[:3]] = p.read_bytes()
    (seeds / "000_saved_again.txt").write_bytes(raw["000"])
    (seeds / "000_windows.txt").write_bytes(raw["000"].replace(b"\n", b"\r\n"))
    lines = raw["000"].decode("utf-8").split("\n")
    lines.insert(1, "Readers in our region have followed the ties between the two countries closely for years, and "
                    "local analysts told us they expect more such visits in the coming months.")
    lines = [ln.replace("Aside from vowing", "Aside from Phaninc Exchangevowing") for ln in lines]
    (seeds / "000_reposted.txt").write_text("\n".join(lines), encoding="utf-8")
    (seeds / "002_windows.txt").write_bytes(raw["002"].replace(b"\n", b"\r\n"))
    (seeds / "004_bom.txt").write_bytes(b"\xef\xbb\xbf" + raw["004"])
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Briefing\n", encoding="utf-8")
    cfg = {"site_name": "Copies and wire stories", "theme": {"name": "material"}, "docs_dir": "docs",
           "site_dir": "site", "plugins": ["search", {"china-belarus": {"cache": False}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    mkdocs_build(load_config(str(root / "mkdocs.yml")))
    return root / "site"


def main() -> None:
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="families-shots-"))
    site = build(root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out = ROOT / "benchmarks"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base + "meetings/#meeting-2025-06-04-beijing")
        # unfold what each copy changed (issue 15) and the per-source details, then cut the page
        # from this meeting's anchor to the next one
        page.evaluate("document.querySelectorAll('details.cb-copies, details.cb-details').forEach(d => d.open = true)")
        tops = page.evaluate("[...document.querySelectorAll('.cb-anchor')].map(e => e.getBoundingClientRect().top"
                             " + window.scrollY)")
        top = page.evaluate("document.getElementById('meeting-2025-06-04-beijing').getBoundingClientRect().top"
                            " + window.scrollY")
        after = sorted(y for y in tops if y > top + 5)
        bottom = after[0] if after else top + 1400
        page.screenshot(path=str(out / "families_meeting.png"), full_page=True,
                        clip={"x": 0, "y": top, "width": 1400, "height": bottom - top + 20})
        page.set_viewport_size({"width": 1400, "height": 700})
        page.goto(base + "sources/000_reposted/")
        page.screenshot(path=str(out / "families_source_page.png"))
        browser.close()
    httpd.shutdown()
    print(out / "families_meeting.png", out / "families_source_page.png", file=sys.stderr)


if __name__ == "__main__":
    main()
