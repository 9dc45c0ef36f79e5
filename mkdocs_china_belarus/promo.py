"""Repeated promo paragraphs at the end of a page, and a site name pasted into
sentences: the cleaner's passes over whole sentences (after the line roles are set)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pagestate import _State

_SENTENCE_END = re.compile(r"[.!?…]+[\"”»’']?")


def _sentences(text: str) -> list[str]:
    """The sentences of a line that end in terminal punctuation (the unterminated rest
    is left out). Linear: a pattern for a whole sentence would rescan a long line
    without punctuation from every position."""
    out, prev = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > prev:
            out.append(text[prev:m.end()])
        prev = m.end()
    return out


def _promo_possible(st: _State) -> bool:
    """False when _repeated_promo drops nothing: it drops lines from the end of the page
    only while they share a sentence of 8 words or more with another body line, so the
    last body or heading line must be such a body line. A sentence, white space folded
    and case folded, is part of its line so folded (its words are the line's, but for
    the first and last, which may be cut), so one with none of the other body lines
    folded and joined by newlines is shared by none."""
    last = next((i for i in range(len(st.role) - 1, -1, -1) if st.role[i] in ("body", "heading")), None)
    if last is None or st.role[last] != "body" or len(st.core[last]) > 5000 or st.words[last] < 8:
        return False
    own = {" ".join(w).casefold() for x in _sentences(st.core[last]) if len(w := x.split()) >= 8}
    if not own:
        return False
    others = "\n".join(" ".join(st.core[j].split()).casefold() for j, r in enumerate(st.role)
                       if r == "body" and j != last and len(st.core[j]) <= 5000)
    return any(s in others for s in own)


def _repeated_promo(st: _State) -> None:
    """Paragraphs at the end of the page that repeat a sentence of another paragraph
    (a site's promo printed twice) are dropped; repetitions inside the article are
    kept."""
    if not _promo_possible(st):
        return
    where: dict[str, list[int]] = defaultdict(list)  # sentence -> lines holding it, ascending
    sentences: dict[int, list[str]] = {}
    for i, role in enumerate(st.role):
        # A sentence has no more words than its line (and case folding adds or removes
        # no white space): a line of fewer than 8 words holds no sentence of 8.
        if role != "body" or len(st.core[i]) > 5000 or st.words[i] < 8:
            continue
        for s in {" ".join(w).casefold() for x in _sentences(st.core[i]) if len(w := x.split()) >= 8}:
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
