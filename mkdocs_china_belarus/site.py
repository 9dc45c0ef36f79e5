"""Every generated page of the briefing, as plain Markdown keyed by docs path, plus
the nav layout and the exports. Used by the MkDocs plugin and by the CLI (which can
write the pages for any other site generator). No MkDocs import here."""

from __future__ import annotations

import csv
import io
import posixpath
from functools import cached_property
from pathlib import Path

from .briefing import Briefing, article_urls, page_path, page_url, sort_newest_first
from .render import (
    doc_url,
    dumps,
    esc,
    export_data,
    front_matter,
    md_inline,
    rel_link,
    rel_url,
    slot,
    sortable_table,
    source_page,
    sources_index,
)

ENTITY_SECTION = "entities"
# Pre-rendered blocks the plugin puts in after the search index is made: the folded
# audit block of a source page, and the table of an entity page's mentions (snippets
# of the articles, which the search finds on the articles' own pages).
LATE_SLOTS = ("audit", "mentions")
# ...and the comparison's pictures (slots named "late-…"): inline SVG, which neither the
# entity linking nor the search index has anything to do with.
LATE_PREFIX = "late-"


# ...and the comparison's grids, folded details and copies of each meeting (slots named
# "quiet-…"): they go in before the page is linked, like any block, but are taken out
# again while the search index reads the page (it finds the articles they quote, not the
# comparison's repeats of them) and go back in with the late ones.
QUIET_PREFIX = "quiet-"


def is_late(name: str) -> bool:
    return name in LATE_SLOTS or name.startswith(LATE_PREFIX)


def is_quiet(name: str) -> bool:
    return name.startswith(QUIET_PREFIX)
MEETINGS_PAGE = "meetings.md"
KIND_TITLES = {"person": "People", "place": "Places", "organisation": "Organisations",
               "initiative": "Initiatives", "event": "Events and anniversaries", "outlet": "Outlets and agencies"}


def load_registry_for(root: Path, user_path: str | None, include_default: bool):
    """The entity registry for a project rooted at `root` (errors propagate)."""
    from .entities import load_registry

    path = (root / user_path) if user_path else None
    return load_registry(path, include_default=include_default)


class SitePages:
    """The generated pages. With `light=True` (the MkDocs plugin) the source pages,
    the Sources index tables and the entity pages' tables are pre-rendered HTML kept
    in `blocks` (docs path -> {slot name: HTML}) and the Markdown holds only the
    titles, headings and a slot for each (`render.slot`): Markdown conversion then
    costs about what the plain text would. Without, every page is self-contained
    Markdown (the CLI's `--pages`, for any site generator)."""

    def __init__(self, briefing: Briefing, *, light: bool = False) -> None:
        self.light = light
        self.blocks: dict[str, dict[str, str]] = {}
        self.b = briefing
        self.opts = briefing.options
        self.slugs = article_urls([a.id for a in briefing.articles], self.opts)
        self.registry = briefing.registry
        self._rel_cache: dict[tuple[str, ...], str] = {}
        self._md_cache: dict[str, str] = {}

    # -- paths ------------------------------------------------------------------------

    def article_path(self, article_id: str) -> str:
        return page_path(self.opts, self.slugs[article_id])

    @cached_property
    def entity_totals(self) -> dict[str, dict[str, int]]:
        """entity id -> {article id: count}, for entities mentioned in some article."""
        totals: dict[str, dict[str, int]] = {}
        for art_id, counts in self.b.mentions.items():
            for eid, n in counts.items():
                if n:
                    totals.setdefault(eid, {})[art_id] = n
        return totals

    @cached_property
    def entity_paths(self) -> dict[str, str]:
        if self.registry is None:
            return {}
        return {e.id: f"{ENTITY_SECTION}/{e.id}.md" for e in self.registry.entities if e.id in self.entity_totals}

    @cached_property
    def matcher(self):
        if self.registry is None:
            return None
        from .entities import Matcher

        return Matcher(self.registry)

    @cached_property
    def _entity_by_path(self) -> dict[str, str]:
        return {p: eid for eid, p in self.entity_paths.items()}

    def entity_of_path(self, path: str) -> str | None:
        return self._entity_by_path.get(path)

    @cached_property
    def _newest_rank(self) -> dict[str, int]:
        """Article id -> position in the newest-first order (sorted once, not per entity page)."""
        return {a.id: i for i, a in enumerate(sort_newest_first(self.b.articles))}

    @cached_property
    def _by_id(self) -> dict:
        return {a.id: a for a in self.b.articles}

    def article(self, article_id: str):
        """The article with this id (a dict look-up; `Briefing.article` scans)."""
        return self._by_id.get(article_id)

    def rel(self, here: str, target: str) -> str:
        """rel_link, memoised per (folder, target): every entity page links the same articles."""
        key = (posixpath.dirname(here), target)
        link = self._rel_cache.get(key)
        if link is None:
            link = self._rel_cache[key] = rel_link(here, target)
        return link

    def rel_url(self, here_url: str, target_url: str) -> str:
        """render.rel_url, memoised per (folder, target)."""
        head, tail = posixpath.split(here_url)
        key = ("url", head if "." in tail else here_url, target_url)
        link = self._rel_cache.get(key)
        if link is None:
            link = self._rel_cache[key] = rel_url(target_url, here_url)
        return link

    def _esc(self, text: str) -> str:
        """Text for an HTML cell (white space collapsed, as in Markdown), memoised."""
        key = "\0" + text
        out = self._md_cache.get(key)
        if out is None:
            out = self._md_cache[key] = esc(" ".join(text.split()))
        return out

    def _md(self, text: str) -> str:
        """md_inline, memoised: article titles and dates recur on many entity pages."""
        out = self._md_cache.get(text)
        if out is None:
            out = self._md_cache[text] = md_inline(text)
        return out

    # -- pages -------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        # The comparison page first: it is by far the largest, and a site generator that
        # works through pages in this order (MkDocs does) then starts on it early.
        self.blocks = {}
        out = {MEETINGS_PAGE: self.meetings_page()} if self.b.meetings else {}
        index = f"{self.opts.section}/index.md"
        out[index] = sources_index(self.b, self.slugs, self._blocks_for(index))
        from .compare import family_note, meetings_box, with_family_note

        for a in self.b.articles:
            path = self.article_path(a.id)
            page = source_page(a, self._blocks_for(path))
            note = "\n\n".join(x for x in (family_note(self, a.id, path), meetings_box(self, a.id, path)) if x)
            out[path] = with_family_note(page, note)
        if self.entity_paths:
            out[f"{ENTITY_SECTION}/index.md"] = self.entities_index()
            for eid, path in self.entity_paths.items():
                out[path] = self.entity_page(eid)
        return out

    def _blocks_for(self, path: str) -> dict[str, str] | None:
        if not self.light:
            return None
        return self.blocks.setdefault(path, {})

    def nav_sections(self, max_sources: int | None = None, max_entities: int | None = None) -> list[tuple[str, list]]:
        """(title, [docs paths or (title, [...]) sub-sections]) in nav order. Above
        `max_sources` articles, the sources section holds only its index page; above
        `max_entities` entity pages, the entities section too."""
        section_title = self.opts.section.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()
        arts = [self.article_path(a.id) for a in sort_newest_first(self.b.articles)]
        if max_sources is not None and len(arts) > max_sources:
            arts = []
        out: list[tuple[str, list]] = []
        if self.b.meetings:
            out.append(("Meetings compared", [MEETINGS_PAGE]))
        out.append((section_title, [f"{self.opts.section}/index.md", *arts]))
        if self.entity_paths and self.registry is not None:
            groups: list = [f"{ENTITY_SECTION}/index.md"]
            listed = max_entities is None or len(self.entity_paths) <= max_entities
            for kind, title in KIND_TITLES.items() if listed else ():
                ents = sorted((e for e in self.registry.by_kind(kind) if e.id in self.entity_paths),
                              key=lambda e: e.name.casefold())
                if ents:
                    groups.append((title, [self.entity_paths[e.id] for e in ents]))
            out.append(("Entities", groups))
        return out

    def entities_index(self) -> str:
        here = f"{ENTITY_SECTION}/index.md"
        lines = [front_matter(title="Entities"), "# Entities", "",
                 "People, places, organisations, initiatives and outlets named in the sources, "
                 "with the number of mentions across all articles. Each links to a page listing "
                 "where it is mentioned.", ""]
        assert self.registry is not None, "entity pages exist only with a registry"
        blocks = self._blocks_for(here)
        for kind, title in KIND_TITLES.items():
            ents = [e for e in self.registry.by_kind(kind) if e.id in self.entity_paths]
            if not ents:
                continue
            ents.sort(key=lambda e: (-sum(self.entity_totals[e.id].values()), e.name.casefold()))
            lines += [f"## {title}", ""]
            if blocks is not None:  # a table sortable by column, as the Sources index's
                here_url = doc_url(here, self.opts.use_directory_urls)
                rows = []
                for e in ents:
                    counts = self.entity_totals[e.id]
                    link = esc(self.rel_url(here_url, doc_url(self.entity_paths[e.id], self.opts.use_directory_urls)))
                    rows.append(f'<tr><td><a href="{link}">{self._esc(e.name)}</a></td>'
                                f"<td>{sum(counts.values())}</td><td>{len(counts)}</td>"
                                f"<td>{self._esc(e.description)}</td></tr>")
                blocks[f"kind-{kind}"] = sortable_table(
                    "cb-entities", [("Name", ""), ("Mentions", "number"), ("Articles", "number"), ("Description", "")],
                    rows)
                lines += [slot(f"kind-{kind}"), ""]
                continue
            lines += ["| Name | Mentions | Articles | Description |", "| --- | --- | --- | --- |"]
            for e in ents:
                counts = self.entity_totals[e.id]
                lines.append(f"| [{md_inline(e.name)}]({rel_link(here, self.entity_paths[e.id])}) "
                             f"| {sum(counts.values())} | {len(counts)} | {md_inline(e.description)} |")
            lines.append("")
        return "\n".join(lines)

    def entity_page(self, eid: str) -> str:
        assert self.registry is not None, "entity pages exist only with a registry"
        e = self.registry.get(eid)
        assert e is not None, f"no entity {eid!r} in the registry"
        here = self.entity_paths[eid]
        counts = self.entity_totals[eid]
        # newest first, as sort_newest_first orders them (a stable sort: the same order
        # as sorting only these articles), without a pass over the whole corpus
        rank = self._newest_rank
        arts = [self._by_id[i] for i in sorted((i for i in counts if i in rank), key=rank.__getitem__)]
        kind = e.kind.capitalize()
        facts = [f"**Kind:** {md_inline(kind)}"]
        if e.country:
            facts.append(f"**Country:** {md_inline(e.country.capitalize())}")
        if e.role:
            facts.append(f"**Role:** {md_inline(e.role.replace('-', ' '))}")
        if e.ownership:
            facts.append(f"**Ownership:** {md_inline(e.ownership)}")
        if e.wikidata:
            facts.append(f"**Wikidata:** [{md_inline(e.wikidata)}](https://www.wikidata.org/wiki/{e.wikidata})")
        lines = [front_matter(title=e.name), f"# {md_inline(e.name)}", "", md_inline(e.description), "",
                 " · ".join(facts), ""]
        if e.aliases:
            lines += ["**Also written:** " + ", ".join(md_inline(a) for a in e.aliases), ""]
        total = sum(counts.values())
        lines += ["## Mentioned in", "",
                  f"{total} mention{'s' if total != 1 else ''} in {len(arts)} article{'s' if len(arts) != 1 else ''}.", ""]
        firsts = self.b.first_mentions if hasattr(self.b, "first_mentions") else {}
        blocks = self._blocks_for(here)
        if blocks is not None:
            here_url = doc_url(here, self.opts.use_directory_urls)
            rows = []
            for a in arts:
                n, snippet = firsts.get(a.id, {}).get(eid, (None, ""))
                link = esc(self.rel_url(here_url, page_url(self.opts, self.slugs[a.id])))
                ctx = f'<a href="{link}{f"#L{n}" if n else ""}">{esc(" ".join(snippet.split()))}</a>' if snippet else ""
                rows.append(f'<tr><td><a href="{link}">{self._esc(a.title or a.id)}</a></td>'
                            f"<td>{self._esc((a.meta.published or 'not stated')[:10])}</td>"
                            f"<td>{counts[a.id]}</td><td>{ctx}</td></tr>")
            blocks["mentions"] = ("<table>\n<thead><tr><th>Article</th><th>Published</th><th>Mentions</th>"
                                  "<th>First mention</th></tr></thead>\n<tbody>\n" + "\n".join(rows)
                                  + "\n</tbody>\n</table>")
            return "\n".join(lines + [slot("mentions")]) + "\n"
        lines += ["| Article | Published | Mentions | First mention |", "| --- | --- | --- | --- |"]
        for a in arts:
            n, snippet = firsts.get(a.id, {}).get(eid, (None, ""))
            link = self.rel(here, self.article_path(a.id))
            target = link + (f"#L{n}" if n else "")
            ctx = f"[{md_inline(snippet)}]({target})" if snippet else ""
            lines.append(f"| [{self._md(a.title or a.id)}]({link}) "
                         f"| {self._md((a.meta.published or 'not stated')[:10])} | {counts[a.id]} | {ctx} |")
        return "\n".join(lines) + "\n"

    # -- meetings ------------------------------------------------------------------------

    def meetings_page(self) -> str:
        from .compare import comparison_page

        return comparison_page(self, MEETINGS_PAGE)

    def comparison_block(self, from_path: str) -> str:
        if not self.b.meetings:
            return "<p><em>No China–Belarus leader meeting was found in the sources.</em></p>"
        from .compare import comparison_block

        return comparison_block(self, from_path)

    def overview_block(self, from_path: str) -> str:
        from .compare import overview_block

        return overview_block(self, from_path)

    def comparison_csv(self) -> str:
        if not self.b.meetings:
            buf = io.StringIO()
            csv.writer(buf).writerow(["meeting", "date", "place", "article", "outlet"])
            return buf.getvalue()
        from .compare import comparison_csv

        return comparison_csv(self)

    # -- export ---------------------------------------------------------------------------

    def entity_records(self) -> list[dict]:
        if self.registry is None:
            return []
        out = []
        for e in self.registry.entities:
            counts = self.entity_totals.get(e.id, {})
            if not counts:
                continue
            url = self.entity_paths[e.id][:-3]
            url = url + "/" if self.opts.use_directory_urls else url + ".html"
            out.append({"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases),
                        "description": e.description, "wikidata": e.wikidata, "country": e.country,
                        "role": e.role, "url": url, "mentions": dict(sorted(counts.items()))})
        return out

    def meeting_records(self) -> list[dict]:
        if not self.b.meetings:
            return []
        from .compare import meeting_records

        return meeting_records(self)

    def export_json(self) -> str:
        return dumps(export_data(self.b, self.slugs, self.entity_records(), self.meeting_records()))


__all__ = ["SitePages", "load_registry_for", "esc"]
