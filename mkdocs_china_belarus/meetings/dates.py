"""Dates: finding date expressions in a clause (English, Russian, Belarusian, German,
Chinese) and resolving them against the publication date and the years the article writes.

Precision first: a day and month without a year take the page's year only when the text
agrees with the page date (a weekday that fits, "today"/"yesterday", a visit said to be
under way while the page is dated inside it, or the year written elsewhere in the
article); otherwise the date stays unresolved, its day and month kept as written ("June
4, year not stated"). A year is never inferred so that the date falls after the page's
publication date, and never taken from other years the article happens to write (an
anniversary of relations established in 1992 does not date a meeting)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..rules import DataFileError, load_rules, read_yaml
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
    ("cjk_range", r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<mn>1[0-2]|0?[1-9])\s*月\s*(?P<d1>[0-3]?\d)\s*(?:日|号)?\s*[-至到~]"
                  r"\s*(?P<d2>[0-3]?\d)\s*(?:日|号)"),
    # an agency's dispatch line ("新华社北京6月4日电"): the day it was filed, context only
    ("cjk_dispatch", r"(?<![\d])(?P<mn>1[0-2]|0?[1-9])\s*月\s*(?P<d1>[0-3]?\d)\s*日\s*(?:专)?电"),
    ("cjk_ymd", r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?<![\d])(?P<mn>1[0-2]|0?[1-9])\s*月\s*(?P<d1>[0-3]?\d)\s*(?:日|号)"),
    ("cjk_ym", r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<mn>1[0-2]|0?[1-9])\s*月"),
    ("cjk_year", r"(?P<y>(?:19|20)\d\d)\s*年(?!\s*\d)"),
    # a day without its month ("习近平4日在北京..."): the month comes from the context
    # (an earlier date of the sentence, the dispatch line), not from the page date
    ("cjk_day", r"(?<![\d月年第/.\-])(?P<d1>[0-3]?\d)\s*日(?!\s*(?:专?电|以?内|之内|以来|起|前|后|後|\d))"),
    ("de_range", r"(?<![\d.])(?P<d1>[0-3]?\d)\.?\s*(?:-|bis(?:\s+(?:zum|einschließlich))?)\s*(?P<d2>[0-3]?\d)\.\s*"
                 r"(?P<gm1>Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
                 r"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)"),
    ("de_dmy", r"(?<![\d.])(?P<d1>[0-3]?\d)\.\s*(?P<gm1>Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|"
               r"September|Oktober|November|Dezember)(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)"),
    ("de_my", r"\b(?:im|Im|seit|Seit|Anfang|Ende|Mitte)\s+(?P<gm1>Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|"
              r"September|Oktober|November|Dezember)\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
    ("de_year", r"\b(?:im\s+Jahr(?:e)?|Im\s+Jahr(?:e)?)\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
    ("other_dmy", r"(?<![\d.])(?P<d1>[0-3]?\d)\.?\s+(?P<gm1>[^\W\d_]{3,12})\.?(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)"),
    ("weekday", rf"\b{_WD}\b"),
    ("de_weekday", r"\b(?:am|Am)\s+(?P<gwd>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)\b"),
    ("cjk_weekday", r"(?:星期|周|礼拜)(?P<zwd>[一二三四五六日天])"),
    ("cyr_weekday", r"(?<!\w)(?:в|во|у|ў)\s+(?P<cwd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
                    r"панядзелак|аўторак|сераду|чацвер|пятніцу|суботу|нядзелю)\b"),
    ("relative", r"\b(?i:(?P<rel>yesterday|today|last\s+(?:month|year)|this\s+(?:month|year)|"
                 r"earlier\s+this\s+(?:month|year)|next\s+(?:month|year)))\b"),
    ("relative_other", r"(?i:(?<!\w)(?P<orel>сегодня|вчера|сёння|учора|heute|gestern)(?!\w))|(?P<zrel>今天|今日|昨天|昨日)"),
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
    context: str = ""  # a day without its month: the date its month (and year) came from
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


_DE_WEEKDAYS = {w: i for i, w in enumerate(("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                                             "sonntag"))} | {"sonnabend": 5}
_ZH_WEEKDAYS = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
_OTHER_REL = {"сегодня": "today", "сёння": "today", "heute": "today", "今天": "today", "今日": "today",
              "вчера": "yesterday", "учора": "yesterday", "gestern": "yesterday", "昨天": "yesterday",
              "昨日": "yesterday"}
_CYR_WEEKDAYS = {w: i for i, ws in enumerate((("понедельник", "панядзелак"), ("вторник", "аўторак"),
                                               ("среду", "сераду"), ("четверг", "чацвер"), ("пятницу", "пятніцу"),
                                               ("субботу", "суботу"), ("воскресенье", "нядзелю"))) for w in ws}


def _cyr_month(word: str) -> int | None:
    """A month name, from the month names the cleaner knows (data/metadata.yml) and
    the meeting reader's own list for other languages (data/months.yml)."""
    try:
        found = load_rules().month_of(word)
    except DataFileError:  # pragma: no cover - a broken metadata.yml is reported by the cleaner
        found = None
    return found if found is not None else load_months().get(word.casefold().rstrip("."))


@lru_cache(maxsize=1)
def load_months(path: str | None = None) -> dict[str, int]:
    """word -> month number from data/months.yml, validated (file, entry, problem)."""
    if path is None:
        name = "mkdocs_china_belarus/data/months.yml"
        text = resources.files("mkdocs_china_belarus").joinpath("data").joinpath("months.yml").read_text(encoding="utf-8")
    else:
        name, text = path, Path(path).read_text(encoding="utf-8")
    data = read_yaml(name, text)
    if not isinstance(data, dict) or not isinstance(data.get("months"), dict):
        raise DataFileError(f"{name}: the top level must be a mapping with a 'months:' mapping")
    out: dict[str, int] = {}
    for k, words in data["months"].items():
        if not isinstance(k, int) or not 1 <= k <= 12:
            raise DataFileError(f"{name}: months entry {k!r}: the key must be a month number 1-12")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(f"{name}: months entry {k}: must be a list of words")
        for w in words:
            out.setdefault(w.strip().casefold(), k)
    return out


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
            if g.get("gm1"):
                d.m = _cyr_month(g["gm1"])  # the month names of data/metadata.yml (German among them)
                if d.m is None:
                    continue
                d.kind = {"de_range": "range_dmy", "de_dmy": "dmy", "de_my": "my", "other_dmy": "dmy"}[kind]
            if kind.startswith("cjk_") and kind != "cjk_weekday":  # (set below: a KeyError here once)
                d.kind = {"cjk_range": "range_dmy", "cjk_ymd": "dmy" if not g.get("y") else "iso", "cjk_ym": "my",
                          "cjk_year": "year", "cjk_dispatch": "dispatch", "cjk_day": "day"}[kind]
                if kind == "cjk_ym":
                    d.m = int(g["mn"])
            if kind == "de_year":
                d.kind = "year"
            if g.get("gwd"):
                d.weekday = _DE_WEEKDAYS[g["gwd"].casefold()]
                d.kind = "weekday"
            if g.get("zwd"):
                d.weekday = _ZH_WEEKDAYS[g["zwd"]]
                d.kind = "weekday"
            if g.get("orel") or g.get("zrel"):
                d.rel = _OTHER_REL[(g.get("orel") or g.get("zrel") or "").casefold()]
                d.kind = "relative"
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
            if g.get("rel"):
                d.rel = " ".join(g["rel"].lower().split())
            if d.kind in ("mdy", "dmy", "range_mdy", "range_dmy", "iso", "dotted", "day", "dispatch") \
                    and not (d.d and 1 <= d.d <= 31):
                continue
            if d.d2 is not None and not 1 <= d.d2 <= 31:
                continue
            if kind == "range_mdy" and d.m2 is None and d.d2 is not None and d.d is not None and d.d2 <= d.d:
                continue
            if d.kind in ("iso", "dmy") and d.m is not None and not 1 <= d.m <= 12:
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


# Words that tie a date to the page's own day, and the present tense of a visit under way.
_TODAY = re.compile(r"(?i:\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|last\s+night)\b"
                    r"|(?<!\w)(?:сегодня|вчера|сёння|учора|heute|gestern)(?!\w))|今天|今日|昨天|昨日")
_UNDER_WAY = re.compile(r"(?i:\b(?:is|are)\s+(?:now\s+)?(?:paying|visiting|making|holding|on\s+an?|in)\b"
                        r"|\bthis\s+week\b|(?<!\w)(?:находится|находятся|знаходзіцца)(?!\w)"
                        r"|\b(?:weilt|weilen|ist\s+zu\s+Gast)\b)")


def _latest_year(m: int, day: int | None, pub: dt.date) -> int | None:
    """The latest year in which day/month is not after the page date."""
    for y in (pub.year, pub.year - 1):
        when = _safe_date(y, m, day or 1)
        if when is not None and when <= pub:
            return y
    return None


def _weekday_said(d: _Date, sentence: str) -> int | None:
    if d.weekday is not None:
        return d.weekday
    for w in find_dates(sentence) if sentence else ():
        if w.kind == "weekday" and w.weekday is not None:
            return w.weekday
    return None


def _year_of(d: _Date, m: int, day: int | None, last: tuple[int, int] | None, pub: dt.date | None,
             text_years: frozenset[int], sentence: str,
             dispatch: tuple[int, int, str] | None = None) -> tuple[int | None, str, str]:
    """(year, basis, note) for a date written without its year: the page's year only
    when the text agrees with the page date, else (None, "unknown", why)."""
    if pub is None:
        return None, "unknown", "year not stated, and the page gives no publication date"
    y = _latest_year(m, day, pub)
    if y is None:
        return None, "unknown", "year not stated"
    first = _safe_date(y, m, day or 1)
    end = None
    if last is not None:
        end = _safe_date(y, last[0], last[1]) or first
        if end is not None and first is not None and end < first:
            end = _safe_date(y + 1, last[0], last[1])
    wd = _weekday_said(d, sentence) if day else None
    if wd is not None and first is not None:
        if first.weekday() == wd:
            return y, "relative", (f"year {y}: the text's {_WEEKDAYS[wd]} fits {first.isoformat()}, the latest "
                                   f"such date not after the publication date {pub.isoformat()}")
        return None, "unknown", (f"year not stated; the text's {_WEEKDAYS[wd]} does not fit {y}, the year of the "
                                 f"publication date {pub.isoformat()}")
    if day and first is not None and dispatch is not None:
        # an agency dispatch filed a day or two before the page date fixes the year of
        # the days of the week before it
        filed_year = _latest_year(dispatch[0], dispatch[1], pub)
        filed = _safe_date(filed_year, dispatch[0], dispatch[1]) if filed_year is not None else None
        if filed is not None and 0 <= (pub - filed).days <= 2 and 0 <= (filed - first).days <= 7 \
                and (end is None or end <= filed):
            return y, "relative", (f"year {y}: the dispatch '{dispatch[2]}' was filed {filed.isoformat()}, "
                                   f"{(pub - filed).days} day(s) before the publication date {pub.isoformat()}")
    if y in text_years and first is not None and (pub - first).days <= 366:
        return y, "explicit", f"year {y} as written elsewhere in the article and in the publication date"
    if day and first is not None and first == pub and (end is None or end == first):
        return y, "relative", f"year {y}: the page is dated that very day ({pub.isoformat()})"
    if day and first is not None and 0 <= (pub - first).days <= 1 and _TODAY.search(sentence or ""):
        return y, "relative", f"year {y}: the text says today or yesterday, and the page is dated {pub.isoformat()}"
    if (day and first is not None and end is not None and first <= pub <= end
            and _UNDER_WAY.search(sentence or "")):
        return y, "relative", f"year {y}: the visit is under way on the publication date {pub.isoformat()}"
    if not day and y == pub.year and m == pub.month:
        return y, "relative", f"year {y}: the month of the publication date {pub.isoformat()}"
    return None, "unknown", "year not stated"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def day_month_words(d: _Date) -> str:
    """A date without its year as written, for evidence: "June 4, year not stated";
    a day whose month came from the context says so ("4日 (4 June, the month from
    '6月4日电'), year not stated")."""
    if d.kind == "day":
        if d.m is None:
            return f"{d.text}, month and year not stated"
        return f"{d.text} ({d.d} {_MONTH_NAMES[d.m - 1]}, the month from '{d.context}'), year not stated"
    return f"{d.text}, year not stated"


_DISPATCH = re.compile(r"(?<![\d])(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>[0-3]?\d)\s*日\s*(?:专)?电")


def find_dispatch(texts: list[str]) -> tuple[int, int, str] | None:
    """(month, day, as written) of a Chinese agency's dispatch line among the first
    sentences of an article ("新华社北京6月4日电")."""
    for t in texts:
        m = _DISPATCH.search(t)
        if m:
            return int(m.group("m")), int(m.group("d")), m.group(0)
    return None


def give_month(d: _Date, found: list[_Date], dispatch: tuple[int, int, str] | None) -> None:
    """A day without its month ("4日") takes the month, and the year if written, of
    the nearest date before it in its sentence, else of the dispatch line; a day
    after that date (a later day of the month) is left without one."""
    if d.kind != "day" or d.m is not None or d.d is None:
        return
    before = [x for x in found if x.end <= d.start and x.m and x.kind in ("dmy", "iso", "range_dmy", "dispatch")]
    if before:
        ctx = before[-1]
        last_day = ctx.d2 if ctx.kind == "range_dmy" and ctx.d2 else ctx.d
        month = ctx.m2 if ctx.kind == "range_dmy" and ctx.m2 else ctx.m
        if last_day is None:
            return
        if (0 <= last_day - d.d <= 7) if ctx.kind == "dispatch" else abs(d.d - last_day) <= 7:
            d.m, d.y, d.context = month, ctx.y, ctx.text
        return
    if dispatch is not None and 0 <= dispatch[1] - d.d <= 7:
        d.m, d.context = dispatch[0], dispatch[2]


def resolve_date(d: _Date, pub: dt.date | None, text_years: frozenset[int], sentence: str = "",
                 dispatch: tuple[int, int, str] | None = None) -> _Date:
    """Fill first/last/precision/basis of a date expression. `sentence` is the text the
    date was read from: its weekday or "today"/"yesterday" may confirm the year;
    `dispatch` is a Chinese agency's dispatch line (month, day, as written)."""
    def year_from_context(m: int, day: int | None, last: tuple[int, int] | None = None):
        return _year_of(d, m, day, last, pub, text_years, sentence, dispatch)

    k = d.kind
    if k == "day" and d.m is None:
        d.basis, d.note = "unknown", "a day without its month: month and year not stated"
    elif k in ("iso", "dotted", "mdy", "dmy", "day") and d.m and d.d:
        y, basis, note = (d.y, "explicit", "") if d.y else year_from_context(d.m, d.d)
        if y is not None and (day := _safe_date(y, d.m, d.d)) and (
                k != "day" or d.y is None or pub is None or day <= pub):
            d.first = d.last = day
            d.precision, d.basis, d.note = "day", basis, note
            if k == "day":
                d.basis = "relative" if d.y is None else "explicit"
                d.note = f"the month{'' if d.y is None else ' and year'} from '{d.context}'" + (f"; {note}" if note else "")
        else:
            d.basis, d.note = "unknown", note
    elif k in ("range_mdy", "range_dmy") and d.m and d.d and d.d2:
        y, basis, note = (d.y, "explicit", "") if d.y else year_from_context(d.m, d.d, (d.m2 or d.m, d.d2))
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
