"""Markdown pages and the machine-readable export, from a `Briefing`.

Scraped text is untrusted. Article text goes into raw HTML blocks with every
character HTML-escaped, so nothing in a seed can become markup; text inside Markdown
(titles, table cells, link texts) is escaped for Markdown as well. The pages are
plain Markdown any generator can build; cross-page links are `.md` links that MkDocs
resolves and checks.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable

from .briefing import Briefing, page_path, page_url, sort_newest_first
from .models import Article

SCHEMA = 1


def esc(text: str) -> str:
    """Text for an HTML element or attribute."""
    return html.escape(text, quote=True)


_MD_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_inline(text: str) -> str:
    """Text for inline Markdown (titles, table cells, link texts): HTML-escaped first,
    then every character Markdown could read as syntax backslash-escaped."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    # After html.escape, '<' and '>' are entities; escape the remaining syntax.
    return _MD_SYNTAX.sub(r"\\\1", text)


def rel_link(from_path: str, to_path: str) -> str:
    """Relative link between two docs files (POSIX paths relative to docs_dir)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def front_matter(**fields: str) -> str:
    """YAML front matter. Values are HTML-escaped: themes print the page title into
    `<title>` and the nav without escaping it, so a scraped title must not carry markup."""
    fields = {k: html.escape(v, quote=False) for k, v in fields.items()}
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()] + ["---", ""]
    return "\n".join(lines)


# -- source pages ------------------------------------------------------------------

def _meta_rows(a: Article) -> list[tuple[str, str]]:
    m = a.meta
    published = m.published or "not stated"
    if m.published_note:
        published += f" ({m.published_note})"
    byline = m.byline or ""
    if byline and m.byline_note:
        byline += f" ({m.byline_note})"
    rows = [
        ("Headline", "" if m.title else "none found: no line before the text reads as one (the file's id is shown)"),
        ("Outlet", m.outlet or "not stated"),
        ("Published", published),
        ("Updated", m.updated or ""),
        ("Byline", byline),
        ("Editor", m.editor or ""),
        ("Dateline", m.dateline or ""),
        ("Wires credited", ", ".join(m.wires)),
        ("Sources named", ", ".join(m.sources)),
        ("Category", m.category or ""),
        ("Editorial notes", "; ".join(m.notes)),
        ("Seed file", f"{a.source_path} ({a.format}, {a.encoding}, sha256 {a.sha256[:12]}…)"),
        ("Input notes", "; ".join(p.message for p in a.problems)),
    ]
    return [(k, v) for k, v in rows if v]


def _body_html(a: Article) -> list[str]:
    """The kept lines as ONE raw HTML block: paragraphs, lists (consecutive list items
    of one kind) and headings, each with its raw line number as anchor. One block, not
    one per line: Python-Markdown copies the rest of the page at the end of every raw
    block, so a block per line made a long article quadratic. The plugin adds the
    headings (`h2.cb-heading`) to the page's table of contents."""
    out: list[str] = []
    items: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal items, kind
        if items:
            out.append(f"<{kind} class=\"cb-list\">\n" + "\n".join(items) + f"\n</{kind}>")
        items, kind = [], ""

    for ln in a.lines:
        if ln.role not in ("body", "heading"):
            continue
        text = ln.clean or ln.text.strip()
        if ln.role == "body" and ln.list:
            if kind and kind != ln.list:
                flush()
            kind = ln.list
            items.append(f'<li id="L{ln.n}">{esc(text)}</li>')
            continue
        flush()
        if ln.role == "heading":
            out.append(f'<h2 id="L{ln.n}" class="cb-heading">{esc(text)}</h2>')
        else:
            out.append(f'<p id="L{ln.n}" class="cb-line">{esc(text)}</p>')
    flush()
    return ['<div class="cb-text">\n' + "\n".join(out) + "\n</div>"] if out else []


def _removed_html(a: Article) -> list[str]:
    gone = [ln for ln in a.lines if ln.role == "drop"]
    out = ['<details class="cb-removed">',
           f"<summary>What the cleaner removed ({len(gone)} line{'s' if len(gone) != 1 else ''}"
           f"{f', {len(a.repairs)} repair' + ('s' if len(a.repairs) != 1 else '') if a.repairs else ''})</summary>"]
    if gone:
        out.append("<table>\n<thead><tr><th>Line</th><th>Reason</th><th>Text</th></tr></thead>\n<tbody>")
        for ln in gone:
            out.append(f'<tr id="L{ln.n}"><td>{ln.n}</td><td>{esc(ln.reason)}</td>'
                       f"<td><code>{esc(ln.text.strip())}</code></td></tr>")
        out.append("</tbody>\n</table>")
    else:
        out.append("<p>No line was removed.</p>")
    moved = [ln for ln in a.lines if ln.role in ("title", "meta")]
    if moved:
        # The raw text of the lines shown above only as parsed metadata (anchors are on the metadata block).
        out.append("<p>Lines read as the title and metadata:</p>\n<table>\n<thead><tr><th>Line</th><th>Read as</th>"
                   "<th>Text</th></tr></thead>\n<tbody>")
        for ln in moved:
            out.append(f"<tr><td>{ln.n}</td><td>{esc(ln.reason)}</td><td><code>{esc(ln.text.strip())}</code></td></tr>")
        out.append("</tbody>\n</table>")
    if a.repairs:
        out.append("<p>Repairs:</p>\n<table>\n<thead><tr><th>Line</th><th>Reason</th><th>Before</th><th>After</th></tr></thead>\n<tbody>")
        for r in a.repairs:
            out.append(f"<tr><td>{r.n}</td><td>{esc(r.reason)}</td><td><code>{esc(r.before)}</code></td>"
                       f"<td><code>{esc(r.after)}</code></td></tr>")
        out.append("</tbody>\n</table>")
    out.append("</details>")
    return ["\n".join(out)]


def slot(name: str) -> str:
    """A placeholder for a pre-rendered HTML block (see `source_page`): a raw HTML
    line Python-Markdown passes through as is, and nothing in a seed can produce
    (seed text is HTML-escaped)."""
    return f'<div data-cb-slot="{name}"></div>'


_SLOT = re.compile(r'<div data-cb-slot="([^"<]*)"></div>')


def quiet(name: str, block: str) -> str:
    """A block marked as left out of the search index (see `cut_quiet`): between two
    HTML comments nothing in a seed can produce (seed text is HTML-escaped)."""
    return f"<!--cb-quiet:{name}-->{block}<!--/cb-quiet:{name}-->"


_QUIET = re.compile(r"<!--cb-quiet:([\w-]+)-->(.*?)<!--/cb-quiet:\1-->", re.S)


def cut_quiet(html: str) -> tuple[str, dict[str, str]]:
    """`html` with each `quiet` block replaced by its slot, and the blocks by name (as
    they are now: linked, if the page was), to be filled in again with `fill_slots`."""
    if "<!--cb-quiet:" not in html:
        return html, {}
    found: dict[str, str] = {}

    def cut(m: re.Match) -> str:
        found[m.group(1)] = m.group(2)
        return slot(m.group(1))

    return _QUIET.sub(cut, html), found


_ENTITY_LINK = re.compile(r"""<a class="cb-entity" href="[^"<>]*"(?: title=(?:"[^"<>]*"|'[^'<>]*'))?>([^<>]*)</a>""")
_LINE_ANCHOR = re.compile(r'<p (?:id="L\d+" class="cb-line"|class="cb-line" id="L\d+")>')


def search_text(html: str) -> str:
    """A page as a search index is to read it: each entity link (`linkrules.LINK_CLASS`)
    as its text, and a source line's paragraph without its `#L<n>` anchor. The index's
    text is the same but for a space the link's end put before the next punctuation
    ("Minsk ," became "Minsk,"); headings and their anchors are kept."""
    if "cb-" not in html:
        return html
    return _LINE_ANCHOR.sub("<p>", _ENTITY_LINK.sub(r"\1", html))


def fill_slots(html: str, blocks: dict[str, str]) -> str:
    """`html` with the first slot of each block (`slot(name)`) replaced by the block:
    what replacing them one by one in order (`html.replace(slot(name), block, 1)`) gives,
    in one pass over the page instead of one per block. When a block could make a slot
    with the text around it, or hold one (it contains "data-cb-slot", does not start
    with a start tag or does not end with '>'), or a name holds '"' or '<', they are
    replaced one by one."""
    if not blocks:
        return html
    if not all(b[:1] == "<" and b[1:2] != "/" and b[-1:] == ">" and "data-cb-slot" not in b
               and '"' not in name and "<" not in name for name, b in blocks.items()):
        for name, block in blocks.items():
            html = html.replace(slot(name), block, 1)
        return html
    out: list[str] = []
    pos = 0
    left = set(blocks)
    for m in _SLOT.finditer(html):
        name = m.group(1)
        if name in left:
            out += (html[pos:m.start()], blocks[name])
            pos = m.end()
            left.discard(name)
            if not left:
                break
    if not out:
        return html
    out.append(html[pos:])
    return "".join(out)


def rel_url(url: str, from_url: str) -> str:
    """The link from the page at `from_url` to `url` (both relative to the site root,
    as MkDocs writes them: 'sources/x/' or 'sources/x.html'), like MkDocs'
    `get_relative_url`."""
    parts = posixpath.split(from_url)
    base = parts[0] if "." in parts[1] else from_url
    to, frm = url.split("/"), base.split("/")
    if "." in to or ".." in to or "." in frm or ".." in frm:  # not plain segments: let posixpath normalise
        rel = posixpath.relpath("/" + url, "/" + base)
    else:  # posixpath.relpath's result without its normalising (a site generates thousands of links)
        to, frm = [x for x in to if x], [x for x in frm if x]
        common = 0
        for a, b in zip(to, frm):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(frm) - common) + to[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def doc_url(path: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives the Markdown file `path` (relative to docs_dir)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/" if use_directory_urls else stem + ".html"


def source_page(a: Article, blocks: dict[str, str] | None = None) -> str:
    """The Markdown page of one article. With `blocks` (a dict to fill), a light page:
    the title, and slots for the text and the audit block, whose HTML goes into
    `blocks` ("text", "audit") for the caller to put in place, so that no Markdown
    parser reads them (the plugin puts the text in after conversion and the audit
    block after the search index is made). Without, one self-contained page."""
    title = a.title or a.id
    anchors = "".join(f'<span id="L{ln.n}"></span>' for ln in a.lines if ln.role in ("title", "meta"))
    rows = "\n".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _meta_rows(a))
    meta = f'<div class="cb-meta">{anchors}\n<table>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>'
    if blocks is not None:
        blocks["text"] = "\n\n".join([meta, *_body_html(a)])
        blocks["audit"] = _removed_html(a)[0]
        return "\n\n".join([front_matter(title=title), f"# {md_inline(title)}", slot("text"), slot("audit")]) + "\n"
    blocks_ = [
        front_matter(title=title),
        f"# {md_inline(title)}",
        meta,
        *_body_html(a),
        *_removed_html(a),
    ]
    return "\n\n".join(blocks_) + "\n"


def _year_groups(arts: list[Article]) -> list[tuple[str, list[Article]]]:
    """Newest-first articles grouped by year of publication (undated last)."""
    groups: dict[str, list[Article]] = {}
    for a in arts:
        year = (a.meta.published or "")[:4]
        groups.setdefault(year if year.isdigit() else "Undated", []).append(a)
    return list(groups.items())


def sortable_table(name: str, heads: list[tuple[str, str]], rows: list[str]) -> str:
    """A pre-rendered index table that sorts by column on a click (`assets/sources.js`):
    `heads` are (heading, sort type: "" for text, "date" or "number"), `rows` the
    `<tr>` elements."""
    th = "".join(f'<th data-sort-type="{kind}">{head}</th>' if kind else f"<th>{head}</th>" for head, kind in heads)
    return (f'<table class="{name} cb-sortable">\n<thead><tr>{th}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table>")


def sources_index(briefing: Briefing, slugs: dict[str, str], blocks: dict[str, str] | None = None) -> str:
    """The Sources index: one table per year of publication, newest first, sortable
    (by date, outlet, title or lines) in the browser. With `blocks`, the tables are
    pre-rendered HTML put into `blocks` (see `source_page`)."""
    opts = briefing.options
    here = f"{opts.section}/index.md"
    here_url = doc_url(here, opts.use_directory_urls)
    arts = sort_newest_first(briefing.articles)
    lines = [
        front_matter(title="Sources"),
        "# Sources",
        "",
        f"{len(arts)} article{'s' if len(arts) != 1 else ''} read from the seeds folder, newest first, "
        "grouped by year (click a column heading to sort a table). "
        "Each page shows the article's metadata, its clean text and, folded at the end, "
        "every line the cleaner removed and why.",
        "",
    ]
    if not arts:
        lines += ["| Published | Outlet | Title | Kept / removed lines |", "| --- | --- | --- | --- |",
                  "| — | — | No readable seed was found. | — |"]
    for i, (year, group) in enumerate(_year_groups(arts)):
        n = len(group)
        # not a bare "## 2024": an id that starts with a digit is not a CSS selector, and
        # the mkdocs theme's scrollspy fails on it
        heading = f"Published in {year}" if year.isdigit() else year
        lines += [f"## {heading}", "", f"{n} article{'s' if n != 1 else ''}.", ""]
        if blocks is not None:
            rows = []
            for a in group:
                url = rel_url(page_url(opts, slugs[a.id]), here_url)
                kept = sum(1 for ln in a.lines if ln.role in ("body", "heading"))
                dropped = sum(1 for ln in a.lines if ln.role == "drop")
                date = (a.meta.published or "")[:10]
                rows.append(f'<tr><td data-sort="{esc(a.meta.published or "")}">{esc(date or "not stated")}</td>'
                            f'<td>{esc(" ".join((a.meta.outlet or "—").split()))}</td>'
                            f'<td><a href="{esc(url)}">{esc(" ".join((a.title or a.id).split()))}</a></td>'
                            f'<td data-sort="{kept}">{kept} / {dropped}</td></tr>')
            blocks[f"year-{i}"] = sortable_table(
                "cb-sources", [("Published", "date"), ("Outlet", ""), ("Title", ""), ("Kept / removed lines", "number")],
                rows)
            lines += [slot(f"year-{i}"), ""]
            continue
        lines += ["| Published | Outlet | Title | Kept / removed lines |", "| --- | --- | --- | --- |"]
        for a in group:
            link = rel_link(here, page_path(opts, slugs[a.id]))
            kept = sum(1 for ln in a.lines if ln.role in ("body", "heading"))
            dropped = sum(1 for ln in a.lines if ln.role == "drop")
            lines.append(f"| {md_inline((a.meta.published or 'not stated')[:10])} | {md_inline(a.meta.outlet or '—')} "
                         f"| [{md_inline(a.title or a.id)}]({link}) | {kept} / {dropped} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- export -------------------------------------------------------------------------

def article_record(a: Article, url: str, mentions: dict[str, int]) -> dict:
    m = a.meta
    return {
        "id": a.id,
        "source_path": a.source_path,
        "url": url,
        "sha256": a.sha256,
        "encoding": a.encoding,
        "format": a.format,
        "title": m.title,
        "outlet": m.outlet,
        "published": m.published,
        "published_note": m.published_note,
        "updated": m.updated,
        "byline": m.byline,
        "byline_note": m.byline_note,
        "editor": m.editor,
        "dateline": m.dateline,
        "wires": list(m.wires),
        "sources": list(m.sources),
        "category": m.category,
        "notes": list(m.notes),
        "lines": [{"n": ln.n, "role": ln.role, "reason": ln.reason, "text": ln.text} for ln in a.lines],
        "repairs": [{"n": r.n, "before": r.before, "after": r.after, "reason": r.reason} for r in a.repairs],
        "mentions": dict(sorted(mentions.items())),
        "problems": [p.message for p in a.problems],
    }


def export_data(briefing: Briefing, slugs: dict[str, str], entities: Iterable[dict] = (),
                meetings: Iterable[dict] = ()) -> dict:
    from .families import family_of, family_record

    opts = briefing.options
    families = getattr(briefing, "families", ())
    family = family_of(families)
    return {
        "schema": SCHEMA,
        "generator": briefing.generator,
        "articles": [dict(article_record(a, page_url(opts, slugs[a.id]), briefing.mentions.get(a.id, {})),
                          family=family.get(a.id, a.id))
                     for a in sorted(briefing.articles, key=lambda a: a.id)],
        "families": [family_record(f) for f in families],
        "entities": list(entities),
        "meetings": list(meetings),
        "problems": [{"path": p.path, "line": p.line, "message": p.message} for p in briefing.problems],
    }


_compact = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder (an indent forces the pure-Python one)


def _layout(value, pad: str) -> str:
    """`value` as JSON, one key or item per line, except containers that hold only
    scalars, which stay on one line (an audit line, a mention count table): readable
    and diff-friendly, and most of the bytes are written by the C encoder."""
    if isinstance(value, dict):
        if not any(isinstance(v, (dict, list, tuple)) and v for v in value.values()):
            return _compact(value)
        inner = pad + " "
        return "{\n" + ",\n".join(f"{inner}{_compact(str(k))}: {_layout(v, inner)}" for k, v in value.items()) \
            + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not any(isinstance(v, (dict, list, tuple)) and v for v in value):
            return _compact(value)
        inner = pad + " "
        return "[\n" + ",\n".join(inner + _layout(v, inner) for v in value) + "\n" + pad + "]"
    return _compact(value)


def dumps(data: dict) -> str:
    return _layout(data, "") + "\n"
