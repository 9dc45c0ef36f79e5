"""Line roles, repairs and metadata: a `Document` becomes an `Article`.

Every non-blank raw line gets exactly one role (title, meta, body, heading, drop)
with a short reason. The learned line model (`linemodel/`) scores every line; the
knowledge rules override it: patterns and block markers from `data/boilerplate.yml`,
structural shapes (breadcrumbs, menu and language bars), duplicates, repeated promo
sentences and recurrence across the corpus. The headline is the line heading the main
run of text; metadata is read nearest the headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import metadata as md
from .headlines import (  # noqa: F401 (re-exported: scripts/train_headline_model.py and the tests use them)
    _headline_rows,
    _key_elsewhere,
    _pick_title,
    _relative_stamp,
    _title_candidates,
    _title_score,
    _title_window,
)
from .linemodel import features as F
from .linemodel import headline as HL
from .linemodel.features import PageLines
from .linemodel.trees import LineModel, load_model
from .models import Article, Document, Line, Metadata, Repair
from .pagestate import (  # noqa: F401 (re-exported)
    _BULLET,
    _DUPLICATE,
    _ELLIPSIS,
    _TEASER,
    _as_written,
    _between,
    _cjk,
    _cut_short,
    _eff,
    _eff_words,
    _kept_by_model,
    _meta_at,
    _prepare,
    _reads_as_meta,
    _State,
    line_key,
    split_lines,
)
from .promo import _promo_possible, _repeated_promo, _sentences, remove_pasted_token  # noqa: F401 (re-exported)
from .rules import Rules
from .shapes import (  # noqa: F401 (re-exported: the shapes are part of the cleaner's interface)
    _TERMINAL,
    BREADCRUMB,
    MATCH_CHARS,
    MENU_BAR,
    PROSE_WORDS,
    _match,
    _words,
    chrome_shape,
    is_breadcrumb,
    is_language_bar,
    is_menu_bar,
    is_prose,
    page_has_language_bar,
)

if TYPE_CHECKING:
    pass

_BARS = (BREADCRUMB, MENU_BAR)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|by|ru|info|news|io|co|uk|de|fr|gov|edu|tv)$", re.I)

BLOCK_END_P = 0.9  # a line the model scores this high ends a teaser block
# No rule keeps a line only because it sits between two kept lines: on the training
# pages (cross-validated line scores) such a rule kept captions and credits, which the
# markers drop (drop -0.0025, keep +0).
RESCUE_WORDS = 15  # a page where the model keeps fewer words than this keeps the lines that read as text
LEAD_WORDS = 12  # a sentence this long right above the main run is its lead
PARAGRAPH_WORDS = 25  # a paragraph on each side makes a short line between them a sub-heading
CAPTION_WORDS = 40  # a line with a caption cue is named a caption in the audit up to this long
HEADING_MAX_WORDS = 16
# After the main run of kept text, kept lines that follow more than ISLAND_GAP lines
# the cleaner dropped, and hold under ISLAND_SHARE of the main run's words, are a
# teaser, an author's note or a comment, not the article's end (see `_trailing_islands`).
ISLAND_GAP = 2
ISLAND_SHARE = 0.1


def page_lines(st: _State, rules: Rules) -> PageLines:
    """The page as the line classifier sees it: text, list markers, blank lines around
    each line, and the knowledge-file rules that fire on it."""
    n = len(st.core)
    blank = [st.n[0] - 1 if n else 0] + [st.n[i] - st.n[i - 1] - 1 for i in range(1, n)]
    gaps = [b > 0 for b in blank[1:]]
    # the lines that may match an unanchored pattern, and the patterns, found in one pass
    # over the page
    near = rules.floating_lines("drop", [t[:MATCH_CHARS] for t in st.core])
    langs = page_has_language_bar(st.core, rules)
    st.shape = [chrome_shape(t, rules, True if near is None else near.get(i, False), langs)
                for i, t in enumerate(st.core)]
    drop = [x is not None for x in st.shape]
    short = [i for i, t in enumerate(st.core) if len(t) <= 200]
    found = rules.floating_lines("blocks", [st.core[i] for i in short])
    near = None if found is None else {short[k]: ks for k, ks in found.items()}
    st.block = [None] * n
    for i in short:
        st.block[i] = _match(rules, "blocks", st.core[i], True if near is None else near.get(i, False))
    block = [g is not None for g in st.block]
    bullet = [raw.lstrip()[:1] if m else "" for raw, m in zip(st.raw, st.marker)]
    return PageLines(core=st.core, marker=st.marker, blank_before=[True] + gaps, blank_after=gaps + [True],
                     rule_drop=drop, rule_block=block, gap_before=blank, bullet=bullet,
                     caption=rules.caption_lines(st.core))


def page_lines_of(text: str, rules: Rules) -> PageLines:
    return page_lines(_prepare(text), rules)


# -- passes --------------------------------------------------------------------------

def _drop_chrome(st: _State, rules: Rules, recurring: Mapping[str, int]) -> None:
    """The knowledge rules, which override the line model: block markers and the
    teasers under them, patterns and structural chrome shapes, duplicates, lines that
    recur across the corpus, and editorial notes."""
    seen: dict[str, int] = {}  # key -> index of the line that holds it (the original)
    block: str | None = None
    # line_key of a line with no (second) list marker is its F.line_keys key, already made
    keys = st.keys if len(st.keys) == len(st.core) else None
    page_keys = [keys[i] if keys is not None and _BULLET.match(text.strip()) is None else line_key(text)
                 for i, text in enumerate(st.core)]
    copies = Counter(page_keys)
    for i, text in enumerate(st.core):
        key = page_keys[i]
        first = seen.setdefault(key, i)
        if first != i and st.marker[first] and not st.marker[i] and st.words[i] >= 3 and copies[key] == 2:
            # A plain line after the one list item with its words is the original: a
            # headline after the breadcrumb's last item, a heading after its entry in
            # a table of contents. The list item is the copy. (A label repeated more
            # often, "Sicherheit & Umwelt" in the menu, the breadcrumb and above the
            # headline, is chrome in every copy.)
            if st.role[first] is None:
                st.set(first, "drop", f"list item repeating line {st.n[i]}")
            first = seen[key] = i
        marker = st.block[i]
        if block is not None:
            if marker is not None:
                block = text
                st.set(i, "drop", f"{marker.reason} marker")
                continue
            # The block ends where prose resumes, or where the model is sure the text is
            # the article's (a marker word in a menu above the article must not eat it).
            if not _ends_block(st, i) and not _resumes_text(st, i):
                st.set(i, "drop", f"{_TEASER} '{_short(block)}'")
                continue
            block = None
        if marker is not None:
            block = text
            st.set(i, "drop", f"{marker.reason} marker")
            continue
        shape = st.shape[i]
        dropped_as = _shape_drop(st, i, rules)
        if dropped_as is not None:
            st.set(i, "drop", dropped_as)
        elif shape is not None:
            pass  # a date between separators ("12. November 2015 / 13:48"): left to the metadata and the model
        elif first != i:
            st.set(i, "drop", f"{_DUPLICATE} {st.n[first]}")
        elif key in recurring:
            st.set(i, "drop", f"site boilerplate: recurs verbatim in {recurring[key]} other seeds")
        elif len(text) <= 300 and any(p.search(text) for p in rules.notes):
            st.set(i, "meta", "editorial note")
            st.notes.append(text)


def _ends_block(st: _State, i: int) -> bool:
    """Line i ends a teaser block: it is prose (40 words or more, a full stop or an
    ellipsis at the end), or the model is sure of it, unless it is a list item (the
    block's teasers are often one) or a shorter snippet cut short (it ends in an
    ellipsis, or stops in the middle of a sentence: "... who expected a")."""
    if is_prose(st.core[i]):
        return True
    return (bool(st.p) and st.p[i] >= BLOCK_END_P and not st.marker[i] and not _mid_sentence(st, i)
            and _ELLIPSIS.search(st.core[i]) is None)


def _mid_sentence(st: _State, i: int) -> bool:
    """Eight words or more, and the last one in lower case with nothing after it."""
    text = st.core[i]
    if st.words[i] < 8 or not text[-1:].isalpha():
        return False
    last = text.rsplit(None, 1)[-1]
    return last.islower()


def _resumes_text(st: _State, i: int) -> bool:
    """A sentence (not a list item) right before a line that ends a teaser block is
    where the article resumes: the block under an inline "Read more" or a list of
    related stories inside the text ends there, not one line later."""
    text = st.core[i]
    if st.marker[i] or st.words[i] < 6 or not text.endswith(_SENTENCE_END) or _ELLIPSIS.search(text):
        return False
    return any(_ends_block(st, j) for j in range(i + 1, min(len(st.core), i + 3)) if st.block[j] is None)


_SENTENCE_END = (".", "!", "?", "。", "！", "？", ".\"", ".”", "!”", "?”", ".»", ".“")


def _shape_drop(st: _State, i: int, rules: Rules) -> str | None:
    """The chrome shape or pattern that drops line i, or None: a date between
    separators ("12. November 2015 / 13:48") is left to the metadata and the model."""
    shape = st.shape[i] if st.shape else None
    if shape is None or (shape in _BARS and md.parse_date_line(_as_written(st, i), rules)):
        return None
    return shape


def _end_block_at(st: _State, t: int, rules: Rules) -> None:
    """The headline t was read under a block marker above it ("Trending" in the
    menu): the block ends at the headline, and the lines after it that the block took
    (byline, date, the lead) are left to the metadata and the model again, but for
    those the other rules drop (a shape, a duplicate), as `_drop_chrome` would have."""
    for j in range(t + 1, len(st.core)):
        if st.role[j] != "drop" or not st.reason[j].startswith(_TEASER):
            break
        dropped_as = _shape_drop(st, j, rules)
        first = st.keys.index(st.keys[j]) if st.keys else j
        if dropped_as is not None:
            st.set(j, "drop", dropped_as)
        elif first < j:
            st.set(j, "drop", f"{_DUPLICATE} {st.n[first]}")
        else:
            st.role[j], st.reason[j] = None, ""


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _meta_line(st: _State, i: int, rules: Rules, evidence: str, before_prose: bool, named: bool = False) -> bool:
    """Consume line i as metadata if it is one; True when it was. `named`: the line is
    by the headline, where a date after a name or a place is a date line too
    (`md.parse_date_line`)."""
    text = st.core[i]
    if len(text) > 300:
        return False
    f = st.fields
    date = md.parse_date_line(text, rules, evidence, named)
    if date is None and st.marker[i] == "ol":
        date = md.parse_date_line(_as_written(st, i), rules, evidence)
    if date:
        if date.label == "updated" or "published" not in f:
            key = "updated" if date.label == "updated" else "published"
            f.setdefault(key, date.iso)
            if date.note and key == "published":
                f["published_note"] = date.note
            if date.byline:
                f.setdefault("byline", date.byline)
            if date.updated:
                f.setdefault("updated", date.updated)
            st.set(i, "meta", f"{key} date" + (" and update" if date.updated else "")
                   + (" and byline" if date.byline else ""))
        else:
            # a further date line that does not say it is the update: a comment's or a
            # teaser's stamp as often as an update, so it is not read as either
            st.set(i, "meta", "another date line (not read: the publication date comes from another line)")
        return True
    labelled = md.split_labelled(text.strip("【】[]()（） "), rules)
    if labelled is not None:
        head, pairs = labelled
        head_date = md.parse_date_line(head, rules, evidence) if head.strip() else None
        if (not head.strip() or head_date) and st.words[i] <= 20 and all(v for _, v in pairs):
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
    if before_prose or st.words[i] <= 8:
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


def _score_lines(st: _State, rules: Rules, model: LineModel) -> None:
    """The line model's P(article text) for every line, with the main run it draws."""
    pl = page_lines(st, rules)
    st.tokens = F.sw.line_words(st.core)
    st.keys = F.line_keys(st.core)
    x1, prose = F.line_features(pl, lexicon=model.lexicon, tokens=st.tokens, keys=st.keys)
    _, p = model.scores(x1)
    st.p = p.tolist()
    # The main run: the densest run of prose the model keeps (a mega-menu of kept
    # headlines is not prose; a dropped paragraph counts against the run).
    st.run = F.best_run([w if w > 0 and pi >= model.threshold else min(w, -3.0) for w, pi in zip(prose.tolist(), st.p)])
    st.x = x1
    st.threshold = model.threshold


def _is_section_label(st: _State, i: int) -> bool:
    text = st.core[i]
    return (st.marker[i] == "" and st.words[i] <= 3 and len(text) <= 24
            and not text.rstrip().endswith(_TERMINAL) and not any(ch.isdigit() for ch in text))


def _main_start(st: _State, rules: Rules) -> int:
    """The first line of the main run (the densest run of prose the model keeps, see
    `_score_lines`) that the model keeps and reads as text (five words or more, not a
    date or byline)."""
    if st.start is not None:
        return st.start
    a = st.run[0] if st.run[1] >= st.run[0] else 0
    first = None
    for i in st.free():
        if i < a or not _kept_by_model(st, i):
            continue
        if _eff(st, i) >= 5 and not _meta_at(st, i, rules):
            st.start = i
            return i
        first = i if first is None else first
    if first is None:
        # The model keeps nothing (a very short page): the first line that reads as text.
        first = next((i for i in st.free() if _eff(st, i) >= 5 and not _meta_at(st, i, rules)),
                     len(st.core))
    st.start = first
    return st.start


def _title_and_meta(st: _State, rules: Rules, evidence: str) -> None:
    start = _main_start(st, rules)
    t = _pick_title(st, start, rules)
    if t is not None:
        if st.role[t] == "drop" and st.reason[t].startswith(_TEASER):
            _end_block_at(st, t, rules)
        why = "headline: heads the main run of text"
        if st.role[t] == "drop" and st.reason[t].startswith(_DUPLICATE):
            why += f" (the {st.reason[t]} far above)"
        site, title = md.split_site_title(st.core[t])
        if site:
            st.fields.setdefault("outlet", site)
            why += "; site name before '|' read as the outlet"
        st.set(t, "title", why)
        st.fields["title"] = title
        nxt = next((j for j in range(t + 1, min(len(st.core), t + 3)) if st.role[j] is None), None)
        if nxt is not None and nxt < max(start, t + 1) + 1 and _is_section_label(st, nxt) and not _meta_at(st, nxt, rules):
            # "Politics", "World news": a site's section label between headline and text.
            st.fields.setdefault("category", st.core[nxt])
            st.set(nxt, "meta", "section label before the article text")
    # Metadata near the headline first (the article's own date), then in the text the
    # model keeps; dates in teasers, tickers and "related" lists are never read.
    top = t if t is not None else start
    window = list(range(max(0, top - 3), min(len(st.core), max(start, top) + 6)))
    in_window = set(window)
    rest = [i for i in range(len(st.core)) if i not in in_window and _kept_by_model(st, i)]
    # The article's own date first: one at the headline before one inside the text (an
    # embedded post's "Posted by … on …"); then a labelled publication date, a byline
    # with a date, a date line; the nearest below the headline before those above it.
    rank = {md.LABELLED_PUBLISHED: 0, md.BYLINE_WITH_DATE: 1, md.DATE_LINE: 2, md.LABELLED_UPDATED: 3}
    cands = [(i > start, rank.get(kind, 9), (i < top, abs(i - top)), i)
             for j, _, kind in md.date_candidates([_as_written(st, i) for i in window], rules, evidence, named=True)
             if st.role[i := window[j]] is None]
    first = [min(cands)[-1]] if cands else []
    for i in first + [i for i in window + rest if i not in first]:
        if st.role[i] is not None:
            continue
        if _meta_line(st, i, rules, evidence, before_prose=i < start, named=i in in_window):
            continue
        if st.words[i] <= 12 and st.marker[i] == "":
            src = _SOURCE_NOTE.match(st.core[i])
            if src:
                _take_field(st.fields, "sources", src.group(1), rules, evidence)
                st.set(i, "meta", "source note")


_SOURCE_NOTE = re.compile(r"(?i)^(?:sources?|sumber|источник|крыніца)\s*:\s*(.+)$")


def _drop_by_model(st: _State, rules: Rules) -> None:
    """Free lines the model scores below its threshold are dropped, with the score and
    the strongest evidence in the reason."""
    start = _main_start(st, rules)
    p, thr = st.p, st.threshold  # (p[i] >= thr: _kept_by_model)
    kept = [i for i, r in enumerate(st.role) if r is None and p[i] >= thr]
    last = kept[-1] if kept else -1
    title = next((i for i, r in enumerate(st.role) if r == "title"), -1)
    rescued = set()
    kept_words = 0  # counted only as far as RESCUE_WORDS
    for i in kept:
        kept_words += _eff(st, i)
        if kept_words >= RESCUE_WORDS:
            break
    if kept_words < RESCUE_WORDS:
        # The model keeps (almost) nothing: a very short page, or one unlike any it
        # learned from. The text is somewhere, so the lines the rules left that read
        # as text are kept rather than an empty page.
        rescued = {i for i in st.free() if (i > title or _eff(st, i) >= 5)
                   and not (st.marker[i] == "" and _MD_HEADING.match(st.core[i]))}
        # (left free: the later passes, e.g. the truncated teaser at the tail, still apply)
        for i in rescued:
            if not _kept_by_model(st, i):
                st.kept_why[i] = (f"kept although the model scored it p={1 - st.p[i]:.2f} boilerplate: "
                                  f"the model kept under {RESCUE_WORDS} words of this page")
    n = len(st.core)
    lead = _lead_above(st, start)
    end = _last_sentence(st)
    for i in list(st.free()):
        if p[i] >= thr or i in rescued:
            continue
        if i == lead:
            st.kept_why[i] = _kept_against(st, i, "lead right above the article text")
            continue
        if i == end:
            st.kept_why[i] = _kept_against(st, i, "the page's last line, a sentence right after the article text")
            continue
        if i > title and st.marker[i] == "" and _MD_HEADING.match(st.core[i]):
            continue  # a Markdown heading below the headline is the article's own structure
        if 0 < i < n - 1 and p[i + 1] >= thr:
            if st.marker[i] and st.marker[i + 1] == st.marker[i] and p[i - 1] >= thr:
                st.kept_why[i] = _kept_against(st, i, "item of a list the article goes on with")
                continue
            if (_under_title(st, i) and _eff(st, i) >= 5
                    and st.core[i].rstrip().endswith(_TERMINAL)):
                st.kept_why[i] = _kept_against(st, i, "first sentence under the headline, the text going on after it")
                continue
            # after the headline, a line the rules read as the article's metadata (a date,
            # a byline, an editorial or source note) or a paragraph of text
            after_text = st.role[i - 1] in ("title", "meta") or (p[i - 1] >= thr and st.words[i - 1] >= PARAGRAPH_WORDS)
            if (after_text and _heading_shape(st, i)
                    and st.words[i + 1] >= max(PARAGRAPH_WORDS, 2 * st.words[i])):
                continue  # a sub-heading between the headline, metadata or a paragraph and a paragraph
        st.set(i, "drop", explain(st, i, start, last))


def _kept_against(st: _State, i: int, why: str) -> str:
    return f"{why}, kept although the model scored it p={1 - st.p[i]:.2f} boilerplate"


def _lead_above(st: _State, start: int) -> int:
    """The free line right above the main run (only metadata and lines a rule dropped
    between) if it is a sentence of LEAD_WORDS words or more, else -1."""
    j = start - 1
    while j >= 0 and st.role[j] is not None and st.role[j] != "title":
        j -= 1
    return j if j >= 0 and st.role[j] is None and not st.marker[j] and _full_sentence(st, j) else -1


def _full_sentence(st: _State, j: int) -> bool:
    """Line j is a sentence of LEAD_WORDS words or more, not cut short by an ellipsis."""
    text = st.core[j].rstrip()
    return _eff(st, j) >= LEAD_WORDS and text.endswith(_TERMINAL) and not _ELLIPSIS.search(text)


def _last_sentence(st: _State) -> int:
    """The page's last line if it is a free sentence of LEAD_WORDS words or more right
    after a line the model keeps, else -1: the page ends in the article's text (an
    analyst's copy of the article; a saved web page ends with its chrome), and its last
    sentence is the article's, however the model scores its words.

    Between them may be up to ISLAND_GAP lines a rule dropped as chrome of their own (a
    share or newsletter prompt inside the text), but no block marker or teaser under one
    (what follows "Related articles" is a teaser), and, unlike above the text, no
    metadata. (Called before the model's drops are set: a dropped line is a rule's.)"""
    j = len(st.core) - 1
    k = j - 1
    while (k >= 0 and j - 1 - k < ISLAND_GAP and st.role[k] == "drop" and st.block[k] is None
           and not st.reason[k].startswith(_TEASER)):
        k -= 1
    after_text = k >= 0 and st.role[k] is None and _kept_by_model(st, k)
    return j if after_text and st.role[j] is None and not st.marker[j] and _full_sentence(st, j) else -1


def _under_title(st: _State, i: int) -> bool:
    """Line i comes right after the headline, or after the metadata lines under it."""
    j = i - 1
    while j >= 0 and st.role[j] == "meta":
        j -= 1
    return j >= 0 and st.role[j] == "title"


def _tail_teasers(st: _State) -> None:
    """A kept line of six words or more that ends in an ellipsis, with no paragraph of
    text kept after it, is a truncated teaser at the end of the page. (Anywhere else an
    ellipsis is too often the article's own: on the training pages the rule without
    the tail condition dropped 14 article lines for 22 teasers; with it, 2 for 12.)"""
    later_prose = False
    for i in range(len(st.core) - 1, -1, -1):
        if st.role[i] is not None:
            continue
        text = st.core[i]
        if not later_prose and st.words[i] >= 6 and _ELLIPSIS.search(text) is not None:  # _cut_short
            st.set(i, "drop", "truncated teaser at the end of the text (ends in an ellipsis)")
            continue
        if st.words[i] >= 12:
            later_prose = True


def _trailing_islands(st: _State) -> None:
    """The article is one main run of text. The kept lines (the headline aside) fall
    into runs wherever more than ISLAND_GAP lines between two of them were dropped;
    the run with the most words is the main one. A run after it with under
    ISLAND_SHARE of its words is dropped: a teaser's blurb, an author's note or a
    comment the model read as prose. (Chosen on the train pages, cleaned in 3-fold
    cross-validation at three fold seeds: it dropped 77 more drop-marked lines and 10
    keep-marked ones, of 4,779 and 5,460; the same rule before the main run lost more
    leads than it dropped chrome, so it is not applied there.)"""
    runs: list[list[int]] = []
    prev = -1
    for i in st.free():
        if runs and i - prev - 1 <= ISLAND_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
        prev = i
    if len(runs) < 2:
        return
    words = [sum(_eff(st, i) for i in run) for run in runs]
    main = max(range(len(runs)), key=words.__getitem__)
    for k in range(main + 1, len(runs)):
        if words[k] < ISLAND_SHARE * words[main]:
            gap = runs[k][0] - runs[k - 1][-1] - 1
            why = (f"text after the article's end: {words[k]} words after {gap} dropped lines, "
                   f"under {ISLAND_SHARE:.0%} of the main run's {words[main]}")
            for i in runs[k]:
                st.set(i, "drop", f"{why} (p={1 - st.p[i]:.2f})")


def explain(st: _State, i: int, start: int, last: int) -> str:
    """A reason a person can read: what the line looks like, where it is, the
    boilerplate word that weighs most, and the model's score."""
    text = st.core[i]
    words = st.words[i]
    if st.shape_cols is None:
        # the five columns read here, for every line at once (a NumPy scalar per look-up
        # is slow); tolist() gives each value as the Python float it equals
        col = F.STAGE1_INDEX
        assert st.x is not None  # set by the classification
        st.shape_cols = st.x[:, [col["copyright"], col["url"], col["dateish"], col["dup_count"],
                                 col["caption"]]].tolist()
    copyright_, url, dateish, dup_count, caption = st.shape_cols[i]
    if copyright_:
        shape = "copyright line"
    elif caption and words <= CAPTION_WORDS:
        shape = "picture caption or credit"
    elif url and words <= 12:
        shape = "link or address"
    elif dateish and words <= 8:
        shape = "date or time stamp"
    elif dup_count > 0:
        shape = "line repeated on the page"
    elif words <= 4 and not text.rstrip().endswith(_TERMINAL):
        shape = "short menu-like line" if not st.marker[i] else "short list item (menu-like)"
    elif words < 12:
        shape = "short line" if not st.marker[i] else "list item"
    else:
        shape = "paragraph"
    where = ("in the header block (before the article text)" if i < start
             else "after the article text" if i > last else "inside the article text")
    lex = [(st.lexicon.get(w, 0.0), w) for w in set(st.tokens[i])]
    worst = min(lex, default=(0.0, ""))
    cue = f", word '{worst[1]}' typical of boilerplate" if worst[0] <= -1.5 else ""
    return f"{shape} {where}{cue} (p={1 - st.p[i]:.2f})"


def _heading_shape(st: _State, i: int) -> bool:
    """Short, not a list item, no final punctuation, starts with a capital or digit."""
    text = st.core[i]
    return (st.marker[i] == "" and st.words[i] <= HEADING_MAX_WORDS and len(text) <= 150
            and not text.rstrip().endswith((".", ":", ";", ",", "…", "\"", "”", "»", ")"))
            and (text[0].isupper() or text[0].isdigit()))


def _body_and_headings(st: _State) -> None:
    free = list(st.free())
    seen_body = False
    # The pass sets free lines only, never to "title": the first headline stays where it is.
    title = next((j for j, r in enumerate(st.role) if r == "title"), len(st.role))
    for pos, i in enumerate(free):
        text = st.core[i]
        if not seen_body and _is_section_label(st, i) and title < i:
            # "Politics", "World news": a site's section label between headline and text.
            st.fields.setdefault("category", text)
            st.set(i, "meta", "section label before the article text")
            continue
        h = _MD_HEADING.match(text) if st.marker[i] == "" else None
        if h:
            st.set(i, "heading", "Markdown heading")
            continue
        nxt = free[pos + 1] if pos + 1 < len(free) else None
        if (_heading_shape(st, i) and nxt is not None and st.marker[nxt] == ""
                and st.words[nxt] >= max(PARAGRAPH_WORDS, 2 * st.words[i])):
            st.set(i, "heading", "short line without final punctuation before a paragraph")
        else:
            st.set(i, "body", st.kept_why.get(i) or ("list item" if st.marker[i] else "article text"))
            seen_body = True


# -- the whole ----------------------------------------------------------------------

# The characters most lines start with: their pattern subsets are compiled by
# `warm_up` (those of others, on first use).
_WARM_CHARS = "".join(map(chr, range(0x20, 0x7F))) + "“„«»‘’—–•·©…›→"


def warm_up(rules: Rules) -> None:
    """Load and compile now what cleaning loads or compiles on its first pages: the
    line and headline models, the stop lists, the wire credits' pattern, the
    knowledge patterns. The result of `clean` is the same either way. A build calls
    this once before it forks its cleaning workers, which then share it instead of
    each making its own (`briefing.prepare`)."""
    load_model()
    HL.load_model()
    F.sw.guess_language(["the"])
    if rules.wires:  # a credit the pattern matches, so that it is compiled
        md.wire_credits(f"Photo: {rules.wires[0][1][0]}", rules)
    rules.warm(_WARM_CHARS)


def clean(doc: Document, rules: Rules, recurring: Mapping[str, int] | None = None,
          model: LineModel | None = None) -> Article:
    """Clean one document. `recurring` maps line keys that recur across the corpus to
    the number of other seeds they appear in (see `corpus.recurring_lines`); `model` is
    the line classifier (the shipped one by default)."""
    st = _prepare(doc.text)
    model = model or load_model()
    st.lexicon = model.lexicon
    evidence = doc.text if len(doc.text) < 200_000 else doc.text[:200_000]
    _score_lines(st, rules, model)
    _drop_chrome(st, rules, recurring or {})
    _title_and_meta(st, rules, evidence)
    _drop_by_model(st, rules)
    _tail_teasers(st)
    _trailing_islands(st)
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
