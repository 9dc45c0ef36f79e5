"""Wars, anniversaries and commemorations as entities (issue 12, "Entities outside a
hand-made list": "international organisations, wars and anniversaries ... were never
found"). They are entities of kind "event" in data/entities.yml, named in English,
Russian, Belarusian, Ukrainian, Chinese, German, French and other languages; they get
an entity page only when a source mentions them. The pages are written for the test
in the styles of a state news agency, a wire story, a blog and an aggregator."""

from __future__ import annotations

import pytest

from conftest import brief, build_project, load_export, one_news, page_html, write_project
from conftest import entity_ids as ids
from mkdocs_china_belarus.entities import KINDS
from mkdocs_china_belarus.site import SitePages


def test_event_is_a_kind():
    assert "event" in KINDS


@pytest.mark.parametrize("text, want", [
    ("veterans of the Great Patriotic War", "great-patriotic-war"),
    ("ветеранов Великой Отечественной войны", "great-patriotic-war"),       # Russian, genitive
    ("у гады Вялікай Айчыннай вайны", "great-patriotic-war"),              # Belarusian
    ("учасників Великої Вітчизняної війни", "great-patriotic-war"),        # Ukrainian
    ("苏联伟大卫国战争胜利", "great-patriotic-war"),
    ("im Großen Vaterländischen Krieg", "great-patriotic-war"),
    ("pendant la Grande Guerre patriotique", "great-patriotic-war"),
    ("since the Second World War", "world-war-ii"),
    ("the end of World War II", "world-war-ii"),
    ("after WWII ended", "world-war-ii"),
    ("итоги Второй мировой войны", "world-war-ii"),
    ("nach dem Zweiten Weltkrieg", "world-war-ii"),
    ("la Seconde Guerre mondiale", "world-war-ii"),
    ("po II wojnie światowej", "world-war-ii"),
    ("二战结束后", "world-war-ii"),
    ("世界反法西斯战争胜利", "world-war-ii"),
    ("the Chinese People's War of Resistance Against Japanese Aggression", "chinese-war-of-resistance"),
    ("中国人民抗日战争", "chinese-war-of-resistance"),
    ("the Victory Day parade on Red Square", "victory-day"),
    ("в День Победы", "victory-day"),
    ("ко Дню Победы", "victory-day"),
    ("на Дзень Перамогі", "victory-day"),
    ("am Tag des Sieges", "victory-day"),
    ("the 80th anniversary of the Victory", "victory-anniversary"),
    ("к 80-летию Победы", "victory-anniversary"),
    ("80-годдзе Перамогі", "victory-anniversary"),
    ("纪念抗战胜利80周年", "victory-anniversary"),
    ("the 30th anniversary of the establishment of diplomatic relations between China and Belarus",
     "china-belarus-relations-anniversary"),
    ("the 30th anniversary of Belarus-China diplomatic relations", "china-belarus-relations-anniversary"),
    ("30-летие установления дипломатических отношений между Беларусью и Китаем",
     "china-belarus-relations-anniversary"),
    ("庆祝中白建交30周年", "china-belarus-relations-anniversary"),
])
def test_wars_and_anniversaries_in_several_languages(matcher, text, want):
    assert want in ids(matcher, text)


def test_event_names_that_are_not_events(matcher):
    # "一战" (World War I) is inside "这一战略" ("this strategy"): not an alias
    assert "world-war-i" not in ids(matcher, "这一战略符合两国利益")
    # nor are "抗战" (the war of resistance) inside "对抗战略" ("a strategy of confrontation")
    # and "胜利日" (Victory Day) inside "胜利日益临近" ("victory draws nearer by the day")
    assert ids(matcher, "美国的对抗战略") == ["united-states"]
    assert ids(matcher, "胜利日益临近") == []
    # another victory
    assert "victory-anniversary" not in ids(
        matcher, "Pezeshkian spoke on the anniversary of the victory of the Islamic Revolution.")
    # a generic anniversary of relations names no pair: not China-Belarus (Belarus and
    # Russia also established relations in 1992)
    assert "china-belarus-relations-anniversary" not in ids(
        matcher, "The two countries marked the 30th anniversary of diplomatic relations.")
    assert "china-belarus-relations-anniversary" not in ids(
        matcher, "Minsk and Moscow marked the 30th anniversary of diplomatic relations between Belarus and Russia.")
    # the war does not hide the countries around it
    assert ids(matcher, "Belarus lost a third of its people in World War II, China fourteen years of war.") == [
        "belarus", "world-war-ii", "china"]


def test_war_and_anniversary_mentions_on_pages_and_the_meeting_still_read(tmp_path, registry):
    b = brief(tmp_path, registry, belta="""
        Lukashenko, Xi attend Victory parade in Moscow

        Published: 2025-05-10

        MOSCOW, 9 May (BelTA) – Belarusian President Alexander Lukashenko and Chinese President Xi Jinping attended the Victory Day parade on Red Square on 9 May 2025 to mark the 80th anniversary of the Victory in the Great Patriotic War.
    """, ru="""
        Лукашенко и Си Цзиньпин на параде в Пекине

        Опубликовано: 4 сентября 2025

        Александр Лукашенко и Си Цзиньпин встретились в Пекине 3 сентября 2025 года на торжествах по случаю 80-летия Победы во Второй мировой войне.
    """, zh="""
        习近平会见白俄罗斯总统卢卡申科

        发布时间：2022-01-21

        国家主席习近平同白俄罗斯总统卢卡申科互致贺电，庆祝中白建交30周年。两国元首回顾了伟大卫国战争和中国人民抗日战争的历史。
    """)
    assert {"victory-day", "victory-anniversary", "great-patriotic-war"} <= set(b.mentions["belta"])
    assert {"victory-anniversary", "world-war-ii"} <= set(b.mentions["ru"])
    assert {"china-belarus-relations-anniversary", "great-patriotic-war",
            "chinese-war-of-resistance"} <= set(b.mentions["zh"])
    _, r = one_news(b, "ru")
    assert set(r.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert (r.date, r.place) == ("2025-09-03", "Beijing")
    # the anniversary's numbers date nothing: 1992 + 30 is not a meeting date
    assert not [rr for m in b.meetings for rr in m.reports if rr.article == "zh" and rr.date == "1992-01-20"]


REMEMBRANCE_BLOG = """
        Why Minsk remembers

        Published: 2024-07-03

        Belarus lost a third of its people in the Great Patriotic War, Lukashenko told a Chinese delegation in Minsk on July 2, 2024.
    """


def test_event_pages_only_for_events_a_source_mentions(tmp_path, registry):
    b = brief(tmp_path, registry, blog=REMEMBRANCE_BLOG)
    pages = SitePages(b)
    assert "great-patriotic-war" in pages.entity_paths
    assert not {"world-war-ii", "victory-day", "world-war-i"} & set(pages.entity_paths)
    md = pages.entity_page("great-patriotic-war")
    assert "**Kind:** Event" in md and "Великой Отечественной войны" in md


def test_event_page_built_by_mkdocs(tmp_path):
    cfg = write_project(tmp_path, seeds={"agency.txt": (
        "Lukashenko in Beijing for the V-Day parade\n\nPublished: 2025-09-04\n\n"
        "BEIJING (AP) — Belarusian leader Alexander Lukashenko met Chinese President Xi Jinping in Beijing on "
        "Sept. 3, 2025, after a parade marking the end of World War II.\n")})
    site, _ = build_project(cfg)
    data = load_export(site)
    ev = [e for e in data["entities"] if e["id"] == "world-war-ii"]
    assert ev and ev[0]["kind"] == "event"
    html = page_html(site, ev[0]["url"])
    assert "World War II" in html and "Second World War" in html


def test_events_are_listed_in_the_entities_index_and_nav(tmp_path, registry):
    b = brief(tmp_path, registry, blog=REMEMBRANCE_BLOG)
    pages = SitePages(b)
    assert "Great Patriotic War" in pages.entities_index()
    entities = dict(pages.nav_sections())["Entities"]
    assert any(isinstance(g, tuple) and any("great-patriotic-war" in p for p in g[1]) for g in entities)
