"""The working state of one cleaning run, and what the cleaner's passes ask of its
lines: words (a CJK pair counts as one), the text as written, whether the line model
keeps a line, whether it reads as metadata, whether it is a teaser cut short."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import metadata as md
from .linemodel import features as F
from .rules import Rules
from .shapes import _words

if TYPE_CHECKING:
    import numpy as np

_BULLET = re.compile(r"^(?P<marker>[-*+•·▪►‣◦●]|o(?= )|\d{1,3}[.)])\s+(?=\S)")


def line_key(text: str) -> str:
    """Comparison key of a line: white space folded, case folded, list marker removed."""
    return " ".join(_BULLET.sub("", text.strip()).split()).casefold()


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
    p: list[float] = field(default_factory=list)  # the line model's P(article text)
    x: np.ndarray | None = None  # the model's stage-1 feature matrix
    threshold: float = 0.5
    lexicon: dict = field(default_factory=dict)
    shape: list[str | None] = field(default_factory=list)  # chrome_shape of each line
    block: list = field(default_factory=list)  # the block-marker group each line matches, or None
    start: int | None = None  # first line of the main run (see _main_start)
    run: tuple[int, int] = (0, -1)  # the densest run of kept prose
    meta_like: dict[int, bool] = field(default_factory=dict)  # see _meta_at
    tokens: list[list[str]] = field(default_factory=list)  # each line's words, case-folded (sw.line_words)
    keys: list[str] = field(default_factory=list)  # each line's comparison key (F.line_keys)
    kept_why: dict[int, str] = field(default_factory=dict)  # why a line the model drops is kept
    words: list[int] = field(default_factory=list)  # _words of each line's core
    eff: dict[int, int] = field(default_factory=dict)  # _eff_words of a line's core, once asked for
    shape_cols: list[list[float]] | None = None  # the x columns explain() reads, as Python numbers
    joined_keys: str | None = None  # keys joined by newlines (see _key_elsewhere)

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
                  role=[None] * len(raw), reason=[""] * len(raw), words=[len(t.split()) for t in core])


def _kept_by_model(st: _State, i: int) -> bool:
    return st.p[i] >= st.threshold


_TEASER = "teaser or comment under"
_DUPLICATE = "duplicate of line"  # the reason of a line that repeats an earlier one


def _reads_as_meta(text: str, rules: Rules) -> bool:
    """A date, byline, labelled field or wire credit: metadata, never a headline."""
    return bool(md.parse_date_line(text, rules) or md.parse_byline(text) or md.is_wire_line(text, rules)
                or md.split_labelled(text.strip("【】[]()（） "), rules) is not None)


def _eff_words(text: str) -> int:
    """Words, counting two CJK characters as one (Chinese is written without spaces).
    The definition `_eff` caches per line (tests check the two agree)."""
    return max(_words(text), len(F._CJK.findall(text)) // 2)


def _cjk(text: str) -> int:
    """len(F._CJK.findall(text)); none in ASCII text (the class holds no ASCII character)."""
    return 0 if text.isascii() else len(F._CJK.findall(text))


def _eff(st: _State, i: int) -> int:
    """_eff_words of line i, once per line."""
    e = st.eff.get(i)
    if e is None:
        e = st.eff[i] = max(st.words[i], _cjk(st.core[i]) // 2)
    return e


def _as_written(st: _State, i: int) -> str:
    """Line i with its list number: a German day ("6. November 2023") reads as a list
    item's number, and the date is only whole with it."""
    return st.raw[i].strip() if st.marker[i] == "ol" else st.core[i]


def _between(st: _State, i: int, start: int, rules: Rules) -> int:
    """Lines of content between line i and the main run: lines a rule dropped, lines of
    three words or less and date or byline lines do not count."""
    return sum(1 for j in range(i + 1, start)
               if st.role[j] is None and st.words[j] > 3 and not _meta_at(st, j, rules))


def _meta_at(st: _State, i: int, rules: Rules) -> bool:
    """_reads_as_meta of line i, once per line (the headline search asks it often)."""
    hit = st.meta_like.get(i)
    if hit is None:
        hit = st.meta_like[i] = _reads_as_meta(st.core[i], rules) or (
            st.marker[i] == "ol" and md.parse_date_line(_as_written(st, i), rules) is not None)
    return hit


_ELLIPSIS = re.compile(r"(?:…|\.\.\.)\s*$")


def _cut_short(text: str) -> bool:
    """A line of six words or more that ends in an ellipsis: a teaser's snippet."""
    return _words(text) >= 6 and _ELLIPSIS.search(text) is not None
