"""Role changeover within a year (issue 12, "People missed or confused"): a title without
a name ("the Chinese premier"), in a dated article, is the person who held that office
on that day, from role histories with the days offices were taken up and left
(data/entities.yml). On a changeover day, or in a year given only as a year when the
office changed hands that year, nobody is named: the side stays "named only as".
The pages are written for the test (agency, state site, blog, aggregator styles)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import brief, reports_of
from conftest import one_news as news
from mkdocs_china_belarus.entities import RegistryError, load_registry
from mkdocs_china_belarus.meetings.lexicons import load_lexicon
from mkdocs_china_belarus.meetings.mentions import _Reader
from mkdocs_china_belarus.registry_files import _parse_file


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def reader(registry):
    from mkdocs_china_belarus.entities import Matcher

    return _Reader(registry, Matcher(registry), load_lexicon())


D = dt.date


# -- the data ---------------------------------------------------------------------------------


LEADERS = ("xi-jinping", "hu-jintao", "jiang-zemin", "li-keqiang", "li-qiang", "wen-jiabao", "wang-yi",
           "qin-gang", "wang-qishan", "han-zheng", "alexander-lukashenko", "roman-golovchenko",
           "alexander-turchin", "andrei-kobyakov", "mikhail-myasnikovich", "sergei-rumas",
           "vladimir-makei", "sergei-aleinik", "maxim-ryzhenkov", "vladimir-putin", "dmitry-medvedev",
           "mikhail-mishustin", "sergey-lavrov")


def test_heads_of_state_government_and_foreign_ministers_have_dated_histories(registry):
    for eid in LEADERS:
        e = registry.get(eid)
        assert e is not None and e.roles, eid
        for role, start, end in e.roles:
            # every bound a day, not a year: changeovers fall inside a year
            assert isinstance(start, dt.date), (eid, role, start)
            assert end is None or isinstance(end, dt.date), (eid, role, end)


def test_one_holder_per_office_and_day(registry):
    """No two people of China or Belarus hold the same office on the same day, except
    on the changeover day itself."""
    from itertools import combinations

    offices = {"president", "vice-president", "premier", "prime-minister", "foreign-minister"}
    people = [e for e in registry.by_kind("person") if e.country in ("china", "belarus") and e.roles]
    for a, b in combinations(people, 2):
        if a.country != b.country:
            continue
        for ra, sa, ea in a.roles:
            for rb, sb, eb in b.roles:
                if ra != rb or ra not in offices or not all(isinstance(x, dt.date) or x is None for x in (sa, ea, sb, eb)):
                    continue
                lo = max(sa or D.min, sb or D.min)
                hi = min(ea or D.max, eb or D.max)
                assert lo >= hi, (a.id, b.id, ra, lo, hi)


def test_role_on_a_day(registry):
    xi, li_k, li_q = registry.get("xi-jinping"), registry.get("li-keqiang"), registry.get("li-qiang")
    assert xi.role_in(D(2013, 3, 1)) == "vice-president"
    assert xi.role_in(D(2013, 7, 16)) == "president"
    assert xi.holds("president", D(2013, 3, 13)) == "no"
    assert xi.holds("president", D(2013, 3, 15)) == "yes"
    assert li_k.holds("premier", D(2023, 3, 5)) == "yes"
    assert li_k.holds("premier", D(2023, 3, 20)) == "no"
    assert li_q.holds("premier", D(2023, 3, 20)) == "yes"
    # 2023 as a whole: each may have been premier, neither surely was
    assert li_q.holds("premier", 2023) == "maybe" and li_k.holds("premier", 2023) == "maybe"
    assert li_k.holds("premier", 2015) == "yes" and li_q.holds("premier", 2015) == "no"


@pytest.mark.parametrize("country, role, when, who", [
    ("china", "premier", D(2023, 3, 5), "li-keqiang"),
    ("china", "premier", D(2023, 3, 20), "li-qiang"),
    ("china", "premier", D(2023, 3, 11), None),            # the changeover day
    ("china", "premier", 2023, None),                     # a year: two premiers
    ("china", "president", D(2013, 3, 10), "hu-jintao"),
    ("china", "president", D(2013, 7, 16), "xi-jinping"),
    ("china", "president", 2013, None),
    ("china", "president", 2019, "xi-jinping"),
    ("china", "foreign-minister", D(2023, 4, 14), "qin-gang"),
    ("china", "foreign-minister", D(2023, 8, 2), "wang-yi"),
    ("belarus", "prime-minister", D(2025, 3, 10), "roman-golovchenko"),
    ("belarus", "prime-minister", D(2025, 6, 4), "alexander-turchin"),
    ("belarus", "prime-minister", D(2025, 3, 31), None),  # Turchin appointed, Golovchenko's last day
    ("belarus", "prime-minister", D(2020, 6, 3), "sergei-rumas"),  # Golovchenko appointed the next day
    ("belarus", "foreign-minister", D(2024, 3, 1), "sergei-aleinik"),
    ("belarus", "foreign-minister", D(2024, 5, 1), "maxim-ryzhenkov"),
])
def test_the_holder_on_a_day(reader, country, role, when, who):
    assert reader.holder(country, role, when) == who


def test_a_month_names_a_holder_only_when_one_held_it_all_month(reader):
    assert reader.holder("china", "premier", D(2023, 3, 1), until=D(2023, 3, 31)) is None
    assert reader.holder("china", "premier", D(2023, 4, 1), until=D(2023, 4, 30)) == "li-qiang"


def test_role_bounds_are_validated_with_file_entry_and_problem():
    entry = "entities:\n  - {id: x, name: X, kind: person, aliases: [], roles: [%s]}\n"
    with pytest.raises(RegistryError, match=r"r\.yml: entry 1 \('x'\): roles item 1: from must be a year or a "
                                            r"day written YYYY-MM-DD, not '14 March 2013'"):
        _parse_file(entry % "{role: president, from: '14 March 2013', to: null}", "r.yml")
    with pytest.raises(RegistryError, match=r"r\.yml: entry 1 \('x'\): roles item 1: from \(2013-03-14\) is after "
                                            r"to \(2013-03-01\)"):
        _parse_file(entry % "{role: president, from: 2013-03-14, to: 2013-03-01}", "r.yml")
    with pytest.raises(RegistryError, match=r"roles item 2: to must be a year \(integer\), a day"):
        _parse_file(entry % "{role: a, from: 2010, to: 2012}, {role: b, from: 2012, to: 12.5}", "r.yml")
    (ent, _src), = _parse_file(entry % "{role: president, from: 2013-03-14, to: '2023-03-10'}", "r.yml")[0]
    assert ent.roles == (("president", D(2013, 3, 14), D(2023, 3, 10)),)


# -- pages --------------------------------------------------------------------------------------


def test_unnamed_premier_before_and_after_the_march_2023_changeover(tmp_path, registry):
    b = brief(tmp_path, registry, agency="""
        Lukashenko meets Chinese premier in Beijing

        Published: 2023-03-02

        BEIJING, March 1 (Reuters) - Belarusian President Alexander Lukashenko met the Chinese premier in Beijing on March 1, 2023, and discussed trade and the industrial park.
    """, aggregator="""
        Belarusian leader and Chinese premier discuss trade

        Published: 2023-09-26

        Alexander Lukashenko held talks with the Chinese premier in Minsk on September 25, 2023, the Belarusian leader's press service said.
    """)
    _, r = news(b, "agency")
    assert set(r.participants) == {"Alexander Lukashenko", "Li Keqiang"}
    _, r = news(b, "aggregator")
    assert set(r.participants) == {"Alexander Lukashenko", "Li Qiang"}


def test_unnamed_foreign_minister_follows_the_2023_changes(tmp_path, registry):
    b = brief(tmp_path, registry, state="""
        President receives Chinese foreign minister

        Published: 2023-04-15

        MINSK, 14 April (Agency) – Alexander Lukashenko received the Chinese Foreign Minister in Minsk on 14 April 2023.
    """, blog="""
        Another Chinese visitor for Lukashenko

        Published: 2023-08-03

        Lukashenko met the Chinese Foreign Minister in Minsk on August 2, 2023, his second meeting with a top Chinese diplomat this year.
    """)
    reps = {a: [r for _m, r in reports_of(b, a)] for a in ("state", "blog")}
    assert any("Qin Gang" in r.participants for r in reps["state"]), reps["state"]
    assert not any("Wang Yi" in r.participants for r in reps["state"])
    assert any("Wang Yi" in r.participants for r in reps["blog"]), reps["blog"]
    assert not any("Qin Gang" in r.participants for r in reps["blog"])


def test_changeover_day_names_nobody(tmp_path, registry):
    b = brief(tmp_path, registry, agency="""
        Lukashenko talks to China's premier

        Published: 2023-03-12

        Alexander Lukashenko held a phone call with the Chinese premier on March 11, 2023, the day the National People's Congress confirmed the new government.
    """)
    people = {p for _m, r in reports_of(b, "agency") for p in r.participants}
    assert not people & {"Li Keqiang", "Li Qiang"}


def test_month_of_a_visit_resolves_the_president(tmp_path, registry):
    b = brief(tmp_path, registry, blog="""
        Ten years of the Great Stone park

        Published: 2023-07-20

        In July 2013, Lukashenko held talks with the Chinese president in Beijing. In March 2013 the Chinese president had met him only by letter.
    """, older="""
        Lukashenko's China visits

        Published: 2015-05-12

        In 2013 Lukashenko held talks with the Chinese president in Beijing.
    """)
    people = {p for _m, r in reports_of(b, "blog") for p in r.participants}
    assert "Xi Jinping" in people and "Hu Jintao" not in people
    people = {p for _m, r in reports_of(b, "older") for p in r.participants}
    assert not people & {"Xi Jinping", "Hu Jintao"}  # a year in which both were president


@pytest.mark.parametrize("year, who", [("2005", "Hu Jintao"), ("2019", "Xi Jinping")])
def test_unnamed_president_in_german(tmp_path, registry, year, who):
    b = brief(tmp_path, registry, de=f"""
        Lukaschenko in Peking

        Veröffentlicht: 6. Dezember {year}

        PEKING (dpa) - Der belarussische Präsident Alexander Lukaschenko ist am 5. Dezember {year} in Peking mit dem chinesischen Präsidenten zu Gesprächen zusammengetroffen.
    """)
    _, r = news(b, "de")
    assert set(r.participants) == {"Alexander Lukashenko", who}
