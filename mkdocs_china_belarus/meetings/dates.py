"""Dates: finding date expressions in a clause (English, Russian, Belarusian) and resolving
them against the publication date and the years the article writes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..rules import DataFileError, load_rules
from .sentences import _norm

# ------------------------------------------------------------------------- dates

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MONTH_NUM = {m[:3].casefold(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def _mon(g: str) -> str:
    return rf"(?P<{g}>{_MONTHS})(?![a-z])\.?"


def _day(g: str) -> str:
    return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


_YEAR = r"(?P<y>(?:19|20)\d\d)(?![\d])"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p)) for k, p in (
    ("range_mdy", rf"(?:{_WD},?\s+)?\b{_mon('m1')}\s+{_day('d1')}\s*(?:-|to|through|until|and)\s*"
                  rf"(?:{_mon('m2')}\s+)?{_day('d2')}(?:,?\s+{_YEAR})?"),
    ("range_dmy", rf"\b{_day('d1')}\s*(?:-|to|and)\s*{_day('d2')}\s+(?:of\s+)?{_mon('m1')}(?:,?\s+{_YEAR})?"),
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d1>[0-3]\d)\b"),
    ("dotted", r"\b(?P<d1>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"),
    ("mdy", rf"(?:{_WD},?\s+)?\b{_mon('m1')}\s+{_day('d1')}(?:,?\s+{_YEAR})?"),
    ("dmy", rf"(?:{_WD},?\s+)?\b{_day('d1')}\s+(?:of\s+)?{_mon('m1')}(?:,?\s+{_YEAR})?"),
    ("my", rf"\b{_mon('m1')},?\s+{_YEAR}"),
    ("bare_month", rf"\b(?i:in|early|late|mid|earlier\s+in|later\s+in|during|since|until|by)[\s-]+{_mon('m1')}(?![\w])"),
    ("year_attr", rf"\b{_YEAR}\s+(?=(?:state\s+|official\s+|working\s+)?(?:visit|trip|meeting|talks|summit)\b)"),
    ("year", rf"\b(?i:in|during|back\s+in)\s+{_YEAR}(?![-\d])"),
    ("cyr_range2", r"(?<![\d.])(?P<d1>[0-3]?\d)\s+(?P<cm1>[а-яёіў]{3,12})\s*-\s*(?P<d2>[0-3]?\d)\s+(?P<cm2>[а-яёіў]{3,12})"
                   r"(?:\s+(?P<y>(?:19|20)\d\d))?"),
    ("cyr_range", r"(?<![\d.])(?P<d1>[0-3]?\d)\s*-\s*(?P<d2>[0-3]?\d)\s+(?P<cm1>[а-яёіў]{3,12})(?:\s+(?P<y>(?:19|20)\d\d))?"),
    ("cyr_dmy", r"(?<![\d.])(?P<d1>[0-3]?\d)\s+(?P<cm1>[а-яёіў]{3,12})(?:\s+(?P<y>(?:19|20)\d\d))?"),
    ("cyr_year", r"(?<!\w)(?:в|у|ў)\s+(?P<y>(?:19|20)\d\d)\s+(?:году|годзе)\b"),
    ("weekday", rf"\b{_WD}\b"),
    ("cyr_weekday", r"(?<!\w)(?:в|во|у|ў)\s+(?P<cwd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
                    r"панядзелак|аўторак|сераду|чацвер|пятніцу|суботу|нядзелю)\b"),
    ("relative", r"\b(?i:(?P<rel>yesterday|today|last\s+(?:month|year)|this\s+(?:month|year)|"
                 r"earlier\s+this\s+(?:month|year)|next\s+(?:month|year)))\b"),
))


@dataclass
class _Date:
    kind: str  # pattern name
    text: str
    start: int  # offset in the clause text
    end: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    m2: int | None = None
    d2: int | None = None
    weekday: int | None = None
    rel: str | None = None
    # resolution
    first: dt.date | None = None
    last: dt.date | None = None
    precision: str = ""  # day | month | year
    is_range: bool = False
    basis: str = "unknown"
    note: str = ""

    @property
    def resolved(self) -> bool:
        return self.first is not None

    def iso(self) -> str | None:
        if self.first is None:
            return None
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()

    def end_iso(self) -> str | None:
        return self.last.isoformat() if self.is_range and self.last else None


_CYR_WEEKDAYS = {w: i for i, ws in enumerate((("понедельник", "панядзелак"), ("вторник", "аўторак"),
                                               ("среду", "сераду"), ("четверг", "чацвер"), ("пятницу", "пятніцу"),
                                               ("субботу", "суботу"), ("воскресенье", "нядзелю"))) for w in ws}


def _cyr_month(word: str) -> int | None:
    """A Russian or Belarusian month name, from the month names the cleaner knows
    (data/metadata.yml)."""
    try:
        return load_rules().month_of(word)
    except DataFileError:  # pragma: no cover - a broken metadata.yml is reported by the cleaner
        return None


def _month(word: str | None) -> int | None:
    return _MONTH_NUM.get(word[:3].casefold()) if word else None


def find_dates(text: str) -> list[_Date]:
    """Date expressions in a clause, leftmost-longest, not overlapping."""
    norm = _norm(text)
    found: list[_Date] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(norm):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            g = m.groupdict()
            d = _Date(kind=kind, text=text[s:e].strip(), start=s, end=e)
            d.y = int(g["y"]) if g.get("y") else None
            d.m = _month(g.get("m1")) or (int(g["mn"]) if g.get("mn") else None)
            d.d = int(g["d1"]) if g.get("d1") else None
            d.m2 = _month(g.get("m2"))
            d.d2 = int(g["d2"]) if g.get("d2") else None
            d.weekday = _WEEKDAYS.index(g["wd"]) if g.get("wd") else None
            if g.get("cm1"):
                d.m = _cyr_month(g["cm1"])
                if d.m is None:
                    continue
                if g.get("cm2"):
                    d.m2 = _cyr_month(g["cm2"])
                    if d.m2 is None:
                        continue
                d.kind = {"cyr_range": "range_dmy", "cyr_range2": "range_dmy", "cyr_dmy": "dmy"}[kind]
            if kind == "cyr_year":
                d.kind = "year"
            if g.get("cwd"):
                d.weekday = _CYR_WEEKDAYS[g["cwd"].casefold()]
                d.kind = "weekday"
            d.rel = " ".join(g["rel"].lower().split()) if g.get("rel") else None
            if d.kind in ("mdy", "dmy", "range_mdy", "range_dmy", "iso", "dotted") and not (d.d and 1 <= d.d <= 31):
                continue
            if d.d2 is not None and not 1 <= d.d2 <= 31:
                continue
            if kind == "range_mdy" and d.m2 is None and d.d2 is not None and d.d is not None and d.d2 <= d.d:
                continue
            if kind in ("mdy", "dmy") and d.m == 5 and "may" in d.text.casefold() and not re.search(r"May", d.text):
                continue
            taken.append((s, e))
            found.append(d)
    found.sort(key=lambda d: d.start)
    return found


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def _closest_year(m: int, d: int | None, pub: dt.date) -> int:
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        day = _safe_date(y, m, d or 15)
        if day is None:
            continue
        dist = abs((day - pub).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else pub.year


def resolve_date(d: _Date, pub: dt.date | None, text_years: frozenset[int]) -> _Date:
    """Fill first/last/precision/basis of a date expression."""
    def year_from_context(m: int, day: int | None) -> tuple[int | None, str, str]:
        if pub is not None:
            y = _closest_year(m, day, pub)
            if y in text_years:
                return y, "explicit", f"year {y} as written elsewhere in the article and in the publication date"
            return y, "relative", f"year {y} from the publication date {pub.isoformat()}"
        if len(text_years) == 1:
            y = next(iter(text_years))
            return y, "explicit", f"year {y} as written elsewhere in the article"
        return None, "unknown", "the year is not stated"

    k = d.kind
    if k in ("iso", "dotted", "mdy", "dmy") and d.m and d.d:
        y, basis, note = (d.y, "explicit", "") if d.y else year_from_context(d.m, d.d)
        if y is not None and (day := _safe_date(y, d.m, d.d)):
            d.first = d.last = day
            d.precision, d.basis, d.note = "day", basis, note
        else:
            d.basis, d.note = "unknown", note
    elif k in ("range_mdy", "range_dmy") and d.m and d.d and d.d2:
        y, basis, note = (d.y, "explicit", "") if d.y else year_from_context(d.m, d.d)
        if y is not None:
            a = _safe_date(y, d.m, d.d)
            b = _safe_date(y, d.m2 or d.m, d.d2)
            if a and b and b < a:
                b = _safe_date(y + 1, d.m2 or d.m, d.d2)
            if a and b:
                d.first, d.last, d.precision, d.is_range, d.basis, d.note = a, b, "day", True, basis, note
        else:
            d.basis, d.note = "unknown", note
    elif k == "my" and d.m and d.y:
        d.first, d.last, d.precision, d.basis = dt.date(d.y, d.m, 1), _month_end(d.y, d.m), "month", "explicit"
    elif k == "bare_month" and d.m:
        y, basis, note = year_from_context(d.m, None)
        if y is not None:
            d.first, d.last, d.precision, d.basis, d.note = dt.date(y, d.m, 1), _month_end(y, d.m), "month", basis, note
    elif k in ("year", "year_attr") and d.y:
        d.first, d.last, d.precision, d.basis = dt.date(d.y, 1, 1), dt.date(d.y, 12, 31), "year", "explicit"
    elif k == "weekday" and d.weekday is not None:
        if pub is not None:
            back = (pub.weekday() - d.weekday) % 7
            d.first = d.last = pub - dt.timedelta(days=back)
            d.precision, d.basis = "day", "relative"
            d.note = f"the {_WEEKDAYS[d.weekday]} before the publication date {pub.isoformat()}"
        else:
            d.basis, d.note = "unknown", "weekday only, and the page gives no publication date"
    elif k == "relative" and d.rel:
        if pub is None:
            d.basis, d.note = "unknown", "relative date, and the page gives no publication date"
        else:
            rel = d.rel
            if rel == "yesterday":
                d.first = d.last = pub - dt.timedelta(days=1)
                d.precision = "day"
            elif rel == "today":
                d.first = d.last = pub
                d.precision = "day"
            elif rel.endswith("month"):
                y, m = pub.year, pub.month
                if rel.startswith("last"):
                    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
                elif rel.startswith("next"):
                    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
                d.first, d.last, d.precision = dt.date(y, m, 1), _month_end(y, m), "month"
            elif rel.endswith("year"):
                y = pub.year - 1 if rel.startswith("last") else pub.year + 1 if rel.startswith("next") else pub.year
                d.first, d.last, d.precision = dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
            d.basis = "relative"
            d.note = f"relative to the publication date {pub.isoformat()}"
    return d


def _parse_pub(published: str | None) -> dt.date | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None



def _weekday_words(sentence: str, w: _Date) -> str:
    m = re.search(rf"\b(?:on|last|this|next)\s+{re.escape(w.text)}\b", sentence, re.I)
    return m.group(0) if m else w.text
