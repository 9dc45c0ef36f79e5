"""The headline of a page: the lines that may head its main run of text, the
hand-written score of each, and the learned ranker's pick (`linemodel/headline.py`)."""

from __future__ import annotations

import re

from . import metadata as md
from .linemodel import features as F
from .linemodel import headline as HL
from .pagestate import (
    _DUPLICATE,
    _ELLIPSIS,
    _TEASER,
    _between,
    _cjk,
    _cut_short,
    _eff,
    _kept_by_model,
    _meta_at,
    _State,
)
from .rules import Rules

_NOT_TITLE_END = (":", "：", ",", ";")
TITLE_WINDOW = 15  # lines above the main run that may hold its headline
FAR_COPY_WORDS = 4  # a headline's copy of a line far above has at least this many words


def _title_score(st: _State, i: int, start: int, rules: Rules) -> float | None:
    text = st.core[i]
    # The block rule may overreach, but not over a line a pattern or shape rule drops
    # anyway; and the duplicate rule drops the headline when it repeats a line far above
    # (`_far_copy`).
    soft = (st.role[i] == "drop" and st.reason[i].startswith(_TEASER) and not (st.shape and st.shape[i])
            or _far_copy(st, i, start))
    if (st.role[i] is not None and not soft) or st.marker[i] or len(text) > 250 or text.endswith(_NOT_TITLE_END):
        return None
    words = _eff(st, i)
    cjk = _cjk(text)
    if not (2 <= words <= 30 or 6 <= cjk <= 60) or F._URL.search(text) or _meta_at(st, i, rules):
        return None
    dated = md.find_date(text, rules)
    if dated is not None and dated[1][0] <= 1:
        return None  # a line that starts with a date is a stamp or a teaser's date, not a headline
    if _relative_stamp(text, rules) or _glued_menu(text):
        return None
    if text[:1] in "(（" or sum(ch.isalpha() for ch in text) < len(text) / 2:
        return None  # a caption or credit in brackets; a row of numbers, a date, a counter
    gap = _between(st, i, start, rules) if i < start else 0
    if words == 2 and gap:
        return None  # two words head a text only directly
    score = 0.0
    known = [st.lexicon[w] for w in st.tokens[i] if w in st.lexicon]
    if known and sum(known) / len(known) <= -1.5:
        score -= 2.0  # words typical of boilerplate ("leave a comment", "newsletter")
    if len(st.keys[i]) >= 12 and _key_elsewhere(st, i):
        score += 3.0  # repeated on the page: in the window title, a breadcrumb, a share text
    after = [j for j in range(i + 1, min(len(st.core), i + 5)) if st.role[j] is None]
    if gap == 0 or any(_kept_by_model(st, j) and _eff(st, j) >= 12 for j in after):
        score += 2.0  # heads a paragraph of the main run (dates, bylines and buttons between)
    elif gap == 1:
        score += 1.0
    if words >= 12 and _ELLIPSIS.search(text):
        return None  # a sentence cut short: a teaser's snippet, not a headline
    if _ends_sentence(text):
        if words >= 12:
            return None  # a sentence of the text, not a headline
        score -= 2.0
    score += st.p[i] - 0.3 * gap
    return score


def _far_copy(st: _State, i: int, start: int) -> bool:
    """Line i was dropped as a copy of a line above the window of headlines (the page's
    window title, a breadcrumb's last item, a teaser of the article itself), and only it
    was copied, not the lines around it too (a menu, a teaser list or share buttons
    repeated as a block). The headline right above the text is then often that copy:
    the duplicate rule keeps the first line of a text and drops the later ones. (On the
    train pages whose address gives the headline, the headline was not a candidate on
    97 of 384 pages; on 11 of those it was such a copy.)"""
    if st.role[i] != "drop" or not st.reason[i].startswith(_DUPLICATE) or (st.shape and st.shape[i]):
        return False
    keys = st.keys
    first = keys.index(keys[i])
    if first >= start - TITLE_WINDOW or _eff(st, i) < FAR_COPY_WORDS:
        return False
    after = i + 1 < len(keys) and keys[i + 1] == keys[first + 1]
    return not after and not (first > 0 and keys[i - 1] == keys[first - 1])


def _relative_stamp(text: str, rules: Rules) -> bool:
    """A relative stamp and at most its label ("Erstellt: vor 4 Stunden", "3 days ago"):
    never a headline."""
    stamp = md.relative_date(text, rules)
    return stamp is not None and len(text.replace(stamp, " ").split()) <= 2


_GLUED = re.compile(r"[a-zß-ÿа-я][A-ZÀ-ÞА-Я]")  # a lower-case letter run into a capital


def _glued_menu(text: str) -> bool:
    """Menu items run together where a saved page lost the spaces between links
    ("KontaktImpressumNutzungsrichtlinien…", "Últimas noticiasRusia invade
    UcraniaCoronavirus…"): three joins or more. No headline read from a train page's
    address has three (one join is common: "iPhone", "McDonald's")."""
    return len(_GLUED.findall(text)) >= 3


def _key_elsewhere(st: _State, i: int) -> bool:
    """Whether line i's key is part of another line's key: as
    `any(j != i and key in keys[j] for j in range(len(keys)))`, with one search of the
    keys joined by newlines. A key without a newline found in the joined keys lies within
    one of them, and within keys[i] (its own length) only at keys[i]'s offset."""
    keys, key = st.keys, st.keys[i]
    if "\n" in key:
        return any(j != i and key in keys[j] for j in range(len(keys)))
    if st.joined_keys is None:
        st.joined_keys = "\n".join(keys)
    joined = st.joined_keys
    own = sum(map(len, keys[:i])) + i  # keys[i]'s offset
    found = joined.find(key)
    if found == own:
        found = joined.find(key, own + 1)
    return found != -1


def _headline_rows(st: _State, start: int, scored: list[tuple[int, float]], rules: Rules) -> list[list[float]]:
    """The headline ranker's features (`linemodel.headline.row`) of each candidate."""
    rows = []
    for rank, (i, sc) in enumerate(scored):
        known = [st.lexicon[w] for w in st.tokens[i] if w in st.lexicon]
        gap = _between(st, i, start, rules) if i < start else 0
        after = [j for j in range(i + 1, min(len(st.core), i + 5)) if st.role[j] is None]
        nxt = next((j for j in range(i + 1, len(st.core)) if st.role[j] is None), None)
        rows.append(HL.row(
            st.core[i], rule_score=sc, p_text=st.p[i], words=_eff(st, i), distance=start - i, gap=gap,
            repeated=len(st.keys[i]) >= 12 and _key_elsewhere(st, i),
            heads_text=gap == 0 or any(_kept_by_model(st, j) and _eff(st, j) >= 12 for j in after),
            lexicon=sum(known) / len(known) if known else 0.0,
            teaser_block=st.role[i] == "drop" and st.reason[i].startswith(_TEASER), rank=rank,
            after_dropped=i > 0 and st.role[i - 1] == "drop", p_next=st.p[nxt] if nxt is not None else 0.0))
    return rows


def _title_candidates(st: _State, start: int, rules: Rules) -> list[tuple[int, float]]:
    """(line, hand-written headline score) of the lines that may head the article: the
    lines just before the main run that `_title_score` does not rule out."""
    scored = [(i, sc) for i in _title_window(st, start) if (sc := _title_score(st, i, start, rules)) is not None]
    # A line that ends a sentence heads the text only when no other line can: of the
    # headlines read from the train pages' addresses, 1 in 313 ends in a full stop.
    unended = [(i, sc) for i, sc in scored if not _ends_sentence(st.core[i])]
    return unended or scored


def _title_window(st: _State, start: int) -> range:
    """The lines that may head the article: the TITLE_WINDOW just before the main run, and its first."""
    return range(max(0, start - TITLE_WINDOW), min(len(st.core), start + 1))


def _ends_sentence(text: str) -> bool:
    end = text.rstrip()
    return end.endswith((".", "。")) and not end.endswith("..")


def _pick_title(st: _State, start: int, rules: Rules) -> int | None:
    """The headline: of the lines that may head the article (`_title_candidates`), the
    one the headline ranker (`linemodel.headline`, learned from real pages) scores
    highest; it weighs the hand-written score with what the line looks like and where it
    sits. Never a rule-dropped line, a date, a byline or a sentence of the text."""
    scored = _title_candidates(st, start, rules)
    pick = HL.load_model().best(_headline_rows(st, start, scored, rules))
    best = scored[pick][0] if pick is not None else None
    if best is None:
        # No line reads as a headline: the first line of three words or more just
        # before the main run that the model keeps and that reads as neither a
        # sentence of the text, a stamp nor a teaser cut short; else none. Chrome is
        # never a headline ("Login", "Sie sind hier:", a cookie notice): better no
        # title than a wrong one.
        best = next((i for i in _title_window(st, start) if st.role[i] is None and not st.marker[i]
                     and _kept_by_model(st, i) and 3 <= _eff(st, i) <= 30
                     and not _meta_at(st, i, rules) and not _relative_stamp(st.core[i], rules)
                     and not _glued_menu(st.core[i])
                     and not (st.words[i] >= 12 and st.core[i].rstrip().endswith((".", "。")))
                     and not _cut_short(st.core[i])), None)
    return best
