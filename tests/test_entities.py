"""Registry loading/validation and the alias matcher."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # running without an installed package
    sys.path.insert(0, str(ROOT))

from mkdocs_china_belarus.entities import (  # noqa: E402
    KINDS,
    Entity,
    Match,
    Matcher,
    Registry,
    RegistryError,
    count_mentions,
    load_registry,
)

SEEDS = next((d for d in (ROOT / "tests" / "fixtures" / "seeds", ROOT / "seeds") if d.is_dir()), ROOT / "seeds")


# ------------------------------------------------------------------ helpers


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def matcher(registry) -> Matcher:
    return Matcher(registry)


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    """(entity id, text as written) of every match, checking the offsets."""
    out = []
    for m in matcher.find(text):
        assert 0 <= m.start < m.end <= len(text)
        out.append((m.entity_id, text[m.start : m.end]))
    return out


def ids(matcher: Matcher, text: str) -> list[str]:
    return [m.entity_id for m in matcher.find(text)]


def write(tmp_path: Path, body: str, name: str = "entities.yml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


def small_matcher(tmp_path: Path, body: str) -> Matcher:
    return Matcher(load_registry(write(tmp_path, body), include_default=False))


# ------------------------------------------------------- the default registry


def test_default_registry_size_descriptions_and_kinds(registry):
    assert len(registry.entities) >= 45
    assert all(e.description.strip() for e in registry.entities)
    assert {e.kind for e in registry.entities} == set(KINDS)
    assert registry.files and registry.files[0].endswith("entities.yml")
    assert registry.blockers


@pytest.mark.parametrize(
    "entity_id",
    [
        "xi-jinping", "li-keqiang", "li-qiang", "wang-yi", "hu-jintao",
        "alexander-lukashenko", "roman-golovchenko", "alexander-turchin",
        "sergei-aleinik", "maxim-ryzhenkov", "sviatlana-tsikhanouskaya",
        "vladimir-putin", "sergey-lavrov", "china", "belarus", "russia", "ukraine",
        "beijing", "minsk", "moscow", "shanghai", "lithuania", "poland",
        "united-states", "united-nations", "shanghai-cooperation-organisation",
        "brics", "eurasian-economic-union", "european-union", "nato", "csto",
        "national-peoples-congress", "cppcc", "china-institute-of-international-studies",
        "yale-university", "belt-and-road-initiative", "silk-road-economic-belt",
        "global-development-initiative", "global-security-initiative",
        "global-civilization-initiative", "china-belarus-industrial-park",
        "suzhou-industrial-park", "xinhua", "belta", "cgtn", "cctv", "china-daily",
        "global-times", "peoples-daily", "associated-press", "reuters", "afp", "tass",
        "ria-novosti", "voice-of-america", "cnn", "bbc", "rfe-rl", "belsat",
        "nasha-niva", "zerkalo",
    ],
)
def test_default_registry_covers(registry, entity_id):
    assert registry.get(entity_id) is not None, entity_id


def test_xi_and_lukashenko_have_cyrillic_and_chinese_aliases(registry):
    def has_script(names, lo, hi):
        return any(any(lo <= ord(c) <= hi for c in n) for n in names)

    for eid in ("xi-jinping", "alexander-lukashenko", "china", "belarus", "minsk"):
        names = registry.get(eid).all_names
        assert has_script(names, 0x0400, 0x04FF), eid  # Cyrillic
        assert has_script(names, 0x4E00, 0x9FFF), eid  # CJK
    luk = registry.get("alexander-lukashenko").all_names
    for alias in ("Lukashenko", "Lukashenka", "Лукашенко", "Лукашэнка", "Аляксандр Лукашэнка", "卢卡申科"):
        assert alias in luk
    for alias in ("Си Цзиньпин", "习近平", "Xi"):
        assert alias in registry.get("xi-jinping").all_names


def test_no_demonyms_or_bare_surnames(registry):
    everything = {n.casefold() for e in registry.entities for n in e.all_names}
    for bad in ("chinese", "belarusian", "russian", "li", "wang", "hu", "sino"):
        assert bad not in everything


def test_default_registry_metadata_is_consistent(registry):
    places = {e.id for e in registry.by_kind("place")}
    for e in registry.entities:
        if e.country is not None:
            assert e.country in places, (e.id, e.country)
    for e in registry.by_kind("person"):
        assert e.country and e.role, e.id
    for e in registry.by_kind("outlet"):
        assert e.country and e.ownership in ("state", "private", "exile", "public"), e.id
    wires = {e.id for e in registry.entities if e.wire}
    assert {"xinhua", "belta", "associated-press", "reuters", "afp", "tass", "ria-novosti"} <= wires
    assert all(registry.get(w).kind == "outlet" for w in wires)
    assert registry.get("xinhua").ownership == "state"
    assert registry.get("belsat").ownership == "exile"
    assert registry.get("beijing").country == "china"
    assert registry.get("minsk").country == "belarus"


def test_roles_over_time(registry):
    xi = registry.get("xi-jinping")
    assert xi.role == "president"
    assert xi.role_in(2010) == "vice-president"
    assert xi.role_in(2015) == "president"
    assert xi.role_in(None) == "president"
    assert registry.get("li-keqiang").role_in(2015) == "premier"
    assert registry.get("vladimir-putin").role_in(2010) == "prime-minister"
    assert ("president", dt.date(2013, 3, 14), None) in xi.roles


# ------------------------------------------------------------- the seeds


GOLD = {
    "xi-jinping", "alexander-lukashenko", "china", "belarus", "beijing", "russia",
    "ukraine", "united-nations", "shanghai-cooperation-organisation", "brics",
    "eurasian-economic-union", "reuters", "belt-and-road-initiative", "vladimir-putin",
    "xinhua", "yale-university", "associated-press", "li-keqiang", "wang-yi", "moscow",
    "global-development-initiative", "global-security-initiative",
    "china-belarus-industrial-park", "lithuania", "poland", "european-union",
    "silk-road-economic-belt", "suzhou-industrial-park",
    "china-institute-of-international-studies", "cctv",
}


def test_seed_files_gold_entities(matcher):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        pytest.skip("no seed files")
    counts = count_mentions(matcher, texts)
    missing = GOLD - set(counts)
    assert not missing, missing


@pytest.mark.parametrize(
    "snippet, entity_id, written",
    [
        ("multilateral frameworks like the UN and SCO during the visit", "united-nations", "UN"),
        ("multilateral frameworks like the UN and SCO during the visit", "shanghai-cooperation-organisation", "SCO"),
        ("Press Service of the President of the Republic of Belarus/Handout via REUTERS", "reuters", "REUTERS"),
        ("BEIJING (AP) — Chinese leader Xi Jinping spoke", "associated-press", "AP"),
        ("BEIJING (AP) — Chinese leader Xi Jinping spoke", "beijing", "BEIJING"),
        ("the construction of Belarus-China industrial parks, welcome", "china-belarus-industrial-park", "Belarus-China industrial parks"),
        ("Editor: Zhang Dan 丨CCTV.com", "cctv", "CCTV.com"),
        ("the official Xinhua News Agency as saying", "xinhua", "Xinhua News Agency"),
        ("Belarus’s active collaboration within the Eurasian Economic Union (EUE)", "eurasian-economic-union", "Eurasian Economic Union"),
        ("its “Belt and Road Initiative” to build", "belt-and-road-initiative", "Belt and Road Initiative"),
        ("the National People’s Congress and Chinese People’s Political Consultative Conference", "national-peoples-congress", "National People’s Congress"),
        ("the National People’s Congress and Chinese People’s Political Consultative Conference", "cppcc", "Chinese People’s Political Consultative Conference"),
        ("China’s largest investment project in Belarus, the China-Belarus Industrial Park", "china-belarus-industrial-park", "China-Belarus Industrial Park"),
    ],
)
def test_seed_snippets(matcher, snippet, entity_id, written):
    assert (entity_id, written) in found(matcher, snippet)


def test_seed_false_friends(matcher):
    text = "bilateral trade volume in 2014 reached nearly US$4billion, 100 times higher than the US$40 million"
    assert "united-states" not in ids(matcher, text)
    assert found(matcher, "China-Belarus Industrial Park – using Suzhou Industrial Park as the template") == [
        ("china-belarus-industrial-park", "China-Belarus Industrial Park"),
        ("suzhou-industrial-park", "Suzhou Industrial Park"),
    ]


# ------------------------------------------------------------ matching rules


def test_longest_match_wins(matcher):
    assert found(matcher, "Chinese President Xi Jinping met him") == [("xi-jinping", "Xi Jinping")]
    assert found(matcher, "the China-Belarus Industrial Park opened") == [
        ("china-belarus-industrial-park", "China-Belarus Industrial Park")
    ]
    assert found(matcher, "the Shanghai Cooperation Organization") == [
        ("shanghai-cooperation-organisation", "Shanghai Cooperation Organization")
    ]
    # overlapping candidates: leftmost first, then longest; no overlaps in the result
    assert found(matcher, "People's Republic of China and Republic of China") == [
        ("china", "People's Republic of China")
    ]


def test_matches_are_ordered_and_non_overlapping(matcher):
    text = "Xi Jinping, Lukashenko, Putin and Li Keqiang met in Beijing, Minsk and Moscow."
    ms = matcher.find(text)
    assert [m.entity_id for m in ms] == [
        "xi-jinping", "alexander-lukashenko", "vladimir-putin", "li-keqiang", "beijing", "minsk", "moscow",
    ]
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    assert isinstance(ms[0], Match) and ms[0].alias == "Xi Jinping"


def test_word_boundaries_latin(matcher):
    assert "xi-jinping" not in ids(matcher, "Xiamen and Xinjiang")  # Xiamen is a city of the gazetteer
    assert ids(matcher, "UNESCO and EUR and APEC and Chinatown and Indochina") == []
    assert ids(matcher, "Putinism") == []
    assert ids(matcher, "China2025") == []
    assert ids(matcher, "Xinhua reported") == ["xinhua"]
    assert ids(matcher, "(China)") == ["china"]
    assert ids(matcher, "China.") == ["china"]


def test_word_boundaries_cyrillic(matcher):
    assert ids(matcher, "Президент Си Цзиньпин провёл переговоры") == ["xi-jinping"]
    assert ids(matcher, "председатель Си заявил") == ["xi-jinping"]
    assert ids(matcher, "война в Сирии и Сирия") == []
    assert ids(matcher, "Минская область") == []
    assert ids(matcher, "в Минске и Пекине") == ["minsk", "beijing"]
    assert ids(matcher, "Аляксандр Лукашэнка сустрэўся з Сі Цзіньпінам") == ["alexander-lukashenko", "xi-jinping"]


def test_cjk_matches_inside_running_text(matcher):
    assert found(matcher, "习近平会见卢卡申科") == [("xi-jinping", "习近平"), ("alexander-lukashenko", "卢卡申科")]
    assert ids(matcher, "国家主席习近平在北京人民大会堂同白俄罗斯总统会谈") == [
        "xi-jinping", "beijing", "great-hall-of-the-people", "belarus"]
    # 俄罗斯 (Russia) inside 白俄罗斯 (Belarus): the longer one wins
    assert ids(matcher, "中国和白俄罗斯") == ["china", "belarus"]
    assert ids(matcher, "上海合作组织峰会") == ["shanghai-cooperation-organisation"]
    # a Latin name glued to Chinese text still matches
    assert ids(matcher, "习近平会见Lukashenko时说") == ["xi-jinping", "alexander-lukashenko"]


def test_short_all_caps_aliases_are_case_sensitive(matcher):
    assert ids(matcher, "un Eu Ap sco tass brics Brics") == []
    assert ids(matcher, "a Nato-like pact") == ["nato"]  # "Nato" is a listed alias
    assert ids(matcher, "the un-american Un and eu") == []
    assert ids(matcher, "UN, EU, SCO, BRI, GDI, GSI, CNN, TASS, ТАСС, КНР, ООН") == [
        "united-nations", "european-union", "shanghai-cooperation-organisation",
        "belt-and-road-initiative", "global-development-initiative",
        "global-security-initiative", "cnn", "tass", "tass", "china", "united-nations",
    ]
    assert found(matcher, "BEIJING (AP) —") == [("beijing", "BEIJING"), ("associated-press", "AP")]


def test_long_aliases_are_case_insensitive(matcher):
    assert found(matcher, "via REUTERS") == [("reuters", "REUTERS")]
    assert found(matcher, "XI JINPING MEETS LUKASHENKO") == [
        ("xi-jinping", "XI JINPING"), ("alexander-lukashenko", "LUKASHENKO"),
    ]
    assert ids(matcher, "belt and road initiative") == ["belt-and-road-initiative"]


@pytest.mark.parametrize(
    "text, entity_id, written",
    [
        ("Xi's speech", "xi-jinping", "Xi"),
        ("Xi’s speech", "xi-jinping", "Xi"),
        ("in Belarus’ internal affairs", "belarus", "Belarus"),
        ("in Belarus' internal affairs", "belarus", "Belarus"),
        ("Belarus’s role", "belarus", "Belarus"),
        ("the People’s Daily said", "peoples-daily", "People’s Daily"),
        ("the Xi-Lukashenko summit", "xi-jinping", "Xi"),
        ("the Xi-Lukashenko summit", "alexander-lukashenko", "Lukashenko"),
        ("the China–Belarus Industrial Park", "china-belarus-industrial-park", "China–Belarus Industrial Park"),
    ],
)
def test_possessives_apostrophes_and_hyphens(matcher, text, entity_id, written):
    assert (entity_id, written) in found(matcher, text)


def test_default_blockers(matcher):
    # Xi'an and Xiamen are cities of the gazetteer: never Xi Jinping
    assert ids(matcher, "a visit to Xi'an and Xi’an") == ["xian", "xian"]
    assert ids(matcher, "flights to Xiamen") == ["xiamen"]
    assert ids(matcher, "Xi Zhongxun, the father") == []
    assert ids(matcher, "Си Чжунсюнь") == []
    assert ids(matcher, "the XI Party Congress") == []
    assert ids(matcher, "the South China Sea") == []
    assert ids(matcher, "CCTV footage showed") == []
    assert "china" not in ids(matcher, "the Republic of China (Taiwan)")
    # the same text with the entity right after the blocker still finds it
    assert ids(matcher, "Xi'an, said Xi") == ["xian", "xi-jinping"]


def test_blockers_hide_shorter_aliases(tmp_path):
    m = small_matcher(
        tmp_path,
        """
        entities:
          - {id: xi-jinping, name: Xi Jinping, kind: person, aliases: [Xi, Си]}
          - {id: minsk, name: Minsk, kind: place, aliases: [Минск]}
        blockers: [Си Чжунсюнь, Minsk agreements, "Xi'an"]
        """,
    )
    assert ids(m, "Си Цзиньпин и Си Чжунсюнь") == ["xi-jinping"]
    assert ids(m, "the Minsk agreements signed in Minsk") == ["minsk"]
    assert ids(m, "Xi’an") == []  # curly apostrophe in the text, straight in the blocker
    # without a blocker the boundary alone keeps "Си" out of "Сирии"
    assert ids(m, "в Сирии") == []
    assert ids(m, "Си") == ["xi-jinping"]


def test_blocker_spelled_like_an_alias_does_not_hide_it(tmp_path):
    m = small_matcher(
        tmp_path,
        """
        entities:
          - {id: xian, name: "Xi'an", kind: place}
          - {id: xi-jinping, name: Xi Jinping, kind: person, aliases: [Xi]}
        blockers: ["Xi’an"]
        """,
    )
    assert found(m, "Xi'an and Xi") == [("xian", "Xi'an"), ("xi-jinping", "Xi")]


def test_offsets_survive_length_changing_lowercase(matcher):
    # 'İ'.lower() is two characters: the matcher must not shift offsets
    text = "İİİ İstanbul: Xi Jinping and ΟΔΥΣΣΕΥΣ in Minsk"
    assert len(text.lower()) != len(text)
    assert found(matcher, text) == [("xi-jinping", "Xi Jinping"), ("minsk", "Minsk")]


def test_alias_with_dotted_capital_i(tmp_path):
    m = small_matcher(
        tmp_path,
        """
        entities:
          - {id: istanbul, name: İstanbul, kind: place}
          - {id: odysseus, name: ΟΔΥΣΣΕΥΣ, kind: person}
        """,
    )
    assert found(m, "İSTANBUL and İstanbul") == [("istanbul", "İSTANBUL"), ("istanbul", "İstanbul")]
    assert ids(m, "Οδυσσευς και ΟΔΥΣΣΕΥΣ") == ["odysseus", "odysseus"]


def test_whitespace_variants(matcher):
    for text in ("Xi\u00a0Jinping", "Xi\nJinping", "Xi   Jinping", "Xi \n\t Jinping"):
        assert found(matcher, f"Mr {text} and  Minsk") == [("xi-jinping", text), ("minsk", "Minsk")]
    text = "a  b   c    Xi  Jinping     met   Lukashenko"
    assert found(matcher, text) == [("xi-jinping", "Xi  Jinping"), ("alexander-lukashenko", "Lukashenko")]


def test_empty_and_no_entities(matcher):
    assert matcher.find("") == []
    assert matcher.find("nothing here at all") == []
    assert Matcher(Registry(entities=())).find("China") == []


def test_count_mentions(matcher):
    counts = count_mentions(matcher, ["Xi met Lukashenko.", "Xi Jinping and Xi'an", "习近平"])
    assert counts == {"xi-jinping": 3, "alexander-lukashenko": 1, "xian": 1}


def test_many_aliases_scale(tmp_path):
    """10,000 synthetic aliases: still correct, and a scan stays fast."""
    lines = ["entities:"]
    for i in range(10_000):
        lines.append(f"  - {{id: e{i}, name: Entity{i} Alpha, kind: organisation, aliases: [Ent{i}]}}")
    lines.append("  - {id: xi-jinping, name: Xi Jinping, kind: person, aliases: [Xi]}")
    m = small_matcher(tmp_path, "\n".join(lines) + "\n")
    text = ("Xi Jinping met Entity42 Alpha and Ent9999 but not Ent10000 or Ent5x. " * 3000)
    start = time.perf_counter()
    ms = m.find(text)
    elapsed = time.perf_counter() - start
    assert [x.entity_id for x in ms[:3]] == ["xi-jinping", "e42", "e9999"]
    assert len(ms) == 3 * 3000
    assert elapsed < 5.0  # ~200 KB: generous bound, typically a few hundredths of a second


# ---------------------------------------------------------------- Registry


def test_registry_get_by_kind_and_all_names(registry):
    xi = registry.get("xi-jinping")
    assert isinstance(xi, Entity)
    assert xi.all_names[0] == "Xi Jinping" and "Xi" in xi.all_names
    assert registry.get("nope") is None
    people = registry.by_kind("person")
    assert xi in people and all(e.kind == "person" for e in people)
    assert registry.by_kind("nothing") == []


def test_fingerprint_is_stable_and_content_based(tmp_path, registry):
    again = load_registry()
    assert again.fingerprint() == registry.fingerprint()
    assert len(registry.fingerprint()) == 64
    user = write(tmp_path, "entities:\n  - {id: xi-jinping, name: Xi Jinping, kind: person, description: changed}\n")
    assert load_registry(user).fingerprint() != registry.fingerprint()
    a = Registry(entities=(Entity("a", "A", "place", ("Aa",)),))
    b = Registry(entities=(Entity("a", "A", "place", ("Aa",)),), files=("elsewhere.yml",))
    c = Registry(entities=(Entity("a", "A", "place", ("Ab",)),))
    assert a.fingerprint() == b.fingerprint() != c.fingerprint()


def test_user_file_merges_over_default(tmp_path, registry):
    user = write(
        tmp_path,
        """
        entities:
          - id: xi-jinping
            name: Xi Jinping
            kind: person
            description: Replaced by the user.
            aliases: [Xi Dada]
          - id: minsk-tractor-works
            name: Minsk Tractor Works
            kind: organisation
            aliases: [MTZ]
            description: Tractor maker.
        blockers: [Xi Dada's cousin]
        """,
        "my.yml",
    )
    merged = load_registry(user)
    assert len(merged.entities) == len(registry.entities) + 1
    xi = merged.get("xi-jinping")
    assert xi.description == "Replaced by the user." and xi.aliases == ("Xi Dada",)
    # replaced in place, new ids appended
    assert [e.id for e in merged.entities][: len(registry.entities)] == [e.id for e in registry.entities]
    assert merged.entities[-1].id == "minsk-tractor-works"
    assert "Xi Dada's cousin" in merged.blockers and set(registry.blockers) <= set(merged.blockers)
    assert merged.files == (registry.files[0], str(user))
    m = Matcher(merged)
    # the default alias "Xi" went away with the replaced entry
    assert found(m, "Xi Dada visited Minsk Tractor Works; Xi left") == [
        ("xi-jinping", "Xi Dada"), ("minsk-tractor-works", "Minsk Tractor Works"),
    ]
    assert ids(m, "Xi Dada's cousin") == []


def test_include_default_false(tmp_path):
    user = write(tmp_path, "entities:\n  - {id: minsk, name: Minsk, kind: place}\n")
    only = load_registry(user, include_default=False)
    assert [e.id for e in only.entities] == ["minsk"]
    assert only.blockers == () and only.files == (str(user),)
    assert ids(Matcher(only), "Xi Jinping in Minsk") == ["minsk"]
    with pytest.raises(RegistryError, match="user"):
        load_registry(None, include_default=False)


def test_missing_user_file(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope.yml")


# -------------------------------------------------------------- validation


def expect_error(tmp_path, body, *fragments, include_default=False):
    path = write(tmp_path, body, "bad.yml")
    with pytest.raises(RegistryError) as info:
        load_registry(path, include_default=include_default)
    msg = str(info.value)
    assert str(path) in msg, msg
    for frag in fragments:
        assert frag in msg, msg
    return msg


def test_error_malformed_yaml_names_line(tmp_path):
    expect_error(tmp_path, "entities:\n  - id: a\n    name: [unclosed\n  - id: b\n", "malformed YAML", "line ")
    msg = expect_error(tmp_path, "entities:\n  - {id: a, name: A, kind: place}\n  - id: b\n   name: x\n", "malformed YAML")
    assert "line 4" in msg


def test_error_python_tag_is_refused_and_not_constructed(tmp_path):
    marker = tmp_path / "pwned"
    body = f'entities:\n  - !!python/object/apply:os.system ["touch {marker}"]\n'
    expect_error(tmp_path, body, "malformed YAML", "python/object")
    assert not marker.exists()


@pytest.mark.parametrize(
    "body, fragments",
    [
        ("- {id: a, name: A, kind: place}\n", ["top level", "entities"]),
        ("", ["top level"]),
        ("blockers: [x]\n", ["entities"]),
        ("entities: {id: a}\n", ["'entities' must be a list"]),
        ("entities: []\nsurprise: 1\n", ["unknown top-level key", "surprise"]),
        ("entities:\n  - just a string\n", ["entry 1", "mapping"]),
        ("entities:\n  - {name: A, kind: place}\n", ["entry 1", "missing id"]),
        ("entities:\n  - {id: '', name: A, kind: place}\n", ["entry 1", "empty id"]),
        ("entities:\n  - {id: 7, name: A, kind: place}\n", ["entry 1", "id must be a string"]),
        ("entities:\n  - {id: Xi_Jinping, name: A, kind: place}\n", ["entry 1 ('Xi_Jinping')", "kebab-case"]),
        ("entities:\n  - {id: a, kind: place}\n", ["entry 1 ('a')", "missing name"]),
        ("entities:\n  - {id: a, name: '  ', kind: place}\n", ["entry 1 ('a')", "empty name"]),
        ("entities:\n  - {id: a, name: A}\n", ["entry 1 ('a')", "missing kind"]),
        ("entities:\n  - {id: a, name: A, kind: planet}\n", ["entry 1 ('a')", "unknown kind 'planet'"]),
        ("entities:\n  - {id: a, name: A, kind: place, aliases: Aa}\n", ["entry 1 ('a')", "aliases must be a list"]),
        ("entities:\n  - {id: a, name: A, kind: place, aliases: [Aa, '']}\n", ["entry 1 ('a')", "alias 2", "empty alias"]),
        ("entities:\n  - {id: a, name: A, kind: place, aliases: [Aa, 3]}\n", ["entry 1 ('a')", "alias 2", "must be a string"]),
        ("entities:\n  - {id: a, name: A, kind: place, colour: red}\n", ["entry 1 ('a')", "unknown key", "colour"]),
        ("entities:\n  - {id: a, name: A, kind: person, role: 3}\n", ["entry 1 ('a')", "role must be a string"]),
        ("entities:\n  - {id: a, name: A, kind: person, country: [china]}\n", ["entry 1 ('a')", "country must be a string"]),
        ("entities:\n  - {id: a, name: A, kind: outlet, ownership: mixed}\n", ["entry 1 ('a')", "unknown ownership"]),
        ("entities:\n  - {id: a, name: A, kind: outlet, wire: sometimes}\n", ["entry 1 ('a')", "wire"]),
        ("entities:\n  - {id: a, name: A, kind: place, wikidata: 148}\n", ["entry 1 ('a')", "wikidata"]),
        ("entities:\n  - {id: a, name: A, kind: person, roles: [{role: x, from: 2015, to: 2010}]}\n", ["entry 1 ('a')", "roles item 1"]),
        ("entities:\n  - {id: a, name: A, kind: person, roles: [{role: x, since: 2015}]}\n", ["entry 1 ('a')", "roles item 1", "since"]),
        ("entities: []\nblockers: [ok, '']\n", ["blocker 2", "empty"]),
    ],
)
def test_validation_errors(tmp_path, body, fragments):
    expect_error(tmp_path, body, *fragments)


def test_error_duplicate_id_names_entry_and_line(tmp_path):
    body = "entities:\n  - {id: a, name: A, kind: place}\n  - {id: b, name: B, kind: place}\n  - {id: a, name: C, kind: place}\n"
    msg = expect_error(tmp_path, body, "entry 3 ('a'): duplicate id", "entry 1")
    assert "line 4" in msg


def test_error_alias_claimed_twice(tmp_path):
    body = """\
    entities:
      - {id: a, name: Alpha, kind: place, aliases: [Shared Name]}
      - {id: b, name: Beta, kind: place, aliases: [shared  name]}
    """
    expect_error(tmp_path, body, "entry 2 ('b')", "'shared  name'", "already claimed by 'a'")


def test_alias_conflict_rules_for_short_caps(tmp_path):
    # "USA" (case-sensitive) and "Usa" (case-insensitive, would match "USA") clash
    expect_error(
        tmp_path,
        "entities:\n  - {id: a, name: A, kind: place, aliases: [USA]}\n  - {id: b, name: B, kind: place, aliases: [Usa]}\n",
        "already claimed",
    )
    # names of two letters match as written, so "US" and "Us" do not clash
    two = write(tmp_path, "entities:\n  - {id: a, name: A, kind: place, aliases: [US]}\n"
                          "  - {id: b, name: B, kind: place, aliases: [Us]}\n", "two.yml")
    assert load_registry(two, include_default=False).get("b").aliases == ("Us",)
    # the same entity may list both spellings
    ok = write(tmp_path, "entities:\n  - {id: nato, name: NATO, kind: organisation, aliases: [Nato]}\n", "ok.yml")
    assert load_registry(ok, include_default=False).get("nato").aliases == ("Nato",)


def test_error_alias_conflict_with_default_blames_user_file(tmp_path):
    msg = expect_error(
        tmp_path,
        "entities:\n  - {id: xi-bao, name: Xi Bao, kind: person, aliases: [Xi]}\n",
        "entry 1 ('xi-bao')",
        "'Xi'",
        "xi-jinping",
        include_default=True,
    )
    assert "entities.yml" in msg


def test_error_duplicate_ids_only_within_one_file(tmp_path):
    # the same id in the user's file and the default is a replacement, not an error
    user = write(tmp_path, "entities:\n  - {id: china, name: China, kind: place, aliases: [PRC]}\n")
    assert load_registry(user).get("china").aliases == ("PRC",)


def test_cyrillic_si_false_friends(matcher):
    assert ids(matcher, "программа на языке Си") == []
    assert ids(matcher, "Си и Лукашенко") == ["xi-jinping", "alexander-lukashenko"]
