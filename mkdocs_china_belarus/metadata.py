"""Read page metadata from single lines: dates, bylines, labelled fields, datelines,
wire credits and a site name prefixed to the title. Pure functions over strings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import Rules

_WORD = re.compile(r"\w+", re.UNICODE)

_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"(?P<z>Z|[+-]\d{2}:?\d{2})?(?!\d)"
)
_NUMERIC = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
_CJK_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_NAMED_MDY = re.compile(r"\b(?P<mon>[^\W\d_]{3,10})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b")
_NAMED_DMY = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[^\W\d_]{3,12})\.?,?\s+(?P<y>\d{4})\b")
_TIME = re.compile(
    r"(?<![\d:])(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d)\s*"
    r"(?P<ampm>a\.?m\.?|p\.?m\.?)?(?![^\W\d_])",
    re.IGNORECASE,
)
_TZ_NUM = re.compile(r"\b(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b|(?<![\d:])(?P<sign2>[+-])(?P<h2>\d{2}):?(?P<m2>\d{2})\b")
_TZ_ABBR = re.compile(r"\b(?P<abbr>[A-Z]{1,5})\b")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# Words that may stand around a date in a metadata line.
_DATE_FILLER = {"published", "updated", "posted", "on", "at", "date", "time", "last", "modified",
                "am", "pm", "a.m.", "p.m.", "|", "-", "–", "—", "/", "·", "•", ",", "by",
                "опубликовано", "обновлено", "в"} | set(_WEEKDAYS)


@dataclass(frozen=True)
class DateValue:
    iso: str
    note: str | None = None  # set when the written date was ambiguous


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


def _valid(y: int, m: int, d: int) -> bool:
    import datetime as _dt

    try:
        _dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _tz(rest: str, rules: Rules) -> str | None:
    m = _TZ_NUM.search(rest)
    if m:
        if m.group("sign"):
            return f"{m.group('sign')}{int(m.group('h')):02d}:{int(m.group('m') or 0):02d}"
        return f"{m.group('sign2')}{m.group('h2')}:{m.group('m2')}"
    for m in _TZ_ABBR.finditer(rest):
        off = rules.tz_offset(m.group("abbr"))
        if off:
            return off
    return None


def _time(rest: str) -> tuple[int, int, int] | None:
    m = _TIME.search(rest)
    if not m:
        return None
    h, mi, s = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59 or s > 59:
        return None
    return h, mi, s


def _iso(y: int, m: int, d: int, hms: tuple[int, int, int] | None, tz: str | None) -> str:
    out = f"{y:04d}-{m:02d}-{d:02d}"
    if hms:
        out += f"T{hms[0]:02d}:{hms[1]:02d}:{hms[2]:02d}"
        if tz:
            out += "+00:00" if tz == "Z" else tz
    return out


def find_date(text: str, rules: Rules, evidence: str = "") -> tuple[DateValue, tuple[int, int]] | None:
    """The first full date (with time and zone where given) in `text`, and its span.
    `evidence` is the page's text, used to resolve day/month ambiguity."""
    m = _ISO.search(text)
    if m and _valid(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        hms = (int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)) if m.group("H") else None
        tz = m.group("z")
        if tz and tz != "Z" and ":" not in tz:
            tz = tz[:3] + ":" + tz[3:]
        rest = text[m.end():]
        if hms and not tz:
            tz = _tz(rest[:24], rules)
        return DateValue(_iso(y, mo, d, hms, tz)), m.span()
    m = _CJK_DATE.search(text)
    if m and _valid(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
        rest = text[m.end():]
        hms = _time(rest[:32])
        tz = _tz(rest[:40], rules) if hms else None
        return DateValue(_iso(int(m.group("y")), int(m.group("m")), int(m.group("d")), hms, tz)), m.span()
    m = _NUMERIC.search(text)
    if m:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        note = None
        if a > 12 and b <= 12:
            d, mo = a, b
        elif b > 12 and a <= 12:
            mo, d = a, b
        elif a == b:
            mo = d = a
        else:
            seen = month_names_in(evidence, rules) if evidence else {}
            ca, cb = seen.get(a, 0), seen.get(b, 0)
            written = m.group(0)
            if ca > cb:
                mo, d = a, b
                note = (f"ambiguous date {written}: read month first ({y}-{a:02d}-{b:02d}) because the "
                        f"page names that month {ca} time(s) and the other reading's month {cb}")
            elif cb > ca:
                d, mo = a, b
                note = (f"ambiguous date {written}: read day first ({y}-{b:02d}-{a:02d}) because the "
                        f"page names that month {cb} time(s) and the other reading's month {ca}")
            elif m.group("sep") == "/":
                mo, d = a, b
                note = f"ambiguous date {written}: no evidence in the page; read month first (the usual reading of '/')"
            else:
                d, mo = a, b
                note = f"ambiguous date {written}: no evidence in the page; read day first (the usual reading of '{m.group('sep')}')"
        if _valid(y, mo, d):
            rest = text[m.end():]
            hms = _time(rest[:32])
            tz = _tz(rest[:40], rules) if hms else None
            return DateValue(_iso(y, mo, d, hms, tz), note), m.span()
    for rx, order in ((_NAMED_MDY, "mdy"), (_NAMED_DMY, "dmy")):
        for m in rx.finditer(text):
            mo = rules.month_of(m.group("mon"))
            if mo is None:
                continue
            y, d = int(m.group("y")), int(m.group("d"))
            if not _valid(y, mo, d):
                continue
            rest = text[m.end():]
            hms = _time(rest[:32])
            tz = _tz(rest[:40], rules) if hms else None
            if hms is None:  # "3:15 AM GMT+3, June 5, 2025": the time before the date
                before = text[max(0, m.start() - 40):m.start()]
                hms = _time(before)
                tz = _tz(before, rules) if hms else None
            return DateValue(_iso(y, mo, d, hms, tz)), m.span()
    return None


def parse_date_line(line: str, rules: Rules, evidence: str = "") -> DateValue | None:
    """A line that holds a date and little else ("05-11-2015 17:39 BJT",
    "Published: June 5, 2025 10:30 a.m. EDT")."""
    if len(line) > 120:
        return None
    found = find_date(line, rules, evidence)
    if not found:
        return None
    value, (start, end) = found
    rest = (line[:start] + " " + line[end:]).lower()
    rest = _TIME.sub(" ", rest)
    rest = re.sub(r"\b(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b", " ", rest)
    leftover = [w for w in re.findall(r"[^\s,|:()\[\]]+", rest)
                if w not in _DATE_FILLER and not (w.upper() == w and rules.tz_offset(w))]
    leftover = [w for w in leftover if not rules.tz_offset(w)]
    return value if not leftover else None


_LABEL_RX: dict[str, re.Pattern] = {}


def _label_regex(rules: Rules) -> re.Pattern:
    rx = _LABEL_RX.get(rules.fingerprint)
    if rx is None:
        labels = "|".join(re.escape(label) for label, _ in rules.fields)
        rx = _LABEL_RX[rules.fingerprint] = re.compile(rf"(?i)({labels})\s*[:：]\s*")
    return rx


def split_labelled(line: str, rules: Rules) -> tuple[str, list[tuple[str, str]]] | None:
    """Split "DATE source:X category:Y" or "Editor: NAME" into the part before the
    first label and (field, value) pairs. Labels may be glued to the previous word, as
    scraped pages often lose the markup between fields. None when no label is found."""
    if len(line) > 300 or (":" not in line and "：" not in line):
        return None
    rx = _label_regex(rules)
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


_NAME_TOKEN = r"(?:[A-ZÀ-ÞА-ЯЁІЎ][\w'’.\-/]*|[\u4e00-\u9fff]{2,4}|(?:de|van|von|al|bin|der|la|le)\b)"
_BYLINE = re.compile(
    rf"^(?:by|written by|author:|authors?:|автор:?)\s+(?P<names>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
    rf"(?:\s*(?:,|and|&|и)\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})*?)"
    rf"(?:\s*(?:,|\||—|–|-|\()\s*(?P<note>.+?))?\)?\s*$",
    re.IGNORECASE,
)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """("Han Lu", "research assistant, ...") from "By Han Lu, research assistant, ..."."""
    if len(line) > 250 or len(line.split()) > 30:
        return None
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    names = m.group("names").strip()
    # Every token of the name must be capitalised (re.IGNORECASE relaxed the classes).
    tokens = [t for t in re.split(r"\s+|,", names) if t and t.lower() not in ("and", "&", "и")]
    if not tokens or not all(t[0].isupper() or "\u4e00" <= t[0] <= "\u9fff" or t in ("de", "van", "von", "al", "bin", "der", "la", "le") for t in tokens):
        return None
    if len(tokens) == 1 and not ("\u4e00" <= tokens[0][0] <= "\u9fff"):
        # "By Tuesday, ..." is a sentence, not a byline: a person's name has two parts.
        return None
    note = m.group("note")
    return names, (note.strip() if note else None)


def split_site_title(line: str) -> tuple[str | None, str]:
    """"Site|Title" or "Title | Site" -> (site, title). The site is the shorter part
    with at most five words; one separator only."""
    parts = re.split(r"\s*[|｜丨]\s*", line.strip())
    if len(parts) != 2 or not all(parts):
        return None, line.strip()
    a, b = parts
    wa, wb = len(a.split()), len(b.split())
    if wa <= 5 and wb > wa + 1:
        return a, b
    if wb <= 5 and wa > wb + 1:
        return b, a
    return None, line.strip()


_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_ '’.\-]*(?:[ '’.\-]+[^\W\d_]+){0,3}\.?)"
    r"(?P<rest>,\s*[^()—–\n]{1,40}?)?\s*"
    r"(?:\((?P<wire>[^()]{2,40})\)\s*)?(?P<dash>—|–|--|-|:)\s+"
)


_CJK_DATELINE = re.compile(r"^(?P<wire>新华社|中新社|人民网|央视网)(?P<place>[\u4e00-\u9fff]{2,6}?)(?:\d{1,2}月)?\d{1,2}日(?:专)?电")


def parse_dateline(line: str) -> tuple[str, str | None] | None:
    """("BEIJING", "AP") from "BEIJING (AP) — Chinese leader ..."; the place must be
    written in capitals, as datelines are. Chinese agency datelines ("新华社北京6月4日电")
    are read too."""
    c = _CJK_DATELINE.match(line.strip())
    if c:
        return c.group("place"), c.group("wire")
    m = _DATELINE.match(line.strip())
    if not m:
        return None
    place = m.group("place").strip(" .")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return None
    wire = m.group("wire")
    if m.group("dash") in ("-", ":") and not wire:
        return None
    return place, (wire.strip() if wire else None)


def wire_names(text: str, rules: Rules) -> list[str]:
    """Canonical names of the wires whose spelling is exactly `text` (or one of its
    parts split by '/' or ',')."""
    out = []
    names = _wire_lookup(rules.wires)
    for part in re.split(r"\s*[/,;]\s*|\s+and\s+", text.strip()):
        for name in names.get(part.casefold(), ()):
            if name not in out:
                out.append(name)
    return out


@lru_cache(maxsize=4)
def _wire_lookup(wires: tuple) -> dict[str, tuple[str, ...]]:
    """Case-folded spelling -> the wires spelled so, in registry order (one dict look-up
    per part instead of a scan of every spelling: this runs on every short line)."""
    out: dict[str, list[str]] = {}
    for name, spellings in wires:
        for s in spellings:
            names = out.setdefault(s.casefold(), [])
            if name not in names:
                names.append(name)
    return {k: tuple(v) for k, v in out.items()}


_WIRE_RX: dict[str, tuple[re.Pattern, dict[str, str]]] = {}


def _wire_regex(rules: Rules) -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every wire's credit forms; the named group tells which wire."""
    cached = _WIRE_RX.get(rules.fingerprint)
    if cached is None:
        parts, names = [], {}
        for i, (name, spellings) in enumerate(rules.wires):
            alts = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
            short = len(spellings[0]) <= 4 and spellings[0].isupper()
            body = (rf"\bvia\s+(?:the\s+)?(?:{alts})\b"
                    rf"|\b(?:[Pp]hotos?|PHOTO|[Pp]hotograph|[Ii]mage|[Pp]icture|[Ff]ile photo|[Cc]redit|[Ss]ource|[Фф]ото)\s*(?::|by|/)\s*(?:{alts})\b"
                    rf"|/\s*(?:{alts})\s*(?:\)|$)"
                    rf"|\((?:{alts})\)\s*\.?\s*$"
                    rf"|\((?:{alts})\s*/[^()]{{1,60}}\)"
                    rf"|[—–]\s*(?:{alts})\s*\.?\s*$")
            parts.append(f"(?P<w{i}>{body})" if short else f"(?P<w{i}>(?i:{body}))")
            names[f"w{i}"] = name
        cached = _WIRE_RX[rules.fingerprint] = (re.compile("|".join(parts)), names)
    return cached


@lru_cache(maxsize=4)
def _spellings_of(wires: tuple) -> tuple[str, ...]:
    return tuple({s.casefold() for _, spellings in wires for s in spellings})


def _spellings(rules: Rules) -> tuple[str, ...]:
    return _spellings_of(rules.wires)


def wire_credits(line: str, rules: Rules) -> list[str]:
    """Wires credited in a line: photo credits ("via REUTERS", "Photo: Xinhua",
    "Pavel Orlovsky/BelTA", "(AFP)" at the end of a caption)."""
    if len(line) > 2000:
        line = line[-400:]
    low = line.casefold()
    if not any(s in low for s in _spellings(rules)):
        return []
    rx, names = _wire_regex(rules)
    # Every credit form starts at one of these spots: trying the (long) regex only there
    # finds what rx.finditer finds, without trying ~130 alternatives at every character.
    found, end = [], 0
    for spot in _CREDIT_START.finditer(line):
        if spot.start() >= end:
            m = rx.match(line, spot.start())
            if m:
                found.append(names[m.lastgroup])
                end = m.end()
    return list(dict.fromkeys(found))


# (the first-letter class holds every character that `(?i:)` lets match those letters)
_CREDIT_START = re.compile(r"(?=[vVpPiIfFcCsSфФİıſ/(—–])(?=[/(—–]|(?i:via|photo|image|picture|file|credit|source|фото))")


def is_wire_line(line: str, rules: Rules) -> list[str]:
    """A line that is nothing but a wire's name ("Xinhua", "(AP)", "— Reuters"): a credit."""
    core = line.strip().strip("()[]—–-:. ")
    return wire_names(core, rules) if 0 < len(core) <= 60 else []


def weekday_index(word: str) -> int | None:
    return _WEEKDAYS.get(word.lower())
