"""Read page metadata from single lines: dates, date lines and labelled fields (the
bylines, datelines, wire credits and a site name prefixed to the title are read by
`credits`, and re-exported here). Pure functions over strings."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from .credits import (  # noqa: F401 (re-exported: part of reading a page's metadata)
    is_wire_line,
    parse_byline,
    parse_dateline,
    split_site_title,
    wire_credits,
    wire_names,
)
from .rules import Rules
from .rules import by_identity as _by_identity

_WORD = re.compile(r"\w+", re.UNICODE)

def month_names_in(text: str, rules: Rules) -> dict[int, int]:
    """How often each month is named in running text (capitalised, or followed by a
    day or year), as evidence for reading an ambiguous numeric date."""
    counts: dict[int, int] = {}
    for m in re.finditer(r"\b([^\W\d_]{3,12})\.?(?=\s+\d)", text):
        word = m.group(1)
        month = rules.month_of(word)
        if month is None or len(word) < 3:
            continue
        if word.lower() == "may" and not word[0].isupper():
            continue
        counts[month] = counts.get(month, 0) + 1
    return counts


# -- dates ---------------------------------------------------------------------------
#
# A date is read from the forms pages print: ISO and numeric dates ("2024-11-02",
# "2024/11/02", "21.06.2017", "02/11/2024"), Chinese/Japanese/Korean dates
# ("2025年06月04日"), and dates with a month name in any language listed in
# data/metadata.yml ("March 5th, 2024", "7 Oct 2016", "4 июня 2025", "12. Mai 2015",
# "5 de marzo de 2024"). A date needs a four-digit year (1900-2099) and a real day: a
# clock, a currency rate, a count or a year range is never read as one. A time next to
# the date ("6:15 PM", "в 12:30", "um 14:30 Uhr", "16时37分") and a zone after the time
# ("GMT+3", "MSK", "+0300") are kept.

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_HAS_YEAR = re.compile(r"(?:19|20)\d\d|\d\.\d{1,2}\.\d\d(?!\d)")  # a year, or a dotted date's two-digit one
_ISO = re.compile(
    r"(?<![\w.,/+\-])" + _YEAR + r"(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:T|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"(?P<z>Z|[+-]\d{2}:?\d{2})?(?!\d|[-/.]\d)"
)
_NUMERIC = re.compile(
    r"(?<![\w.,/+\-])(?P<a>\d{1,2})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)" + _YEAR + r"(?!\d|[-/.]\d)")
# "19.10.19": a dotted date with a two-digit year, read only next to a time or after a
# date label ("Veröffentlicht am 19.10.19 um 14:34 Uhr"), never alone (a version number)
_NUMERIC_YY = re.compile(r"(?<![\w.,/+\-])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<yy>\d{2})(?![\d.]|[-/]\d)")
_CJK_DATE = re.compile(_YEAR + r"\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日号일]?")
_NAMED_MDY = re.compile(
    r"(?<![\w.])(?P<mon>[^\W\d_]{3,12})\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)" + _YEAR + r"(?!\d)")
_NAMED_DMY = re.compile(
    r"(?<![\w.,])(?P<d>\d{1,2})(?:st|nd|rd|th|er|-?го)?\.?[\s\-/]*(?:(?:of|de)\s+)?"
    r"(?P<mon>[^\W\d_]{3,12})\.?[\s,\-/]*(?:(?:de|del)\s+)?" + _YEAR + r"(?!\d)")
_TIME = re.compile(
    r"(?<![\d:.])(?P<H>\d{1,2})\s?(?:[:：]|[.h](?=\d{2})|[时時点])\s?(?P<M>\d{2})"
    r"(?:[:：](?P<S>\d{2})(?:\.\d+)?)?(?:\s?分)?(?![\d:])"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?![a-zA-Z]))?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"\s*\(?\s*(?:(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?"
    r"|(?P<sign2>[+-])(?P<h2>\d{2}):?(?P<m2>\d{2})"
    r"|(?P<abbr>[A-ZА-ЯЁ]{1,5}))(?![\w+\-])\)?"
)
_GAP_WORD = re.compile(r"[^\W\d_][\w.]*")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


@dataclass(frozen=True)
class DateValue:
    iso: str
    note: str | None = None  # set when the written date was ambiguous
    label: str | None = None  # "published" or "updated", when the line says which
    byline: str | None = None  # the author a date line names ("by Staff Writer March 5, 2024")
    updated: str | None = None  # a second date the line labels as the update ("… Last modified on …")


DateResult = DateValue

# Kinds of date candidates (see `date_candidates`).
DATE_LINE = "date line"
BYLINE_WITH_DATE = "byline with date"
LABELLED_PUBLISHED = "labelled published"
LABELLED_UPDATED = "labelled updated"
RELATIVE = "relative stamp"


def _valid(y: int, m: int, d: int) -> bool:
    import datetime as _dt

    if not 1900 <= y <= 2099:
        return False
    try:
        _dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _zone(text: str, pos: int, rules: Rules) -> tuple[str | None, int]:
    """The time zone written right after position `pos` ("GMT+3", "MSK", "+0300")."""
    m = _ZONE.match(text, pos)
    if not m:
        return None, pos
    if m.group("sign"):
        return f"{m.group('sign')}{int(m.group('h')):02d}:{int(m.group('m') or 0):02d}", m.end()
    if m.group("sign2"):
        if int(m.group("h2")) > 14 or int(m.group("m2")) > 59:
            return None, pos
        return f"{m.group('sign2')}{m.group('h2')}:{m.group('m2')}", m.end()
    off = rules.tz_offset(m.group("abbr"))
    return (off, m.end()) if off else (None, pos)


def _hms(m: re.Match) -> tuple[int, int, int] | None:
    h, mi, s = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= h <= 12:
            return None
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
    if h > 23 or mi > 59 or s > 59:
        return None
    return h, mi, s


def _filler(word: str, rules: Rules) -> bool:
    w = word.lower().rstrip(".:：")
    v = rules.dates
    return (not w or w in v.words or w in v.weekdays or w in _WEEKDAYS or word.lower() in v.words
            or w in _by_identity(_label_words, v.labels) or rules.tz_offset(w) is not None)


@lru_cache(maxsize=4)
def _label_words(labels: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(label for label, _ in labels)


def _names_update(text: str, rules: Rules) -> bool:
    """Whether `text` holds a label of the update date ("Updated:", "Stand")."""
    kinds = _by_identity(dict, rules.dates.labels)
    return any(kinds.get(" ".join(m.group(1).lower().split())) == "updated" for m in _label_rx(rules).finditer(text))


def _gap_ok(gap: str, rules: Rules) -> bool:
    """Text between a date and its time holds only separators and filler words
    ("at", "в", "года", "um", a weekday)."""
    if any(c.isdigit() for c in gap) or len(gap) > 24:
        return False
    return all(_filler(w, rules) for w in _GAP_WORD.findall(gap))


def _time_near(text: str, start: int, end: int, rules: Rules):
    """(h, m, s), zone and the span (date and time) for the time written just after
    the date, or else just before it ("3:15 AM GMT+3, June 5, 2025")."""
    for m in _TIME.finditer(text, end, min(len(text), end + 48)):
        gap = text[end:m.start()]
        if not _gap_ok(gap, rules) or _names_update(gap, rules):
            break  # ("26 September 2020 | Updated: 08:39 GMT": the time is the update's)
        hms = _hms(m)
        if hms is None:
            break
        tz, tz_end = _zone(text, m.end(), rules)
        return hms, tz, (start, max(m.end(), tz_end))
    before = text[max(0, start - 40):start]
    for m in reversed(list(_TIME.finditer(before))):
        tz, tz_end = _zone(before, m.end(), rules)
        if _gap_ok(before[tz_end:], rules) and (hms := _hms(m)):
            return hms, tz, (start - len(before) + m.start(), end)
        break
    return None, None, (start, end)


def _iso(y: int, m: int, d: int, hms: tuple[int, int, int] | None, tz: str | None) -> str:
    out = f"{y:04d}-{m:02d}-{d:02d}"
    if hms:
        out += f"T{hms[0]:02d}:{hms[1]:02d}:{hms[2]:02d}"
        if tz:
            out += "+00:00" if tz == "Z" else tz
    return out


def _day_month(m: re.Match, evidence: str, rules: Rules) -> tuple[int, int, str | None]:
    """(day, month, note) of a numeric date "a/b/yyyy". An ambiguous one is read like
    the page's other numeric dates with that separator; a dotted one day first; else
    like the page's dates with month names, else by the months the page names, else by
    the separator's usual reading. The note says which."""
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a > 12 and b <= 12:
        return a, b, None
    if b > 12 and a <= 12:
        return b, a, None
    if a == b:
        return a, a, None
    written, sep = m.group(0), m.group("sep")
    # 1. how the page writes its other dates with this separator
    day_first, month_first = _page_evidence(evidence, rules, "numeric").get(sep, (0, 0)) if evidence else (0, 0)
    if day_first and not month_first:
        return a, b, (f"ambiguous date {written}: read day first ({y}-{b:02d}-{a:02d}) because the page "
                      f"writes {day_first} other date(s) day first with '{sep}' and none month first")
    if month_first and not day_first:
        return b, a, (f"ambiguous date {written}: read month first ({y}-{a:02d}-{b:02d}) because the page "
                      f"writes {month_first} other date(s) month first with '{sep}' and none day first")
    # 2. dotted dates are written day first (21.06.2017) wherever dots are used
    if sep == ".":
        return a, b, f"ambiguous date {written}: read day first (the usual reading of '.')"
    # 3. the order of the page's dates with month names ("4 May 2022" or "May 4, 2022")
    day_first, month_first = _page_evidence(evidence, rules, "named") if evidence else (0, 0)
    if day_first and not month_first:
        return a, b, (f"ambiguous date {written}: read day first ({y}-{b:02d}-{a:02d}) because the page "
                      f"writes {day_first} date(s) with a month name day first and none month first")
    if month_first and not day_first:
        return b, a, (f"ambiguous date {written}: read month first ({y}-{a:02d}-{b:02d}) because the page "
                      f"writes {month_first} date(s) with a month name month first and none day first")
    # 4. which of the two months the page names more often
    seen = _page_evidence(evidence, rules, "months") if evidence else {}
    ca, cb = seen.get(a, 0), seen.get(b, 0)
    if ca > cb:
        return b, a, (f"ambiguous date {written}: read month first ({y}-{a:02d}-{b:02d}) because the "
                      f"page names that month {ca} time(s) and the other reading's month {cb}")
    if cb > ca:
        return a, b, (f"ambiguous date {written}: read day first ({y}-{b:02d}-{a:02d}) because the "
                      f"page names that month {cb} time(s) and the other reading's month {ca}")
    # 5. the page's language: month first is the United States' way; pages in other
    #    languages write slashed dates day first (07/05/2022 on a Spanish page is May 7)
    language = _page_evidence(evidence, rules, "language") if evidence else None
    if language is not None and language != "English":
        return a, b, (f"ambiguous date {written}: read day first ({y}-{b:02d}-{a:02d}) because the page is "
                      f"written in {language}, where dates are written day first")
    if m.group("sep") == "/":
        return b, a, f"ambiguous date {written}: no evidence in the page; read month first (the usual reading of '/')"
    return a, b, f"ambiguous date {written}: no evidence in the page; read day first (the usual reading of '{m.group('sep')}')"


_EVIDENCE: dict = {}


def _page_evidence(evidence: str, rules: Rules, what: str):
    """Evidence in the page for reading an ambiguous numeric date, worked out when first
    asked for and kept for the last page asked about (one page is read at a time):
    "numeric": per separator, how many numeric dates the page writes that can only be
    day first ("29/04/2022") or only month first ("04/29/2022"); "named": how many dates
    with a month name it writes day first ("4 May 2022", "4 de mayo de 2022") or month
    first ("May 4, 2022"); "months": how often it names each month; "language": the
    stop list that covers most of its words (`linemodel.stopwords.guess_language`)."""
    key = (rules.fingerprint, len(evidence), hash(evidence))
    if _EVIDENCE.get("key") != key:
        _EVIDENCE.clear()
        _EVIDENCE["key"] = key
    if what not in _EVIDENCE:
        if what == "numeric":
            orders: dict[str, list[int]] = {}
            for m in _NUMERIC.finditer(evidence):
                a, b = int(m.group("a")), int(m.group("b"))
                o = orders.setdefault(m.group("sep"), [0, 0])
                if a > 12 >= b >= 1:
                    o[0] += 1
                elif b > 12 >= a >= 1 and b <= 31:
                    o[1] += 1
            _EVIDENCE[what] = {k: (v[0], v[1]) for k, v in orders.items()}
        elif what == "named":
            named = [0, 0]
            for i, rx in ((0, _NAMED_DMY), (1, _NAMED_MDY)):
                for m in rx.finditer(evidence):
                    if rules.month_of(m.group("mon")) is not None and 1 <= int(m.group("d")) <= 31:
                        named[i] += 1
            _EVIDENCE[what] = (named[0], named[1])
        elif what == "language":
            from .linemodel import stopwords as sw

            _EVIDENCE[what] = sw.guess_language(sw.words(evidence[:20_000])[:sw.SAMPLE_WORDS])
        else:
            _EVIDENCE[what] = month_names_in(evidence, rules)
    return _EVIDENCE[what]


def _dates_in(text: str, rules: Rules, evidence: str):
    """Every date in `text`: (start, end, y, m, d, note, hms, tz), unordered."""
    out: list[tuple[int, int, int, int, int, str | None, tuple[int, int, int] | None, str | None]] = []
    m: re.Match[str] | None
    mo: int | None
    for m in _ISO.finditer(text):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if _valid(y, mo, d):
            hms = (int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)) if m.group("H") else None
            if hms and (hms[0] > 23 or hms[1] > 59 or hms[2] > 59):
                hms = None
            tz = m.group("z")
            if tz and tz != "Z" and ":" not in tz:
                tz = tz[:3] + ":" + tz[3:]
            out.append((m.start(), m.end(), y, mo, d, None, hms, tz))
    for m in _CJK_DATE.finditer(text):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if _valid(y, mo, d):
            out.append((m.start(), m.end(), y, mo, d, None, None, None))
    for m in _NUMERIC.finditer(text):
        d, mo, note = _day_month(m, evidence, rules)
        y = int(m.group("y"))
        if _valid(y, mo, d):
            out.append((m.start(), m.end(), y, mo, d, note, None, None))
    for m in _NUMERIC_YY.finditer(text):
        d, mo, yy = int(m.group("a")), int(m.group("b")), int(m.group("yy"))
        y = 2000 + yy if yy < 70 else 1900 + yy
        if not _valid(y, mo, d) or not (_time_near(text, m.start(), m.end(), rules)[0] or _labelled_at(text, m.start(), rules)):
            continue
        note = f"two-digit year in {m.group(0)} read as {y}" + (
            ", day first (the usual reading of '.')" if d <= 12 and d != mo else "")
        out.append((m.start(), m.end(), y, mo, d, note, None, None))
    for rx in (_NAMED_MDY, _NAMED_DMY):
        pos = 0
        while (m := rx.search(text, pos)) is not None:
            pos = m.start() + 1
            mo = rules.month_of(m.group("mon"))
            if mo is None:
                continue
            y, d = int(m.group("y")), int(m.group("d"))
            if _valid(y, mo, d):
                out.append((m.start(), m.end(), y, mo, d, None, None, None))
                pos = m.end()
    return out


def _labelled_at(text: str, pos: int, rules: Rules) -> bool:
    """A date label ends just before `pos` ("Veröffentlicht am ", "Date: ")."""
    return any(not text[m.end():pos].strip() for m in _label_rx(rules).finditer(text, max(0, pos - 40), pos))


def _scan(text: str, rules: Rules, evidence: str):
    """The first date in `text` with its time: (DateValue, date span, date-and-time span)."""
    if not _HAS_YEAR.search(text):
        return None
    found = _dates_in(text, rules, evidence)
    if not found:
        return None
    start, end, y, mo, d, note, hms, tz = min(found, key=lambda f: (f[0], -f[1]))
    span = (start, end)
    if hms is None:
        hms, tz2, span = _time_near(text, start, end, rules)
        tz = tz or tz2
    elif not tz:
        tz, tz_end = _zone(text, end, rules)
        span = (start, tz_end)
    return DateValue(_iso(y, mo, d, hms, tz), note), (start, end), span


def find_date(text: str, rules: Rules, evidence: str = "") -> tuple[DateValue, tuple[int, int]] | None:
    """The first full date (with time and zone where given) in `text`, and its span.
    `evidence` is the page's text, used to resolve day/month ambiguity."""
    hit = _scan(text, rules, evidence)
    return (hit[0], hit[1]) if hit else None


_PIECES = re.compile(r"\s*(?:[|｜·•;()\[\]【】]|\s[–—/-]\s|,\s)\s*")
_READING_TIME = re.compile(
    r"(?i)(?:reading time|lesezeit|время чтения|temps de lecture|tiempo de lectura)?\s*[:：]?\s*"
    r"\d+\s*(?:-|–)?\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?|хв(?:ілін)?|分钟)\.?"
    r"(?:\s*(?:read|reading|to read|чтения|на чтение|чытання|lesezeit|de lecture|de lectura|阅读))?(?!\w)")
_COUNT = re.compile(
    r"(?i)(?<![\w.])\d[\d\s.,]*[kmкм]?\+?\s*(?:views?|reads?|comments?|shares?|likes?|просмотр\w*|"
    r"комментари\w*|прагляд\w*|камент\w*|aufrufe|kommentare?|vues|commentaires|visitas|comentarios|"
    r"次阅读|阅读|浏览|评论|次)(?!\w)")
# a comment link's words without a number ("Keine Kommentare", "No comments", "Leave a comment")
_COMMENT_WORDS = re.compile(
    r"(?i)(?<!\w)(?:(?:no|keine?|ein|one|aucun|un|une|sin|nessun)\s+"
    r"(?:comments?|kommentare?|commentaires?|comentarios?|commenti)|leave a (?:comment|reply)|"
    r"kommentar schreiben|laisser un commentaire)(?!\w)")
# after a date, the categories a blog files the post under ("in Allgemein, Fashion")
_FILED_IN = re.compile(r"(?:in|im|en|dans)\s+[^\W\d_a-zß-ÿ][\w&'’.\-]*(?:\s+[^\W\d_a-zß-ÿ&][\w&'’.\-]*){0,3}")
_NAME_WORD = r"[^\W\d_][\w'’.\-]*"
_BY = re.compile(
    rf"(?i)^(?:(?:by|written by|authors?|reporter|von|ein artikel von|ein beitrag von|autor|autorin|par|auteur|por|oleh|"
    rf"penulis|автор|аўтар|текст)(?!\w)"
    rf"|作者|记者)\s*[:：]?\s*"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}?)"
    rf"(?:\s+(?:on|at|am|le|el|в|de))?\s*$")
_DIGIT = re.compile(r"\d")
_ZONE_OFFSET = re.compile(r"(?i)\b(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b")
_PARTICLES = {"de", "van", "von", "al", "bin", "der", "la", "le", "da", "di", "du"}


def _label_rx(rules: Rules) -> re.Pattern:
    key = ("dates", rules.fingerprint)
    rx = _LABEL_RX.get(key)
    if rx is None:
        labels = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label, _ in rules.dates.labels) or "(?!x)x"
        rx = _LABEL_RX[key] = re.compile(rf"(?i)(?<!\w)({labels})(?!\w)\s*[:：]?")
    return rx


def _filed_rx(rules: Rules) -> re.Pattern:
    """A `dates.filed` label at the start of a piece ("Filed under", "Kategorien:")."""
    key = ("filed", rules.fingerprint)
    rx = _LABEL_RX.get(key)
    if rx is None:
        labels = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(rules.dates.filed, key=len, reverse=True))
        rx = _LABEL_RX[key] = re.compile(rf"(?i)({labels or '(?!x)x'})(?!\w)\s*[:：]?")
    return rx


_BY_WORD = re.compile(r"(?i)\s(?:by|von|par|por)\s")
_BY_THEN_FILED = re.compile(r"(.+?)\s+((?:in|im|en|dans)\s+\S.*)$")
_FILED_ITEM_WORDS = 4  # a category or tag after a `dates.filed` label has this many words at most


def _byline_name(piece: str, rules: Rules) -> str | None:
    words = piece.split()
    while len(words) > 2 and _filler(words[-1], rules):  # "by Jane Doe on Sunday"
        words.pop()
    m = _BY.match(" ".join(words))
    if not m:
        return None
    name = m.group("name").strip()
    tokens = name.split()
    if len(tokens) == 1 or all(t[0].isupper() or t.lower() in _PARTICLES or "\u4e00" <= t[0] <= "\u9fff"
                               for t in tokens):
        return name
    return None


def parse_date_line(line: str, rules: Rules, evidence: str = "", named: bool = False) -> DateValue | None:
    """A line that holds a date and little else: a label, a weekday, a time and zone,
    a byline, a reading time or a count ("05-11-2015 17:39 BJT", "Published: June 5,
    2025 10:30 a.m. EDT", "by Staff Writer March 5, 2024 6:15 PM · 2 min read",
    "Опубликовано: 4 июня 2025", "Veröffentlicht am 12.05.2015"). The value says which
    date the label names (`label`) and whom the line credits (`byline`). `named`: also a
    date after one to three capitalised words, a name or a place ("Jane Doe, 5 March
    2024", "Bonn | 11.10.2021"), as by a headline; a comment's header has that form too
    ("Armanox June 28, 2015 at 10:25 pm"), so a caller asks for it only there."""
    if len(line) > 200:
        return None
    hit = _scan(line, rules, evidence)
    if not hit:
        return None
    value, _, (start, end) = hit
    rx = _label_rx(rules)
    kinds = _by_identity(dict, rules.dates.labels)  # label -> published | updated, made once
    for m in rx.finditer(line, end):
        # "Mon 20 Jan 2020 06.05 GMT Last modified on Mon 20 Jan 2020 06.07 GMT"
        if kinds.get(" ".join(m.group(1).lower().split())) == "updated" and line[:m.start()].strip():
            head, tail = _date_line(line[:m.start()], rules, evidence), _date_line(line[m.start():], rules, evidence)
            if head is not None and tail is not None and tail.label == "updated" and tail.updated is None:
                return dataclasses.replace(head, updated=tail.iso)
            break
    whole = _date_line(line, rules, evidence, value, start, end, named)
    if whole is not None or not _BAR.search(line) or len(line.split()) > 16:
        return whole
    # "18.02.2022, 10:27 | Recht & Gesetz | Jetzt kommentieren", "Handball • 02.02.2022":
    # the date line is one piece between bars, the others its time, a byline or a few
    # words of chrome (a section, a button, a count), not a teaser's headline
    pieces = [p.strip() for p in _BAR.split(line)]
    dated = [k for k, p in enumerate(pieces) if _HAS_YEAR.search(p)]
    if len(dated) != 1:
        return None
    k = dated[0]
    timed = k + 1 < len(pieces) and _is_time(pieces[k + 1], rules)  # "04.02.2022 | 15:33 Uhr | …"
    if any((len(p.split()) > 3 and not _byline_name(p, rules)) or any(c.isdigit() for c in _COUNT.sub("", p))
           for j, p in enumerate(pieces) if j != k and not (timed and j == k + 1)):
        return None
    return _date_line(pieces[k] + (" " + pieces[k + 1] if timed else ""), rules, evidence)


_BAR = re.compile(r"\s*[|•·]\s*")
_NAME_OR_PLACE = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2}")


def _is_time(piece: str, rules: Rules) -> bool:
    """A piece that is a time alone ("15:33 Uhr", "8:10 am EST")."""
    m = _TIME.match(piece)
    return m is not None and all(_filler(w, rules) for w in piece[m.end():].split())


def _date_line(line: str, rules: Rules, evidence: str, value: DateValue | None = None,
               start: int = 0, end: int = 0, named: bool = False) -> DateValue | None:
    """`parse_date_line` without its two relaxations (given the line's first date, when
    known, and its span)."""
    if value is None:
        hit = _scan(line, rules, evidence)
        if not hit:
            return None
        value, _, (start, end) = hit
    label = byline = None
    rx = _label_rx(rules)
    kinds = _by_identity(dict, rules.dates.labels)  # label -> published | updated, made once
    rel = rules.dates.relative
    after = line[end:]
    if _HAS_YEAR.search(after):
        for s0, e0, y, mo, d, *_ in sorted(_dates_in(after, rules, evidence), reverse=True):
            if value.iso[:10] == f"{y:04d}-{mo:02d}-{d:02d}":  # the same day written twice ("2021-12-14T12:38 Dec 14, 2021")
                after = after[:s0] + " " + after[e0:]
    after = _COMMENT_WORDS.sub(" ", after)
    filed_rx = _filed_rx(rules)
    for k, part in enumerate((line[:start], after)):
        if _DIGIT.search(part):  # (a count and a reading time hold a digit)
            part = _READING_TIME.sub(" ", _COUNT.sub(" ", part))
        filed = False
        pieces = _PIECES.split(part)
        # "Jane Doe, 5 March 2024", "Bonn | 11.10.2021 15:32 Uhr": one to three
        # capitalised words before the date (a name or a place; which of the two is not
        # told, so neither the byline nor the dateline is read from it)
        # (with a comma or a bar between: a comment's header is "Armanox June 28, 2015 at 10:25 pm")
        alone = (named and k == 0 and part.rstrip().endswith((",", "|", "·", "•", "–", "—"))
                 and sum(1 for x in pieces if x.strip(" ,:：.")) == 1)
        for j, piece in enumerate(pieces):
            piece = piece.strip(" ,:：.")
            if not piece:
                continue
            if k == 1 and (_FILED_IN.fullmatch(piece) or (filed and len(piece.split()) <= 3 and not _DIGIT.search(piece))):
                filed = True  # "… 10. Februar 2019 in Allgemein , Fashion , Kolumne"
                continue
            f = filed_rx.match(piece)
            if f and k == 1:
                # "… 20. März 2014 Kategorien Allgemein , News Tags Bilder": the rest of the
                # line is the list, items of a few words (not a sentence that starts "Tags are")
                items = [piece[f.end():], *pieces[j + 1:]]
                if all(len(x.split()) <= _FILED_ITEM_WORDS and not x.rstrip().endswith((".", "!", "?")) for x in items):
                    break
                return None
            if f:  # "Posted in Datenschutz by Anna on": the categories go, the byline stays
                by = _BY_WORD.search(piece, f.end())
                piece = piece[by.start():].strip() if by else ""
                if not piece:
                    continue
            m = rx.match(piece)
            while m:  # labels at the piece's start ("Updated:", "Posted on")
                label = label or kinds.get(" ".join(m.group(1).lower().split()))
                piece = piece[m.end():].strip(" ,:：")
                m = rx.match(piece) if piece else None
            if not piece or (rel is not None and rel.fullmatch(piece)):  # "(3 days ago)"
                continue
            name = _byline_name(piece, rules)
            if not name and alone and _NAME_OR_PLACE.fullmatch(piece) and all(w[0].isupper() for w in piece.split()):
                continue
            if not name and k == 1:  # "… 23. Januar 2020 von Christian Muster in Allgemeines"
                cut = _BY_THEN_FILED.match(piece)
                if cut and _FILED_IN.fullmatch(cut.group(2)):
                    name, filed = _byline_name(cut.group(1), rules), True
            if name:
                byline = byline or name
                continue
            # "Posted by admin on", "Veröffentlicht am": a label after a byline,
            # or filler words, times and zones.
            rest = _ZONE_OFFSET.sub(" ", _TIME.sub(" ", piece)) if _DIGIT.search(piece) else piece
            rest = rx.sub(" ", rest)
            # (a decimal digit is a digit; ASCII holds no other digits)
            if _DIGIT.search(rest) or (not rest.isascii() and any(c.isdigit() for c in rest)):
                return None
            if not all(_filler(w, rules) for w in re.findall(r"[^\s,|:：()\[\]/·•–—-]+", rest)):
                return None
    return DateValue(value.iso, value.note, label, byline)


def relative_date(line: str, rules: Rules) -> str | None:
    """The relative stamp ("3 days ago", "вчера, 12:30", "2小时前") of a short line that
    gives no full date, or None. Such a stamp names no day."""
    rx = rules.dates.relative
    if rx is None or len(line) > 80:
        return None
    m = rx.search(line)
    if not m or _scan(line, rules, ""):
        return None
    return m.group(0).strip()


_LIST_MARK = re.compile(r"^(?:[*+•·\-–—]|\d{1,2}[.)])\s+(?=\S)")


def date_candidates(lines, rules: Rules | None = None, evidence: str = "",
                    relative: bool = False, named: bool = False) -> list[tuple[int, DateValue | None, str]]:
    """(index, date, kind) for each line that is a date line, for the cleaner to rank
    (prefer the one nearest the headline). Kinds: DATE_LINE ("5 March 2024",
    "2025-06-04 16:37 来源：新华网"), BYLINE_WITH_DATE ("By Jane Doe | Updated:
    2024-03-05"), LABELLED_PUBLISHED / LABELLED_UPDATED ("Posted on 5 March 2024",
    "Last updated: 2024-03-05"). With `relative`, relative stamps are listed too, as
    (index, None, RELATIVE). Sentences that merely mention a date are not candidates."""
    if rules is None:
        from .rules import load_rules

        rules = load_rules()
    out: list[tuple[int, DateValue | None, str]] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > 300 or not _HAS_YEAR.search(line):
            if relative and line and relative_date(line, rules):
                out.append((i, None, RELATIVE))
            continue
        value = _line_date(line, rules, evidence, named)
        if value is None:
            bare = _LIST_MARK.sub("", line)  # "* Updated: August 22, 2019" (but "12. Mai 2015" is a date)
            value = _line_date(bare, rules, evidence, named) if bare != line else None
        if value is None:
            continue
        if value.byline:
            kind = BYLINE_WITH_DATE
        elif value.label == "updated":
            kind = LABELLED_UPDATED
        elif value.label == "published":
            kind = LABELLED_PUBLISHED
        else:
            kind = DATE_LINE
        out.append((i, value, kind))
    return out


def _line_date(line: str, rules: Rules, evidence: str, named: bool = False) -> DateValue | None:
    return parse_date_line(line, rules, evidence, named) or _labelled_date(line, rules, evidence)


def _labelled_date(line: str, rules: Rules, evidence: str) -> DateValue | None:
    """A date in a line of labelled fields: a date before the first label
    ("2025-06-04 16:37 来源：新华网") or a published/updated field ("Author: X | Date: …")."""
    labelled = split_labelled(line.strip("【】[]()（） "), rules)
    if labelled is None:
        return None
    head, pairs = labelled
    if len(line.split()) > 25 or not all(v for _, v in pairs):
        return None
    byline = next((v.split("|")[0].strip() for f, v in pairs if f == "byline"), None)
    if head.strip():
        value = parse_date_line(head, rules, evidence)
        if value is None:
            return None
        return DateValue(value.iso, value.note, value.label, value.byline or byline)
    for field, v in pairs:
        if field in ("published", "updated"):
            found = _scan(v, rules, evidence)
            if found:
                return DateValue(found[0].iso, found[0].note, field, byline)
    return None


_LABEL_RX: dict = {}


def _label_regex(rules: Rules) -> re.Pattern:
    rx = _LABEL_RX.get(rules.fingerprint)
    if rx is None:
        labels = "|".join(re.escape(label) for label, _ in rules.fields)
        rx = _LABEL_RX[rules.fingerprint] = re.compile(rf"(?i)({labels})\s*[:：]\s*")
    return rx


@lru_cache(maxsize=4)
def _longest_label(fields: tuple) -> int:
    return max((len(label) for label, _ in fields), default=0)


def _has_label(line: str, rx: re.Pattern, longest: int) -> bool:
    """Whether `rx` (a label, white space, a colon) matches somewhere in `line`, trying
    it only just before each colon: a match ends its label, and the white space after
    it, at a colon, and (case-insensitive matching being one character for one) starts
    at most `longest` characters before that white space. A match within the window is
    a match in the line (the pattern looks neither behind nor ahead), and each match
    in the line lies within its colon's window."""
    for colon in (":", "："):
        c = line.find(colon)
        while c != -1:
            k = c
            while k and line[k - 1].isspace():
                k -= 1
            if rx.search(line, max(0, k - longest), c + 1) is not None:
                return True
            c = line.find(colon, c + 1)
    return False


def split_labelled(line: str, rules: Rules) -> tuple[str, list[tuple[str, str]]] | None:
    """Split "DATE source:X category:Y" or "Editor: NAME" into the part before the
    first label and (field, value) pairs. Labels may be glued to the previous word, as
    scraped pages often lose the markup between fields. None when no label is found."""
    if len(line) > 300 or (":" not in line and "：" not in line):
        return None
    rx = _label_regex(rules)
    # (the regex tried at every character is slow; most lines with a colon hold no label)
    if not _has_label(line, rx, _by_identity(_longest_label, rules.fields)):
        return None
    hits = list(rx.finditer(line))
    if not hits:
        return None
    # Labels may be glued to the previous word; the caller accepts the line only when
    # the part before the first label is empty or a date.
    head = line[:hits[0].start()]
    field_of = dict(rules.fields)
    pairs = []
    for i, h in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
        value = line[h.end():end].strip(" \t|·•,;")
        pairs.append((field_of[h.group(1).lower()], value))
    return head, pairs


def weekday_index(word: str) -> int | None:
    return _WEEKDAYS.get(word.lower())
