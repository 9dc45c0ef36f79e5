"""Line roles, repairs and metadata: a `Document` becomes an `Article`.

Every non-blank raw line gets exactly one role (title, meta, body, heading, drop)
with a short reason. Patterns come from `data/boilerplate.yml`; the structural rules
(position, length, breadcrumb shape, the teaser block after a marker, duplicates,
repeated promo sentences, truncated teasers, recurrence across the corpus) are here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import metadata as md
from .models import Article, Document, Line, Metadata, Repair
from .rules import Rules

_BULLET = re.compile(r"^(?P<marker>[-*•·▪►‣◦●]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_TERMINAL = tuple(".!?…\"”»’'")
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)\s*$")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]+[\"”»’']?", re.UNICODE)
_CRUMB_SEP = re.compile(r"\s+(?:>|»|›|→|/)\s+")
_MENU_SEP = re.compile(r"\s*[|•·]\s*")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|by|ru|info|news|io|co|uk|de|fr|gov|edu|tv)$", re.I)

PROSE_WORDS = 40  # a paragraph this long, ending a sentence, is article prose
HEADING_MAX_WORDS = 16


def line_key(text: str) -> str:
    """Comparison key of a line: white space folded, case folded, list marker removed."""
    return " ".join(_BULLET.sub("", text.strip()).split()).casefold()


def _words(text: str) -> int:
    return len(text.split())


@dataclass
class _State:
    """Working state of one cleaning run (private, mutable)."""

    n: list[int]
    raw: list[str]
    core: list[str]  # stripped, list marker removed
    marker: list[str]  # "" | "ul" | "ol"
    role: list[str | None]
    reason: list[str]
    fields: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def set(self, i: int, role: str, reason: str) -> None:
        self.role[i] = role
        self.reason[i] = reason

    def free(self) -> Iterable[int]:
        return (i for i, r in enumerate(self.role) if r is None)


def split_lines(text: str) -> tuple[list[int], list[str]]:
    numbers, lines = [], []
    for i, line in enumerate(text.split("\n"), 1):
        if line.strip():
            numbers.append(i)
            lines.append(line)
    return numbers, lines


def _prepare(text: str) -> _State:
    numbers, raw = split_lines(text)
    core, marker = [], []
    for line in raw:
        s = line.strip()
        m = _BULLET.match(s)
        if m:
            marker.append("ol" if m.group("marker")[0].isdigit() else "ul")
            s = s[m.end():]
        else:
            marker.append("")
        core.append(s)
    return _State(n=numbers, raw=raw, core=core, marker=marker,
                  role=[None] * len(raw), reason=[""] * len(raw))


# -- structural shapes -------------------------------------------------------------

def is_prose(text: str) -> bool:
    return _words(text) >= PROSE_WORDS and text.rstrip().endswith(_TERMINAL)


def is_breadcrumb(text: str) -> bool:
    if len(text) > 160 or text.endswith(_TERMINAL[:3]) or "<" in text:
        return False
    parts = [p for p in _CRUMB_SEP.split(text) if p]
    return len(parts) >= 2 and all(1 <= _words(p) <= 4 for p in parts) and _CRUMB_SEP.search(text) is not None


def is_menu_bar(text: str) -> bool:
    if len(text) > 300:
        return False
    parts = [p for p in _MENU_SEP.split(text) if p]
    return len(parts) >= 4 and all(_words(p) <= 3 for p in parts)


def is_language_bar(text: str, rules: Rules) -> bool:
    if len(text) > 300:
        return False
    hits = sum(1 for name in rules.language_names if name in text)
    return hits >= 2


def is_truncated_teaser(text: str) -> bool:
    return _words(text) >= 6 and bool(_ELLIPSIS.search(text))


def _match(rules: Rules, kind: str, text: str):
    return rules.first_match(kind, text if len(text) <= 1000 else text[:1000])


# -- passes --------------------------------------------------------------------------

def _drop_chrome(st: _State, rules: Rules, recurring: Mapping[str, int]) -> None:
    """Patterns, markers and their teaser blocks, structural chrome, duplicates and
    lines that recur across the corpus."""
    seen: dict[str, int] = {}
    block: str | None = None
    for i, text in enumerate(st.core):
        key = line_key(text)
        first = seen.setdefault(key, st.n[i])
        marker = _match(rules, "blocks", text) if len(text) <= 200 else None
        if block is not None:
            if marker is not None:
                block = text
                st.set(i, "drop", f"{marker.reason} marker")
                continue
            if not is_prose(text):
                st.set(i, "drop", f"teaser or comment under '{_short(block)}'")
                continue
            block = None
        if marker is not None:
            block = text
            st.set(i, "drop", f"{marker.reason} marker")
            continue
        g = _match(rules, "drop", text)
        if not any(ch.isalnum() for ch in text):
            st.set(i, "drop", "separator or decoration (no letters or digits)")
        elif g is not None:
            st.set(i, "drop", g.reason)
        elif is_language_bar(text, rules):
            st.set(i, "drop", "navigation or edition bar (language names)")
        elif is_breadcrumb(text):
            st.set(i, "drop", "breadcrumb")
        elif is_menu_bar(text):
            st.set(i, "drop", "navigation bar (short items between separators)")
        elif first != st.n[i]:
            st.set(i, "drop", f"duplicate of line {first}")
        elif key in recurring:
            st.set(i, "drop", f"site boilerplate: recurs verbatim in {recurring[key]} other seeds")
        elif any(p.search(text) for p in rules.notes) and len(text) <= 300:
            st.set(i, "meta", "editorial note")
            st.notes.append(text)
        elif is_truncated_teaser(text):
            st.set(i, "drop", "truncated teaser (ends in an ellipsis)")


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _first_prose_index(st: _State) -> int:
    for i in st.free():
        if _words(st.core[i]) >= 30:
            return i
    return len(st.core)


def _meta_line(st: _State, i: int, rules: Rules, evidence: str, before_prose: bool) -> bool:
    """Consume line i as metadata if it is one; True when it was."""
    text = st.core[i]
    if len(text) > 300:
        return False
    f = st.fields
    date = md.parse_date_line(text, rules, evidence)
    if date:
        key = "published" if "published" not in f and not re.search(r"(?i)\b(updated|modified)\b", text) else "updated"
        f.setdefault(key, date.iso)
        if date.note and key == "published":
            f["published_note"] = date.note
        st.set(i, "meta", f"{key} date")
        return True
    labelled = md.split_labelled(text.strip("【】[]()（） "), rules)
    if labelled is not None:
        head, pairs = labelled
        head_date = md.parse_date_line(head, rules, evidence) if head.strip() else None
        if (not head.strip() or head_date) and _words(text) <= 20 and all(v for _, v in pairs):
            if head_date:
                f.setdefault("published", head_date.iso)
                if head_date.note:
                    f.setdefault("published_note", head_date.note)
            names = []
            for name, value in pairs:
                names.append(name)
                _take_field(f, name, value, rules, evidence)
            st.set(i, "meta", ", ".join(dict.fromkeys((["published"] if head_date else []) + names)))
            return True
    wires = md.is_wire_line(text, rules)
    if wires:
        f.setdefault("wire_lines", []).extend(wires)
        st.set(i, "meta", "wire or agency credit")
        return True
    if before_prose or _words(text) <= 8:
        by = md.parse_byline(text)
        if by:
            f.setdefault("byline", by[0])
            if by[1]:
                f.setdefault("byline_note", by[1])
            st.set(i, "meta", "byline")
            return True
    return False


def _take_field(f: dict, name: str, value: str, rules: Rules, evidence: str) -> None:
    if name == "sources":
        parts = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+and\s+", value) if p.strip()]
        f.setdefault("sources", [])
        f["sources"].extend(p for p in parts if p not in f["sources"])
    elif name in ("editor", "byline"):
        parts = [p.strip() for p in re.split(r"\s*[|｜丨/]\s*", value) if p.strip()]
        people = [p for p in parts if not _DOMAIN.match(p)]
        sites = [p for p in parts if _DOMAIN.match(p)]
        if people:
            f.setdefault(name, people[0])
        if sites:
            f.setdefault("outlet", sites[0])
    elif name in ("published", "updated"):
        d = md.find_date(value, rules, evidence)
        if d:
            f.setdefault(name, d[0].iso)
            if d[0].note and name == "published":
                f.setdefault("published_note", d[0].note)
    else:
        f.setdefault(name, value)


def _title_and_meta(st: _State, rules: Rules, evidence: str) -> None:
    prose_at = _first_prose_index(st)
    title_done = False
    for i in list(st.free()):
        if _meta_line(st, i, rules, evidence, before_prose=i < prose_at):
            continue
        if not title_done:
            title_done = True
            site, title = md.split_site_title(st.core[i])
            if site:
                st.fields.setdefault("outlet", site)
                st.set(i, "title", "first line of text; site name before '|' read as the outlet")
            else:
                st.set(i, "title", "first line of text")
            st.fields["title"] = title
        elif _words(st.core[i]) <= 12 and st.marker[i] == "":
            src = re.match(r"(?i)^(?:sources?|sumber|источник|крыніца)\s*:\s*(.+)$", st.core[i])
            if src:
                _take_field(st.fields, "sources", src.group(1), rules, evidence)
                st.set(i, "meta", "source note")


def _body_and_headings(st: _State) -> None:
    free = list(st.free())
    seen_body = False
    for pos, i in enumerate(free):
        text = st.core[i]
        if (not seen_body and st.marker[i] == "" and _words(text) <= 3 and len(text) <= 24
                and not text.rstrip().endswith(_TERMINAL) and any(r == "title" for r in st.role[:i])):
            # "Politics", "World news": a site's section label between headline and text.
            st.fields.setdefault("category", text)
            st.set(i, "meta", "section label before the article text")
            continue
        h = _MD_HEADING.match(text) if st.marker[i] == "" else None
        if h:
            st.set(i, "heading", "Markdown heading")
            continue
        nxt = free[pos + 1] if pos + 1 < len(free) else None
        if (st.marker[i] == "" and _words(text) <= HEADING_MAX_WORDS and len(text) <= 150
                and not text.rstrip().endswith((".", ":", ";", ",", "…", "\"", "”", "»", ")"))
                and (text[0].isupper() or text[0].isdigit())
                and nxt is not None and st.marker[nxt] == ""
                and _words(st.core[nxt]) >= max(25, 2 * _words(text))):
            st.set(i, "heading", "short line without final punctuation before a paragraph")
        else:
            st.set(i, "body", "list item" if st.marker[i] else "article text")
            seen_body = True


def _repeated_promo(st: _State) -> None:
    """Paragraphs at the end of the page that repeat a sentence of another paragraph
    (a site's promo printed twice) are dropped; repetitions inside the article are
    kept."""
    where: dict[str, list[int]] = defaultdict(list)  # sentence -> lines holding it, ascending
    sentences: dict[int, list[str]] = {}
    for i, role in enumerate(st.role):
        if role != "body" or len(st.core[i]) > 5000:
            continue
        for s in {" ".join(x.split()).casefold() for x in _SENTENCE.findall(st.core[i])}:
            if _words(s) >= 8:
                where[s].append(i)
                sentences.setdefault(i, []).append(s)
    repeated = {i for idx in where.values() if len(idx) > 1 for i in idx}
    if not repeated:
        return
    for i in range(len(st.role) - 1, -1, -1):
        if st.role[i] not in ("body", "heading"):
            continue
        if i not in repeated:
            break
        # the first other line sharing one of its sentences (each list is ascending and
        # holds i once, so it is the list's first or second entry): linear, not quadratic
        first = min(idx[1] if idx[0] == i else idx[0] for s in sentences[i] if len(idx := where[s]) > 1)
        st.set(i, "drop", f"repeated promo paragraph (shares a sentence with line {st.n[first]})")


# -- repairs -------------------------------------------------------------------------

_QUOTED = re.compile(r"[“\"«„][^“”\"«»„]{0,600}[”\"»]")


def remove_pasted_token(text: str, token: str) -> str:
    """Remove a site name pasted into a sentence: where it is glued to a word, or
    where it stands inside a quotation. Mentions that read as prose stay."""
    if not token or token not in text:
        return text
    out = text
    esc = re.escape(token)
    # Glued to a neighbouring letter on either side.
    out = re.sub(rf"(?<=\w){esc}|{esc}(?=\w)", "", out)
    # Inside a quotation.
    out = _QUOTED.sub(lambda m: re.sub(rf"\s*{esc}\s*", " ", m.group(0)), out)
    out = re.sub(r"(?<=\S)  +(?=\S)", " ", out)
    out = re.sub(r"([“\"«„]) ", r"\1", out)
    out = re.sub(r" ([”\"»])", r"\1", out)
    return out


# -- the whole ----------------------------------------------------------------------

def clean(doc: Document, rules: Rules, recurring: Mapping[str, int] | None = None) -> Article:
    """Clean one document. `recurring` maps line keys that recur across the corpus to
    the number of other seeds they appear in (see `corpus.recurring_lines`)."""
    st = _prepare(doc.text)
    evidence = doc.text if len(doc.text) < 200_000 else doc.text[:200_000]
    _drop_chrome(st, rules, recurring or {})
    _title_and_meta(st, rules, evidence)
    _body_and_headings(st)
    _repeated_promo(st)

    f = st.fields
    hints = dict(doc.hints)
    if hints.get("title") and not f.get("title"):
        f["title"] = hints["title"]
    if not f.get("published") and hints.get("date"):
        d = md.find_date(hints["date"], rules)
        if d:
            f["published"] = d[0].iso
    if not f.get("published") and f.get("updated"):
        f["published"] = f["updated"]
        f["published_note"] = "the page gives only an update time"
    f.setdefault("byline", hints.get("author"))
    f.setdefault("outlet", hints.get("sitename"))

    # Dateline and wire credits in the kept text.
    wires: list[str] = []
    dateline = None
    for i, role in enumerate(st.role):
        if role not in ("body", "heading", "title"):
            continue
        if dateline is None and role == "body":
            dl = md.parse_dateline(st.core[i])
            if dl:
                dateline = dl[0]
                if dl[1]:
                    wires.extend(md.wire_names(dl[1], rules) or [dl[1]])
        wires.extend(md.wire_credits(st.core[i], rules))
    for src in f.get("sources", []):
        wires.extend(md.wire_names(src, rules))
    wires.extend(f.get("wire_lines", []))

    # Repairs: the outlet's name pasted inside sentences.
    repairs: list[Repair] = []
    cleaned: dict[int, str] = {}
    outlet = f.get("outlet")
    if outlet:
        for i, role in enumerate(st.role):
            if role in ("body", "heading"):
                after = remove_pasted_token(st.core[i], outlet)
                if after != st.core[i]:
                    cleaned[i] = after
                    repairs.append(Repair(st.n[i], st.core[i], after,
                                          f"site name {outlet!r} pasted into the text removed"))

    lines = []
    for i in range(len(st.raw)):
        role = st.role[i] or "body"
        text = cleaned.get(i, st.core[i])
        if role == "heading":
            h = _MD_HEADING.match(text)
            text = h.group(2) if h else text
        elif role == "title":
            text = f.get("title") or text
        lines.append(Line(n=st.n[i], role=role, reason=st.reason[i] or "article text", text=st.raw[i],
                          clean=text, list=st.marker[i] if role == "body" else ""))

    meta = Metadata(
        title=f.get("title") or "",
        outlet=f.get("outlet") or None,
        published=f.get("published"),
        published_note=f.get("published_note"),
        updated=f.get("updated"),
        byline=f.get("byline") or None,
        byline_note=f.get("byline_note"),
        editor=f.get("editor"),
        dateline=dateline,
        wires=tuple(dict.fromkeys(wires)),
        sources=tuple(f.get("sources", [])),
        category=f.get("category"),
        notes=tuple(st.notes),
    )
    return Article(id=doc.id, source_path=doc.source_path, sha256=doc.sha256, encoding=doc.encoding,
                   format=doc.format, meta=meta, lines=tuple(lines), repairs=tuple(repairs),
                   problems=doc.problems)
