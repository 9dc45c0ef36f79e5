"""Text helpers of the meeting reader: apostrophes and dashes unified, sentences and clauses
cut, words for comparing wording, quotations found."""

from __future__ import annotations

import re
from collections.abc import Iterable

# ------------------------------------------------------------------- text helpers

_TABLE = str.maketrans({**{c: "'" for c in "\u2019\u2018\u02bc\u2032\uff07`"},
                        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"},
                        **{c: " " for c in "\u00a0\u2009\u202f\u2007\u200a"}})


def _norm(text: str) -> str:
    """Apostrophes, dashes and odd spaces unified; same length as `text`."""
    if text.isascii() and "`" not in text:  # the backtick is the one ASCII character the table changes
        return text
    return text.translate(_TABLE)


def _alternation(phrases: Iterable[str]) -> str:
    parts = sorted({_norm(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def _fold(text: str) -> str:
    """Lower case, same length as `text`."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _wordch(c: str) -> bool:
    return c.isalnum() or c == "_"


_ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "prof", "gov", "lt", "col", "sgt", "capt", "jan",
           "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc",
           "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "e.g", "i.e", "approx", "fig", "vol", "pp", "p", "mt"}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|[。！？]+[”’」』）]*\s*")


def _word_before(text: str, start: int, end: int) -> str:
    """The word characters and dots that `text[start:end]` ends with ("U.S." in "the U.S.")."""
    i = end
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "._"):  # \w or a dot
        i -= 1
    return text[i:end]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        nxt = text[m.end():m.end() + 1]
        cjk = text[m.start()] in "。！？"  # a Chinese full stop ends a sentence whatever follows
        if not cjk and (not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘«([")):
            continue
        if text[m.start()] == ".":
            w = _word_before(text, start, m.start() + 1).rstrip(".").casefold()
            if w in _ABBREV or (len(w) == 1 and w.isalpha()) or (len(w) <= 2 and w.isdigit()):  # '4. Juni'
                continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


_CLAUSE_SPLIT = re.compile(
    r";|\s-\s|\s--\s|,\s+(?=(?:which|who|whose|while|whereas|although|though|but|as\s+well\s+as)\b)"
    r"|\s(?=(?:before|after|since|until|following|whereas|while|although|though|because)\s)", re.I)


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    out.append((start, len(sentence)))
    return [(s, e) for s, e in out if sentence[s:e].strip()]


_QUOTES = (
    re.compile(r"“([^“”]{2,600})”"),
    re.compile(r"«([^«»]{2,600})»"),
    re.compile(r"„([^„“”]{2,600})[“”]"),
    re.compile(r"\"([^\"]{2,600})\""),
    re.compile(r"‘([^‘’]{2,300})’(?!\w)"),
    re.compile(r"(?<![\w'])'([^'\n]{2,200}?)'(?![\w])"),
)

_WORD = re.compile(r"\w+(?:'\w+)*")


def _tok_spans(text: str) -> list[tuple[str, int, int]]:
    """Words for comparing wording: case, apostrophes and possessive 's ignored
    ("Belarus’" = "Belarus'" = "Belarus's" = "belarus"); spans index `text`."""
    out = []
    for m in _WORD.finditer(_norm(text)):
        word, s, e = m.group(0), m.start(), m.end()
        if word.casefold().endswith("'s"):
            word, e = word[:-2], e - 2
        out.append((word.replace("'", "").casefold(), s, e))
    return out


def _tokens(text: str) -> list[str]:
    return [t for t, _, _ in _tok_spans(text)]


def _find_quotes(text: str) -> list[tuple[int, int, str]]:
    norm = text
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in _QUOTES:
        for m in rx.finditer(norm):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            inner = " ".join(m.group(1).split()).strip(" ,.;:")
            if not inner or not re.search(r"\w", inner) or len(inner.split()) > 80:
                continue
            taken.append((s, e))
            out.append((m.start(1), m.end(1), inner))
    out.sort()
    return out
