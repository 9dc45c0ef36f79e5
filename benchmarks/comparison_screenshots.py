"""Screenshots of the comparison (issue 14): home, "Meetings compared", a source page and
an entity page of the example site (this repository's `example_site/` docs and `seeds/`),
at 1280 × 900 and 390 × 844, with Material (light and dark) and the built-in mkdocs
theme; plus "Meetings compared" of a generated site where 40 sources report one meeting
(`tests/wide_meeting.py`).

    .venv/bin/python benchmarks/comparison_screenshots.py --tag before|after [--out DIR]

writes `<out>/<tag>-<site>-<theme>-<page>-<width>.png` (default out: test-artifacts/issue14).
Needs Chromium (`/usr/bin/chromium`, or CB_CHROMIUM) and Playwright.
"""

from __future__ import annotations

import argparse
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
PALETTE = [{"media": "(prefers-color-scheme: light)", "scheme": "default",
            "toggle": {"icon": "material/brightness-7", "name": "Dark mode"}},
           {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
            "toggle": {"icon": "material/brightness-4", "name": "Light mode"}}]
PAGES = {"home": "", "meetings": "meetings/", "source": "sources/004_cc17cc64c82bebc4/",
         "entity": "entities/alexander-lukashenko/"}


def build(root: Path, theme: str, seeds: dict[str, str] | None = None) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root.mkdir(parents=True, exist_ok=True)
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(ROOT / "example_site")
    cfg["site_dir"] = str(root / "site")
    cfg.pop("nav", None) if seeds else None
    seeds_dir = ROOT / "seeds"
    if seeds:
        seeds_dir = root / "seeds"
        seeds_dir.mkdir(parents=True, exist_ok=True)
        for name, text in seeds.items():
            (seeds_dir / name).write_text(text, encoding="utf-8")
        docs = root / "docs"
        docs.mkdir(exist_ok=True)
        (docs / "index.md").write_text("# Forty sources\n\n<!-- china-belarus:overview -->\n", encoding="utf-8")
        cfg["docs_dir"] = str(docs)
    for plugin in cfg["plugins"]:
        if isinstance(plugin, dict) and "china-belarus" in plugin:
            plugin["china-belarus"].update(seeds_dir=str(seeds_dir), cache=False)
    if theme == "mkdocs":
        cfg["theme"] = {"name": "mkdocs"}
    else:
        cfg["theme"]["palette"] = PALETTE
        cfg["theme"]["font"] = False
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    mkdocs_build(load_config(str(root / "mkdocs.yml")))
    return root / "site"


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tag", required=True)
    ap.add_argument("--out", default=str(ROOT / "test-artifacts" / "issue14"))
    ap.add_argument("--excerpts", metavar="DIR", help="also write the top 1,800 px of a few of the shots to DIR "
                    "(the ones kept in benchmarks/issue14/), and take no new shots")
    args = ap.parse_args()
    if args.excerpts:
        excerpts(Path(args.out), args.tag, Path(args.excerpts))
        return
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    from wide_meeting import wide_seeds

    tmp = Path(tempfile.mkdtemp(prefix="comparison-shots-"))
    sites = [("seeds", "material", build(tmp / "material", "material"), PAGES),
             ("seeds", "mkdocs", build(tmp / "mkdocs", "mkdocs"), PAGES),
             ("wide40", "material", build(tmp / "wide", "material", wide_seeds(40)),
              {"home": "", "meetings": "meetings/"})]
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for name, theme, site, pages in sites:
            httpd, base = serve(site)
            schemes = ["light", "dark"] if theme == "material" else ["light"]
            for scheme in schemes:
                label = theme if theme == "mkdocs" else f"material-{scheme}"
                for width, height in ((1280, 900), (390, 844)):
                    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                    for key, url in pages.items():
                        page.goto(base + url)
                        page.wait_for_timeout(150)
                        path = out / f"{args.tag}-{name}-{label}-{key}-{width}.png"
                        page.screenshot(path=str(path), full_page=True)
                        written.append(path)
                    page.close()
            httpd.shutdown()
        browser.close()
    for p in written:
        print(p)


EXCERPTS = ["seeds-material-light-home-1280", "seeds-material-light-meetings-1280", "seeds-material-dark-meetings-1280",
            "seeds-material-light-source-1280", "seeds-mkdocs-meetings-390", "seeds-material-light-entity-390",
            "wide40-material-light-meetings-1280", "wide40-material-dark-meetings-390"]


def excerpts(shots: Path, tag: str, out: Path, height: int = 1800) -> None:
    """The top of a few full-page shots, cropped in the browser (no imaging package)."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        for name in EXCERPTS:
            src = shots / f"{tag}-{name}.png"
            if not src.exists():
                continue
            holder = shots / "_excerpt.html"
            holder.write_text(f'<body style="margin:0"><img src="{src.name}"></body>', encoding="utf-8")
            page.goto(holder.as_uri())
            w, h = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
            page.set_viewport_size({"width": w, "height": min(h, height)})
            page.screenshot(path=str(out / f"{tag}-{name}.png"), clip={"x": 0, "y": 0, "width": w, "height": min(h, height)})
            print(out / f"{tag}-{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
