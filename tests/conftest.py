"""Shared helpers: real MkDocs projects written into tmp_path and built for real."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def write_project(root: Path, seeds: dict[str, str | bytes] | None = None, *, theme: str = "mkdocs",
                  use_directory_urls: bool = True, plugin: dict | None = None, docs: dict[str, str] | None = None,
                  nav: list | None = None, copy_seeds: bool = False, strict: bool = False) -> Path:
    """Write mkdocs.yml, docs and seeds under `root`; return the mkdocs.yml path."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in (docs or {"index.md": "# Home\n\nA briefing about China and Belarus.\n"}).items():
        p = root / "docs" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    seeds_dir = root / "seeds"
    seeds_dir.mkdir(exist_ok=True)
    if copy_seeds:
        for f in SEEDS.iterdir():
            shutil.copy(f, seeds_dir / f.name)
    for name, content in (seeds or {}).items():
        p = seeds_dir / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    cfg = {
        "site_name": "Test briefing",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": use_directory_urls,
        "theme": {"name": theme},
        "strict": strict,
        "plugins": ["search", {"china-belarus": plugin or {}}],
    }
    if nav is not None:
        cfg["nav"] = nav
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


def build_project(config_path: Path, **overrides):
    """Run the real MkDocs build; return (site_dir, config)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(config_path), **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Path(cfg.site_dir), cfg


def page_html(site: Path, url: str) -> str:
    """The HTML of a page by its URL ('sources/x/' or 'sources/x.html')."""
    path = site / url
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def load_export(site: Path) -> dict:
    return json.loads((site / "briefing.json").read_text(encoding="utf-8"))


@pytest.fixture
def seed_project(tmp_path):
    """A project with the five vendored seed articles."""
    return write_project(tmp_path, copy_seeds=True)


@pytest.fixture
def plugin_log(caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.mkdocs_china_belarus")
    return caplog


# -- meeting tests: articles written for the test, built into a briefing -------------------

def brief(tmp_path, registry, **articles):
    """Write each article as `<name>.txt` (dedented) and build the briefing."""
    import textwrap

    from mkdocs_china_belarus.briefing import build_briefing

    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, text in articles.items():
        (seeds / f"{name}.txt").write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return build_briefing(seeds, registry=registry)


def reports_of(b, article: str) -> list:
    """(meeting, report) for every report of `article`."""
    return [(m, r) for m in b.meetings for r in m.reports if r.article == article]


def one_news(b, article: str):
    """The one (meeting, report) that `article` reports as news."""
    found = [(m, r) for m, r in reports_of(b, article) if r.kind == "news"]
    assert len(found) == 1, [(m.id, r.kind, r.date) for m, r in reports_of(b, article)]
    return found[0]


@pytest.fixture(scope="module")
def registry():
    """The shipped entity registry."""
    from mkdocs_china_belarus.entities import load_registry

    return load_registry()


@pytest.fixture(scope="module")
def matcher(registry):
    from mkdocs_china_belarus.entities import Matcher

    return Matcher(registry)


def entity_ids(matcher, text: str) -> list[str]:
    """The entity ids the matcher finds in `text`, in order."""
    return [m.entity_id for m in matcher.find(text)]
