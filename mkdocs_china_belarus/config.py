"""The plugin's typed configuration (`plugins: - china-belarus: {...}` in mkdocs.yml)."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class _Section(c.Type):
    """A URL prefix: one or more path segments of letters, digits, '-' and '_'."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = str(super().run_validation(value)).strip("/")
        if not value or not re.fullmatch(r"[\w-]+(?:/[\w-]+)*", value):
            raise ValidationError(f"must be a relative URL path such as 'sources' or 'briefing/sources', not {value!r}")
        return value


class _Export(c.BaseConfigOption):
    """A file name inside site_dir, or false to write no export."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | None:
        if value is False or value is None:
            return None
        if value is True:
            return self.default
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"must be a file name such as 'briefing.json' or false, not {value!r}")
        if value.startswith("/") or ".." in value.replace("\\", "/").split("/"):
            raise ValidationError(f"must be a path inside site_dir, not {value!r}")
        return value


class ChinaBelarusConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Set to false to build the site without the briefing pages."""

    seeds_dir = c.Type(str, default="seeds")
    """Folder of raw articles (`*.txt`, `*.md`, `*.html`), relative to mkdocs.yml, read recursively."""

    section = _Section(default="sources")
    """URL prefix and nav section of the generated source pages."""

    export = _Export(default="briefing.json")
    """The JSON export, written into site_dir (`comparison.csv` is written beside it); false disables both."""

    entities = c.Optional(c.Type(str))
    """Path (relative to mkdocs.yml) to your own entity registry, merged over the default one."""

    default_entities = c.Type(bool, default=True)
    """Set to false to use only the registry named by `entities`."""

    link_mode = c.Choice(("first", "all", "none"), default="first")
    """Which mentions to link on each page: the first of each entity, all of them, or none."""

    boilerplate = c.Optional(c.Type(str))
    """Path (relative to mkdocs.yml) to extra boilerplate patterns, same shape as data/boilerplate.yml."""

    boilerplate_min_seeds = c.Type(int, default=3)
    """A line recurring verbatim in this many unrelated seeds is dropped as site boilerplate."""

    workers = c.Type(int, default=0)
    """Processes for a large corpus: ingest, clean and read the articles in a pool, and
    link entities in a background process while MkDocs converts pages. 0 picks the
    number of cores; 1 does everything in the MkDocs process. Same output either way."""

    cache = c.Type(bool, default=True)
    """Keep the cleaned articles, their readings and the grouped meetings on disk
    between builds (in `cache_dir`), so that a build of an unchanged project redoes none
    of it. False reads and cleans every seed on every build (the output is the same)."""

    cache_dir = c.Type(str, default=".cache/plugin/china-belarus")
    """Folder of the cache, relative to mkdocs.yml (keep it out of docs_dir)."""

    nav_sources = c.Type(int, default=100)
    """Above this many sources, the nav lists only the Sources index (a table sortable by
    date and outlet, grouped by year), not one entry per source page: a nav of
    thousands of entries is unusable and makes every page, and the site, grow as N². 0
    never lists the source pages one by one."""

    nav_entities = c.Type(int, default=50)
    """Above this many entity pages, the nav lists only the Entities index (a table per
    kind: people, places, organisations ...), not one entry per entity: the registry
    holds about 1,500 entities, and a large corpus names hundreds of them. 0 never lists
    the entity pages one by one."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            if self.boilerplate_min_seeds < 2:
                failed.append(("boilerplate_min_seeds", ValidationError("must be 2 or more")))
            for name in ("nav_sources", "nav_entities"):
                if getattr(self, name) < 0:
                    failed.append((name, ValidationError("must be 0 or a positive number")))
            if not self.cache_dir.strip():
                failed.append(("cache_dir", ValidationError("must be a folder such as '.cache/plugin/china-belarus'")))
            if self.workers < 0:
                failed.append(("workers", ValidationError("must be 0 (automatic) or a positive number")))
            if not self.default_entities and not self.entities:
                failed.append(("default_entities", ValidationError(
                    "is false, so `entities` must name your own registry file")))
        return failed, warnings
