"""MkDocs glue only: configuration, hooks, generated files, nav, link injection, the
export, and watching the seeds folder. All the work is done by the pipeline modules."""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import os
import posixpath
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import (
    Navigation,
    Section,
    _add_parent_links,
    _add_previous_and_next_links,
    _get_by_type,
)
from mkdocs.structure.pages import Page

from . import site
from .briefing import (
    Briefing,
    Cache,
    EarlyRead,
    build_briefing,
    default_workers,
    pool_context,
    share_registry,
    start_reading,
    warm_up,
)
from .cache import DiskCache
from .config import ChinaBelarusConfig
from .models import Options
from .render import cut_quiet, fill_slots, quiet, search_text, slot
from .rules import DataFileError

if TYPE_CHECKING:
    from .linkpool import BackgroundLinker

log = get_plugin_logger(__name__)

COMPARISON_MARKER = "<!-- china-belarus:comparison -->"
OVERVIEW_MARKER = "<!-- china-belarus:overview -->"  # headline figures and the timeline
# Link in a background process (while MkDocs converts the next pages and renders their
# templates) from this many documentation pages, with two or more workers; below it a
# process costs more than it saves.
BACKGROUND_LINK_MIN_PAGES = 150
# A generated page whose Markdown is this long (the comparison page) has its conversion
# cached: a build of an unchanged corpus does not convert it again.
CONVERTED_MIN_CHARS = 20_000
ASSET_DIR = "assets/china-belarus"
ASSETS = {name: (Path(__file__).parent / "assets" / name).read_text(encoding="utf-8")
          for name in ("sources.css", "sources.js")}


def _freeze_at_exit() -> None:
    gc.freeze()


def _skip_final_collection() -> None:
    """When the process exits, move what is alive out of the collector's reach first:
    Python's shutdown otherwise runs full collections over the whole heap (a build's
    briefing and caches: about 0.2 s of a 300-article build, against 0.03 s). Objects
    are still freed as their references go; only cycles left at exit stay uncollected,
    as the operating system reclaims the memory anyway. Registered once per process."""
    if not getattr(_freeze_at_exit, "registered", False):
        atexit.register(_freeze_at_exit)
        _freeze_at_exit.registered = True  # type: ignore[attr-defined]


class ChinaBelarusPlugin(BasePlugin[ChinaBelarusConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = Cache()
        self.briefing: Briefing | None = None
        self.site: site.SitePages | None = None
        self.registry: Any = None
        self._matcher: Any = None
        self._restored = False
        self._tried_load = False
        self._serving = False
        self.seeds_dir: Path | None = None
        self._early: EarlyRead | None = None
        self.watch: list[str] = []
        self._entity_files: dict[str, File] = {}
        self._page_files: dict[str, File] = {}
        self._linker: BackgroundLinker | None = None
        self._link_in_background = False
        self._pending: dict[str, tuple[Page, str]] = {}
        self._quiet: dict[str, dict[str, str]] = {}  # per page, the blocks kept out of the search index
        self._searched: dict[str, tuple[str, str]] = {}  # per page, its content and what the search index reads
        self.disk: DiskCache | None = None
        self._dirty = False
        self._link_context = ""
        self._links_used: set[str] = set()
        self._link_keys: dict[str, str] = {}
        self._convert_context = ""
        self._converted_used: set[str] = set()
        self._converted_pending: dict[str, tuple[str, bool]] = {}
        self.converted_hits = 0  # pages whose conversion came from the cache (tests)

    @property
    def matcher(self):
        """The registry's matcher: the one this build already made, or made on first use."""
        if self._matcher is None and self.registry is not None:
            from .briefing import shared_matcher
            from .entities import Matcher

            self._matcher = (shared_matcher(self.registry) or (self.site.matcher if self.site is not None else None)
                             or Matcher(self.registry))
        return self._matcher

    # -- lifecycle ------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its cache) across `mkdocs serve` rebuilds.
        self.cache = Cache()
        self._serving = command == "serve"
        _skip_final_collection()

    def on_config(self, config):
        if not self.config.enabled:
            return config
        if not self._serving:
            # MkDocs keeps this instance for the whole process (because of on_startup):
            # outside `mkdocs serve`, every build starts from the cache on disk only, so
            # that builds of other projects in the same process never share entries.
            self.cache = Cache()
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.seeds_dir = (root / self.config.seeds_dir).resolve()
        extra = str((root / self.config.boilerplate).resolve()) if self.config.boilerplate else None
        self.options = Options(
            section=self.config.section,
            use_directory_urls=config.use_directory_urls,
            boilerplate_min_seeds=self.config.boilerplate_min_seeds,
            extra_boilerplate=extra,
            workers=self.config.workers,
        )
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{name}" not in [str(x) for x in target]:
                target.append(f"{ASSET_DIR}/{name}")
        self.watch = [str(self.seeds_dir)]
        if extra:
            self.watch.append(extra)
        self.disk = None
        self._tried_load = False
        if self.config.cache:
            from .cache import cache_key

            user_files = [str((root / self.config.entities).resolve()) if self.config.entities else None, extra]
            key = cache_key(user_files, default_entities=self.config.default_entities,
                            boilerplate_min_seeds=self.config.boilerplate_min_seeds,
                            extensions=list(self.options.extensions))
            cache_dir = (root / self.config.cache_dir).resolve()
            docs_dir = Path(config.docs_dir).resolve()
            if cache_dir == docs_dir or docs_dir in cache_dir.parents:
                raise PluginError(f"china-belarus: cache_dir '{self.config.cache_dir}' is inside docs_dir; "
                                  "MkDocs would publish it (and `mkdocs serve` rebuild forever)")
            self.disk = DiskCache(cache_dir, key)
        if self.config.entities:
            self.watch.append(str((root / self.config.entities).resolve()))
        self._early = None
        # What MkDocs loaded so far, and what is loaded below (rules, lexicons, registry,
        # the cleaner's warm-up, the cache on disk), stays alive for the whole build: the
        # cyclic garbage collector would only walk it again and again (about 0.2 s of a
        # first build's on_config, and a tenth of a second in the early workers). Frozen
        # first, so that the early workers forked below do not walk (nor copy) it either;
        # no collection while loading; what was loaded frozen too. (Undone in
        # on_post_build, with the freezes of on_files.)
        gc.freeze()
        collecting = gc.isenabled()
        try:
            # Validate the rules and the topic and framing lexicons before the build starts,
            # unless a cache file made under this key says a build already loaded these
            # very files (the key hashes them): then they are loaded only if needed.
            warm = self.disk is not None and self.disk.has_key()
            registry_args = (root, self.config.entities, self.config.default_entities)
            if not warm and self.cache.is_empty():
                # a first build: worker processes decode the seeds meanwhile, and one of
                # them loads the registry and makes its matcher first
                self._early = start_reading(self.seeds_dir, self.options, root,
                                            knowledge=(site.load_registry_for, registry_args))
            gc.disable()  # (after the fork: the early workers collect as usual)
            forking = self._early is not None and self._early.decoding and self._early.forked
            if not warm:
                from .rules import load_rules

                rules = load_rules(extra)
                from .meetings import load_lexicon

                load_lexicon()
                if forking:
                    warm_up(rules)  # the cleaner's share of `prepare`, while the registry loads
            else:
                self._load_cache()  # the registry too, made from these very files
            matcher = None
            if self.cache.registry is not None and warm:
                self.registry = self.cache.registry
            else:
                loaded = self._early.knowledge() if self._early is not None else None
                if loaded is not None:
                    self.registry, matcher = loaded
                else:
                    self.registry = site.load_registry_for(*registry_args)
                self.cache.registry = self.registry
            if forking:
                # what the cleaning workers will share (`briefing.prepare`; the cleaner's
                # part was made above)
                share_registry(self.registry, matcher)
        except (DataFileError, ValueError) as exc:
            self._close_early()
            raise PluginError(f"china-belarus: {exc}") from None
        except BaseException:
            self._close_early()
            raise
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
        return config

    def _close_early(self) -> None:
        if self._early is not None:
            self._early.close()
            self._early = None

    def _load_cache(self) -> None:
        """Fill the (empty) in-memory cache from the file on disk, once per build."""
        if self.disk is None or not self.cache.is_empty() or self._tried_load:
            return
        self._tried_load = True
        t0 = time.perf_counter()
        payload = self.disk.load()
        self._restored = payload is not None and self.cache.restore(payload)
        log.info(f"cache: {'loaded ' + str(self.disk.path) if self._restored else self.disk.problem} "
                 f"({time.perf_counter() - t0:.2f} s)")

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        # What is loaded by now (MkDocs, the config, the registry, the cache) stays alive
        # for the whole build: keep the cyclic garbage collector from walking it again at
        # every full collection while the articles come back from the workers. (Undone in
        # on_post_build, with the freeze below.)
        gc.freeze()
        self._load_cache()
        restored, self._restored = self._restored, False
        before = _cache_state(self.cache)
        try:
            assert self.seeds_dir is not None, "set in on_config"
            early, self._early = self._early, None
            self.briefing = build_briefing(
                self.seeds_dir, options=self.options, display_root=self.root, cache=self.cache,
                registry=self.registry, progress=log.info, early=early,
            )
        except (DataFileError, ValueError) as exc:
            raise PluginError(f"china-belarus: {exc}") from None
        self._dirty = not restored or _cache_state(self.cache) != before
        for problem in self.briefing.problems:
            log.warning(str(problem))
        t2 = time.perf_counter()
        self.site = site.SitePages(self.briefing, light=True)
        explicit_nav = config.nav is not None
        self._page_files = {}
        # the generated pages and exports, cached by the briefing's key and the options
        # they depend on (the disk key covers the package and knowledge files)
        site_key = (self.briefing.key, self.options.section, self.options.use_directory_urls)
        hit = self.cache.site.get(site_key)
        if hit is None:
            hit = (self.site.pages(), self.site.blocks, self.site.export_json(), self.site.comparison_csv())
            self.cache.site = {site_key: hit}
            self._dirty = True
        pages, self.site.blocks, export_json, comparison_csv = hit
        listed = set(_flatten(self.site.nav_sections(self.config.nav_sources, self.config.nav_entities)))
        for path, content in pages.items():
            if files.get_file_from_path(path) is not None:
                log.warning(f"'{path}' already exists in docs_dir; the generated page is not added")
                continue
            in_nav = path in listed and not explicit_nav
            f = File.generated(config, path, content=content,
                               inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
            files.append(f)
            self._page_files[path] = f
        for name, text in ASSETS.items():
            path = f"{ASSET_DIR}/{name}"
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=text))
        if self.config.export:
            # The exports are static files of the site: linkable from pages, copied to site_dir.
            export = self.config.export
            csv_path = posixpath.join(posixpath.dirname(export), "comparison.csv")
            for path, content in ((export, export_json), (csv_path, comparison_csv)):
                existing = files.get_file_from_path(path)
                if existing is not None:
                    files.remove(existing)
                    log.warning(f"'{path}' in docs_dir is replaced by the generated export")
                files.append(File.generated(config, path, content=content))
        self._entity_files = {eid: self._page_files[p] for eid, p in self.site.entity_paths.items()
                              if p in self._page_files}
        # linked pages are cached by their HTML, URL and own entity plus this context
        self._link_context = hashlib.sha256(json.dumps(
            [self.config.link_mode, self.registry.fingerprint() if self.registry is not None else "",
             sorted((eid, f.url) for eid, f in self._entity_files.items())]).encode()).hexdigest()
        self._links_used = set()
        self._link_keys = {}
        self._convert_context = hashlib.sha256(json.dumps(
            [self.briefing.key, config.use_directory_urls, repr(config.markdown_extensions),
             repr(sorted(config.mdx_configs.items())) if config.mdx_configs else ""],
            default=repr).encode()).hexdigest()
        self._converted_used = set()
        self._converted_pending = {}
        self._quiet = {}
        self._searched = {}
        self.converted_hits = 0
        self._matcher = None  # made when a page is first linked (a warm build may link none)
        workers = self.options.workers or default_workers()
        self._link_in_background = (workers > 1 and self.registry is not None and self.config.link_mode != "none"
                                    and bool(self._entity_files)
                                    and len(files.documentation_pages()) >= BACKGROUND_LINK_MIN_PAGES)
        log.info(f"{len(pages)} page(s) generated: {len(self.briefing.articles)} source(s) from "
                 f"{self.config.seeds_dir}, {len(self.site.entity_paths)} entity page(s), "
                 f"{len(self.briefing.meetings)} meeting(s) compared ({time.perf_counter() - t2:.2f} s)")
        self._t_pages = time.perf_counter()
        # The briefing stays alive for the whole build: keep the cyclic garbage collector
        # from walking it again at every full collection while MkDocs converts pages
        # (measured: about 1 s of a 1,000-article build). Undone in on_post_build.
        gc.freeze()
        if self._link_in_background and not self.cache.links:
            # a first build: every page will be linked, so the workers start now, while
            # MkDocs makes the nav and converts the first pages
            self._start_linker()
        return files

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        if not self.config.enabled or self.site is None:
            return nav
        ours = set(self._page_files)
        items = _without(nav.items, ours)
        for title, children in self.site.nav_sections(self.config.nav_sources, self.config.nav_entities):
            item = self._nav_item(title, children)
            if item is not None:
                items.append(item)
        pages = _get_by_type(items, Page)
        _add_previous_and_next_links(pages)
        for item in items:
            item.parent = None
        _add_parent_links(items)
        return Navigation(items, pages)

    def _nav_item(self, title: str, children: list):
        """A Section of our pages (a lone page stands on its own), recursively."""
        out = []
        for child in children:
            if isinstance(child, tuple):
                sub = self._nav_item(*child)
                if sub is not None:
                    out.append(sub)
            elif child in self._page_files and self._page_files[child].page is not None:
                out.append(self._page_files[child].page)
        if not out:
            return None
        if len(out) == 1 and isinstance(out[0], Page):
            return out[0]
        return Section(title, out)

    @event_priority(-100)  # the Markdown as other plugins left it
    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled or self.site is None:
            return markdown
        if COMPARISON_MARKER in markdown:
            markdown = markdown.replace(COMPARISON_MARKER, self.site.comparison_block(page.file.src_uri))
        if OVERVIEW_MARKER in markdown:
            markdown = markdown.replace(OVERVIEW_MARKER, self.site.overview_block(page.file.src_uri))
        path = page.file.src_uri
        if path in self._page_files and len(markdown) >= CONVERTED_MIN_CHARS:
            # a large generated page (the comparison page): its conversion is cached by
            # its Markdown, URL, the Markdown settings and the briefing's key
            key = hashlib.sha256("\0".join([self._convert_context, page.file.url, markdown]).encode()).hexdigest()
            self._converted_used.add(key)
            if key in self.cache.converted:
                self._converted_pending[path] = (key, True)
                self.converted_hits += 1
                return slot("page") + "\n"
            self._converted_pending[path] = (key, False)
            self._dirty = True
        return markdown

    @event_priority(100)  # first: other plugins see the whole page
    def _fill_page(self, html: str, *, page: Page, config, files: Files) -> str:
        path = page.file.src_uri
        if not self.config.enabled or path not in self._page_files:
            # a hand-written page with a marker: its blocks (the comparison's grids and pictures)
            if self.config.enabled and self.site is not None and path in self.site.blocks:
                html = self._fill_slots(html, path)
            return html
        pending = self._converted_pending.pop(path, None)
        if pending is not None:
            key, hit = pending
            if hit:
                html, toc, anchors, title = self.cache.converted[key]
                page.toc = _toc_from(toc)
                page.present_anchor_ids = set(anchors)
                page._title_from_render = title
            else:
                self.cache.converted[key] = (html, _toc_tuple(page.toc), tuple(sorted(page.present_anchor_ids or ())),
                                             page._title_from_render)
        html = self._fill_slots(html, path)
        _add_article_headings(page, html)
        # MkDocs checks links to anchors against what it saw while converting
        # Markdown: tell it about the anchors of the pre-rendered blocks
        if page.present_anchor_ids is not None:
            for block in (self.site.blocks if self.site else {}).get(path, {}).values():
                page.present_anchor_ids.update(_ID.findall(block))
        return html

    @event_priority(-50)  # after other plugins rendered their content; before search indexes it
    def _link_page(self, html: str, *, page: Page, config, files: Files) -> str:
        if (not self.config.enabled or self.registry is None or self.config.link_mode == "none"
                or not self._entity_files):
            return html
        own = self.site.entity_of_path(page.file.src_uri) if self.site else None
        key = hashlib.sha256(f"{self._link_context}\0{page.file.url}\0{own}\0{html}".encode()).hexdigest()
        self._links_used.add(key)
        linked = self.cache.links.get(key)
        if linked is not None:
            return linked
        self._link_keys[page.file.src_uri] = key
        self._dirty = True
        if self._link_in_background:
            linker = self._linker or self._start_linker()
            linker.submit(page.file.src_uri, html, page.file.url, own)
            self._pending[page.file.src_uri] = (page, html)
            return html  # linked in on_page_context, before its template is rendered
        linked = self._link(html, page, own)
        self.cache.links[key] = linked
        return linked

    def _start_linker(self) -> BackgroundLinker:
        """The background linker's worker processes, started. Forked workers are handed
        the matcher this build already made (if any); spawned ones make their own."""
        from mkdocs.utils import get_relative_url

        from .briefing import shared_matcher
        from .linkpool import BackgroundLinker

        workers = self.options.workers or default_workers()
        context = pool_context()
        matcher = shared_matcher(self.registry) if context.get_start_method() == "fork" else None
        self._linker = BackgroundLinker(
            self.registry, {eid: f.url for eid, f in self._entity_files.items()}, get_relative_url,
            mode=self.config.link_mode, workers=max(1, workers - 1), mp_context=context, matcher=matcher)
        self._linker.start()
        return self._linker

    def _fill_slots(self, html: str, path: str) -> str:
        """Put the pre-rendered HTML blocks of a generated page in place of their slots,
        except the late ones (`site.is_late`: a source's audit block, an entity
        page's table of mentions, the comparison's SVG pictures), which go in after the search index is made
        (`on_post_page`): searching then finds articles, not removed chrome, and an
        entity page by its name and description, not by the snippets of every article
        that mentions it."""
        blocks = self.site.blocks if self.site is not None else {}
        return fill_slots(html, {name: quiet(name, block) if site.is_quiet(name) else block
                                 for name, block in blocks.get(path, {}).items() if not site.is_late(name)})

    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if self.config.enabled and self.site is not None:
            blocks = self.site.blocks.get(page.file.src_uri, {})
            late = {name: block for name, block in blocks.items() if site.is_late(name)}
            late.update(self._quiet.pop(page.file.src_uri, {}))
            output = fill_slots(output, late)
        return output

    on_page_content = CombinedEvent(_fill_page, _link_page)

    def _link(self, html: str, page: Page, own: str | None) -> str:
        from .linking import link_entities

        targets = self._entity_files

        def url_for(eid: str) -> str | None:
            f = targets.get(eid)
            return f.url_relative_to(page.file) if f is not None else None

        new_html, _ = link_entities(html, self.matcher, self.registry, url_for,
                                    mode=self.config.link_mode, skip=own)
        return new_html

    @event_priority(100)  # first: the search index and the template see the linked page
    def _before_search(self, context, *, page: Page, config, nav):
        """Put in the links made in the background for this page, just before MkDocs
        renders its template: the workers go on linking the next pages meanwhile. Then
        take out the blocks the search index is not to read (`site.is_quiet`): they go
        back in with the late ones (`on_post_page`). The search plugins (MkDocs' and
        Material's, which index in this event) then read the page without the markup
        they skip anyway (`search_text`: entity links as their text, per-line anchors):
        parsing it was most of their time on a source page. `_after_search` puts it back."""
        pending = self._pending.pop(page.file.src_uri, None) if self._linker is not None else None
        if pending is not None:
            self._put_links(page.file.src_uri, *pending)
        if self.config.enabled and page.content:
            page.content, cut = cut_quiet(page.content)
            if cut:
                self._quiet[page.file.src_uri] = cut
            light = search_text(page.content)
            if light != page.content:
                self._searched[page.file.src_uri] = (page.content, light)
                page.content = light
        return context

    @event_priority(-100)  # last: after the search plugins read the page, before its template
    def _after_search(self, context, *, page: Page, config, nav):
        held = self._searched.pop(page.file.src_uri, None)
        if held is not None and page.content is held[1]:
            page.content = held[0]  # (a plugin that changed the page since keeps its change)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def _put_links(self, key: str, page: Page, html: str) -> None:
        assert self._linker is not None
        linked = self._linker.result(key)
        if key in self._link_keys:
            self.cache.links[self._link_keys[key]] = linked  # the links of `html`, whatever became of the page
        if page.content is html or page.content == html:
            page.content = linked
        else:  # a later plugin changed the page after us: link what it made
            assert self.site is not None and page.content is not None
            page.content = self._link(page.content, page, self.site.entity_of_path(key))

    def _close_linker(self) -> None:
        if self._linker is not None:
            self._linker.close()
        self._linker = None
        self._pending = {}

    def on_post_build(self, *, config) -> None:
        gc.unfreeze()
        try:
            # pages whose template was not rendered (`mkdocs serve --dirty`): their links still go to the cache
            for key, (page, html) in list(self._pending.items()):
                self._put_links(key, page, html)
        finally:
            self._close_linker()
        if self.config.enabled and self.site is not None:
            if len(self.cache.converted) != len(self._converted_used):
                self.cache.converted = {k: v for k, v in self.cache.converted.items() if k in self._converted_used}
                self._dirty = True
            if len(self.cache.links) != len(self._links_used):
                self.cache.links = {k: v for k, v in self.cache.links.items() if k in self._links_used}
                self._dirty = True
            if self.disk is not None and self._dirty:
                t1 = time.perf_counter()
                if self.disk.save(self.cache.payload()):
                    log.info(f"cache: saved {self.disk.path} ({time.perf_counter() - t1:.2f} s)")
                else:
                    log.info(f"cache: {self.disk.problem}")
            self._dirty = False
        if self.config.enabled and self.site is not None and getattr(self, "_t_pages", None):
            log.info(f"{len(self._page_files)} generated page(s) converted, linked and written "
                     f"({time.perf_counter() - self._t_pages:.2f} s)")

    def on_build_error(self, *, error: Exception) -> None:
        self._close_early()
        self._close_linker()
        gc.unfreeze()

    def on_shutdown(self) -> None:
        self._close_early()
        self._close_linker()
        self._serving = False

    def on_serve(self, server, *, config, builder):
        if self.config.enabled:
            for path in self.watch:
                if os.path.exists(path):
                    server.watch(path)
        return server


_ID = re.compile(r'<[a-z][a-z0-9]* id="([^"<>&]+)"')
_ARTICLE_HEADING = re.compile(r'<h2 id="(L\d+)" class="cb-heading">([^<]*)</h2>')


def _add_article_headings(page: Page, html: str) -> None:
    """An article's headings are raw HTML (`render._body_html`), which the `toc`
    extension does not see: add them to the page's table of contents, under its title."""
    from mkdocs.structure.toc import AnchorLink

    links = [AnchorLink(title, anchor, 2) for anchor, title in _ARTICLE_HEADING.findall(html)]
    if not links or page.toc is None:
        return
    items = page.toc.items
    (items[0].children if items and items[0].level == 1 else items).extend(links)


def _toc_tuple(items) -> tuple:
    """A page's table of contents as plain tuples (title, id, level, children)."""
    return tuple((i.title, i.id, i.level, _toc_tuple(i.children)) for i in items or ())


def _toc_from(items: tuple):
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def links(entries) -> list:
        out = []
        for title, anchor, level, children in entries:
            link = AnchorLink(title, anchor, level)
            link.children = links(children)
            out.append(link)
        return out

    return TableOfContents(links(items))


def _flatten(sections) -> list[str]:
    out: list[str] = []
    for item in sections:
        if isinstance(item, tuple):
            out += _flatten(item[1])
        else:
            out.append(item)
    return out


def _cache_state(cache: Cache) -> tuple:
    """Changes when a build (re)did work or dropped entries: then the disk copy is stale."""
    return (tuple(cache.work.values()), cache.groupings, len(cache.documents), len(cache.articles),
            len(cache.readings) + len(cache.stored_readings), len(cache.meetings) + len(cache.stored_meetings))


def _without(items: list, paths: set[str]) -> list:
    """The nav items minus the pages whose file is one of `paths` (and sections left empty)."""
    out = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in paths:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, paths)
            if not item.children:
                continue
        out.append(item)
    return out
