"""Each cleaning rule, on text written for the test (not the seeds)."""

from __future__ import annotations

import numpy as np
import pytest

from mkdocs_china_belarus.clean import chrome_shape, clean, is_breadcrumb, is_menu_bar, remove_pasted_token
from mkdocs_china_belarus.corpus import recurring_lines
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules

PROSE = ("Officials from both countries met on Tuesday to discuss a long list of trade, transport and "
         "investment projects, including new rail freight routes, customs procedures at the border, "
         "and the financing of factories that have been under construction for several years now.")


def doc(text: str, id: str = "t") -> Document:
    return Document(id=id, source_path=f"seeds/{id}.txt", sha256="0" * 64, encoding="utf-8", text=text)


def run(text: str, recurring=None):
    return clean(doc(text), load_rules(), recurring)


def roles(art) -> dict[int, str]:
    return {ln.n: ln.role for ln in art.lines}


def reason(art, n: int) -> str:
    return next(ln.reason for ln in art.lines if ln.n == n)


def test_every_non_blank_line_once_in_order():
    text = "Title here\n\n  \nFirst para. " + PROSE + "\n\n\tSecond line.\nThird line.\n\n"
    art = run(text)
    assert [ln.n for ln in art.lines] == [1, 4, 6, 7]
    assert [ln.text for ln in art.lines] == ["Title here", "First para. " + PROSE, "\tSecond line.", "Third line."]
    assert all(ln.reason for ln in art.lines)


def test_title_is_first_line_of_text_and_site_prefix_is_outlet():
    art = run("Minsk Daily|Leaders agree on new rail corridor\n\n" + PROSE)
    assert art.meta.title == "Leaders agree on new rail corridor"
    assert art.meta.outlet == "Minsk Daily"
    assert roles(art)[1] == "title"


def test_site_suffix_after_bar_is_outlet():
    art = run("Leaders agree on a new rail corridor to Europe | Steppe Post\n\n" + PROSE)
    assert art.meta.title == "Leaders agree on a new rail corridor to Europe"
    assert art.meta.outlet == "Steppe Post"


@pytest.mark.parametrize("chrome, why", [
    ("Edition: Global | Deutsch Polski Русский | 日本語", "edition bar"),
    ("Home > World > Asia", "breadcrumb"),
    ("Start › Politics › Europe", "breadcrumb"),
    ("News | World | Business | Sport | Opinion", "navigation bar"),
    ("Skip to content", "navigation"),
])
def test_navigation_chrome_before_title_is_dropped(chrome, why):
    art = run(f"{chrome}\nThe headline of the story\n\n{PROSE}")
    assert roles(art)[1] == "drop"
    assert why.split()[0] in reason(art, 1)
    assert art.meta.title == "The headline of the story"


def test_block_after_marker_drops_teasers_until_prose_resumes():
    text = "\n".join([
        "Headline", PROSE,
        "Related Articles",
        "Storm hits the coast, thousands without power",
        "Local team wins the cup after extra time",
        "A bank raised rates again this week, surprising some analysts who expected a",
        PROSE.replace("Tuesday", "Friday"),
    ])
    art = run(text)
    r = roles(art)
    assert r[3] == "drop" and "marker" in reason(art, 3)
    assert r[4] == r[5] == r[6] == "drop"
    assert "Related Articles" in reason(art, 4)
    assert r[7] == "body", "a full paragraph of prose ends the teaser block"


@pytest.mark.parametrize("marker", ["We Recommend", "Recommended for you", "Read more", "Previous Article",
                                    "Next post", "You may also like", "More from Europe",
                                    "Ähnliche Beiträge", "Das könnte Sie auch interessieren:", "Articles similaires",
                                    "Noticias relacionadas", "Articoli correlati", "Veja também", "Podobne artykuły",
                                    "Lees ook", "Související články", "Чытайце таксама"])
def test_block_markers(marker):
    art = run(f"Headline\n{PROSE}\n{marker}\nSome teaser headline here")
    assert roles(art)[3] == "drop" and roles(art)[4] == "drop"


@pytest.mark.parametrize("line", [
    "12 thoughts on “Leaders agree on rail corridor”",
    "Pingback: Another blog post about the visit",
    "Leave a Reply",
    "Your email address will not be published.",
    "Required fields are marked *",
])
def test_comment_widgets(line):
    art = run(f"Headline\n{PROSE}\n{line}")
    assert roles(art)[3] == "drop"
    assert "comment" in reason(art, 3)


@pytest.mark.parametrize("line, word", [
    ("Please scan the QR code to follow us on Telegram", "social"),
    ("Follow us on", "social"),
    ("Subscribe to read the full story", "paywall"),
    ("To view the full analysis please upgrade to Pro", "paywall"),
    ("No time to read?", "summary"),
    ("Get a summary", "summary"),
    ("14 Sources", "coverage"),
    ("Coverage Details", "coverage"),
    ("- 52% of the sources lean Left", "coverage"),
    ("Advertisement", "advertisement"),
    ("Tags: Belarus, China, trade", "tag"),
    ("© 2024 Steppe Post. All rights reserved.", "copyright"),
])
def test_single_line_chrome(line, word):
    art = run(f"Headline\n{PROSE}\n{line}\n{PROSE.replace('Tuesday', 'Sunday')}")
    assert roles(art)[3] == "drop", line
    assert word in reason(art, 3).lower()
    assert roles(art)[4] == "body"


def test_duplicate_lines_dropped_with_pointer_to_first():
    art = run(f"Headline\n{PROSE}\nA short standalone line.\n{PROSE}")
    assert roles(art)[4] == "drop"
    assert reason(art, 4) == "duplicate of line 2"


def test_line_ending_in_an_ellipsis_is_a_teaser_only_at_the_tail():
    # On the training pages the rule dropped 14 article lines for 22 teasers when it
    # applied anywhere, and 2 for 12 when no paragraph of text follows the line.
    art = run(f"Headline\n{PROSE}\nThe minister also said that the two sides would soon agree on …")
    assert roles(art)[3] == "drop" and reason(art, 3).startswith("truncated teaser at the end of the text")
    art = run(f"Headline\n{PROSE}\nThe minister also said that the two sides would soon agree on …\n"
              f"{PROSE.replace('Tuesday', 'Monday')}")
    assert "ellipsis" not in reason(art, 3), "text follows it: the ellipsis is the article's own"


def test_quote_ending_in_ellipsis_is_not_a_teaser():
    art = run(f"Headline\n{PROSE}\nHe paused and said: “we shall see what comes of this...”")
    assert "ellipsis" not in reason(art, 3)


def test_repeated_promo_paragraphs_at_the_end_are_dropped_but_repeats_inside_kept():
    promo1 = "Steppe Post brings you analysis from the region. Send your opinion pieces to our desk at desk@example.org for consideration."
    promo2 = "Steppe Post offers a different view of the region. Send your opinion pieces to our desk at desk@example.org for consideration."
    quote = "The president said the partnership would never depend on the weather in other capitals."
    text = "\n".join(["Headline", quote + " " + PROSE, "Background paragraph. " + quote, PROSE.replace("Tuesday", "Monday"), promo1, promo2])
    art = run(text)
    r = roles(art)
    assert r[5] == r[6] == "drop"
    assert "promo" in reason(art, 5)
    assert r[2] == r[3] == "body", "a quote repeated inside the article is not promo"


def test_bullets_kept_as_lists():
    art = run("Leaders agree on a new rail corridor\n- First point of the summary.\n- Second point.\n• Third point.\n1. Numbered one.\n2) Numbered two.")
    items = [ln for ln in art.lines if ln.role == "body"]
    assert [ln.list for ln in items] == ["ul", "ul", "ul", "ol", "ol"]
    assert items[0].clean == "First point of the summary."
    assert items[4].clean == "Numbered two."


def test_heading_detection():
    art = run(f"Headline\n{PROSE}\nTrade grows again\n{PROSE.replace('Tuesday', 'Monday')}\nShort closing line")
    r = roles(art)
    assert r[3] == "heading"
    assert r[5] != "heading", "a short line with nothing after it is not a heading"


def test_markdown_heading():
    art = run(f"Headline\n{PROSE}\n## What comes next\nMore text.")
    line = next(ln for ln in art.lines if ln.n == 3)
    assert line.role == "heading" and line.clean == "What comes next"


def test_corpus_recurring_lines_are_boilerplate_but_wire_copies_are_not():
    menu = "Subscribe today and read everything we publish without limits"
    stories = {f"s{i}": f"Headline {i}\n{menu}\nStory number {i} is about a different topic entirely, with its own words and figures, number {i}." for i in range(4)}
    wire = "MINSK (AP) — The leaders of both countries met on Tuesday and signed a new set of agreements on trade and rail transport."
    stories.update({f"w{i}": f"Wire copy {i}\n{wire}\nA second shared line of the wire story with many words so that it is long enough to count." for i in range(4)})
    rec = recurring_lines(stories, min_seeds=3)
    assert menu.casefold() in rec["s0"]
    art = run(stories["s0"], rec["s0"])
    assert roles(art)[2] == "drop" and "recurs verbatim" in reason(art, 2)
    assert rec["w0"] == {}, "four copies of one wire story are one story, not boilerplate"


def test_corpus_rule_needs_enough_seeds():
    texts = {"a": "T\nshared line of text here", "b": "U\nshared line of text here"}
    assert recurring_lines(texts, min_seeds=3) == {"a": {}, "b": {}}


def test_pasted_site_token_removed_and_recorded():
    text = "Steppe Post|Leaders meet in Minsk\n\nMINSK (AP) — The president praised “deep mutual Steppe Posttrust and cooperation” with China. Steppe Post reported the visit first."
    art = run(text)
    assert len(art.repairs) == 1
    rep = art.repairs[0]
    assert rep.n == 3
    assert "Steppe Post" in rep.before
    assert "“deep mutual trust and cooperation”" in rep.after
    assert rep.after.endswith("Steppe Post reported the visit first."), "a prose mention of the outlet stays"
    body = next(ln for ln in art.lines if ln.n == 3)
    assert body.clean == rep.after and body.text == rep.before


def test_remove_pasted_token_inside_quotes_with_spaces():
    assert remove_pasted_token("a “word Site Name more” b", "Site Name") == "a “word more” b"
    assert remove_pasted_token("Site Name said so", "Site Name") == "Site Name said so"


def test_metadata_lines_are_consumed():
    text = "\n".join([
        "Headline of the day",
        "By Anna Petrova, staff correspondent",
        "Published: June 5, 2025 10:30 a.m. EDT",
        "Editor: Li Wei | example.cn",
        "(Updates with the minister's comments in paragraph 4)",
        PROSE,
        "Source: Xinhua, BelTA",
    ])
    art = run(text)
    m = art.meta
    assert m.byline == "Anna Petrova" and m.byline_note == "staff correspondent"
    assert m.published == "2025-06-05T10:30:00-04:00"
    assert m.editor == "Li Wei" and m.outlet == "example.cn"
    assert m.notes == ("(Updates with the minister's comments in paragraph 4)",)
    assert m.sources == ("Xinhua", "BelTA")
    assert set(m.wires) >= {"Xinhua", "BelTA"}
    assert [ln.role for ln in art.lines] == ["title", "meta", "meta", "meta", "meta", "body", "meta"]


def test_dateline_and_photo_credit_wires():
    text = "Headline\nMINSK, June 4 (Reuters) - The talks went on for hours. " + PROSE + "\nThe two leaders shake hands. Pavel Orlovsky/BelTA"
    art = run(text)
    assert art.meta.dateline == "MINSK"
    assert art.meta.wires == ("Reuters", "BelTA")


def test_sentence_starting_with_by_is_not_a_byline():
    art = run("Headline\nBy 2030, trade between the two countries should double, officials said in a statement.")
    assert roles(art)[2] == "body"
    assert art.meta.byline is None


def test_clean_is_idempotent_on_its_own_output():
    text = "\n".join(["Home > World", "Leaders agree on a new rail corridor", PROSE, "Related", "teaser one", "teaser two"])
    once = run(text)
    kept = "\n".join([once.meta.title] + [ln.clean for ln in once.kept()])
    twice = run(kept)
    assert all(ln.role != "drop" for ln in twice.lines)


def test_section_label_between_headline_and_text_is_metadata():
    art = run(f"Leaders meet in Minsk\nPolitics\n5 June 2025, 14:25\n{PROSE}\nWhat comes next\n{PROSE.replace('Tuesday', 'Monday')}")
    r = roles(art)
    assert r[2] == "meta" and art.meta.category == "Politics"
    assert r[5] == "heading", "after the text starts, a short line is a heading again"


@pytest.mark.parametrize("line", ["Print", "Share", "Copy link", "Subscribe to our Telegram channel",
                                  "Поделиться", "Главная"])
def test_page_tools_and_prompts(line):
    art = run(f"{line}\nThe real headline of the page\n{PROSE}")
    assert roles(art)[1] == "drop"
    assert art.meta.title == "The real headline of the page"


@pytest.mark.parametrize("marker", ["Читайте также:", "Новости по теме", "相关新闻"])
def test_non_english_block_markers(marker):
    art = run(f"Заголовок статьи о визите\n{PROSE}\n{marker}\nДругая новость о погоде")
    assert roles(art)[3] == "drop" and roles(art)[4] == "drop"


def test_line_naming_only_a_wire_is_a_credit():
    art = run(f"Headline\n{PROSE}\nBelarusian Telegraph Agency")
    assert roles(art)[3] == "meta" and "BelTA" in art.meta.wires


def test_byline_with_a_slash():
    art = run(f"Headline\nBy RFE/RL's Belarus Service\n{PROSE}")
    assert art.meta.byline == "RFE/RL's Belarus Service"


def test_chinese_page_metadata_and_dateline():
    text = "\n".join([
        "首页 > 新闻 > 国际",
        "两国领导人会谈",
        "2025年06月04日 19:30 来源：新华社",
        "新华社北京6月4日电 两国领导人4日在北京举行会谈。",
        "【责任编辑：张三】",
    ])
    art = run(text)
    assert [ln.role for ln in art.lines] == ["drop", "title", "meta", "body", "meta"]
    m = art.meta
    assert m.published == "2025-06-04T19:30:00" and m.editor == "张三"
    assert m.dateline == "北京" and "Xinhua" in m.wires


def test_update_time_only_becomes_published_with_a_note_and_time_before_date():
    art = run(f"Headline\nUpdated 3:15 AM GMT+3, June 5, 2025\n{PROSE}")
    assert art.meta.published == "2025-06-05T03:15:00+03:00"
    assert "update" in art.meta.published_note


def test_separator_lines_are_dropped():
    art = run(f"Headline\n{PROSE}\n___\n* * *\n{PROSE.replace('Tuesday', 'Monday')}")
    assert roles(art)[3] == roles(art)[4] == "drop"
    assert "separator" in reason(art, 3)


def test_a_list_inside_the_article_is_kept_whole():
    art = run("Headline\n" + PROSE + "\n- First point of the summary.\n- Second point.\n• Third point.\n"
              "1. Numbered one.\n2) Numbered two.\n" + PROSE.replace("Tuesday", "Monday"))
    assert [ln.list for ln in art.lines if ln.role == "body" and ln.list] == ["ul", "ul", "ul", "ol", "ol"]


@pytest.mark.parametrize("line", [
    "Read more: Looted colonial art returns to Benin after a century",
    "Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo",
    "Lesen Sie auch: Spielabbruch in der Kreisliga nach Streit",
    "» Lire aussi : La Chine et le Bélarus signent un accord",
    "Читайте также: Лукашенко прибыл в Пекин",
    "Czytaj też: Wyścig zbrojeń ruszył z kopyta",
    "Leia também: Xi recebe Lukashenko em Pequim",
    "相关阅读：习近平会见卢卡申科",
])
def test_a_read_also_link_inside_the_text_is_dropped(line):
    art = run(f"Headline\n{PROSE}\n{line}\n{PROSE.replace('Tuesday', 'Sunday')}")
    assert roles(art)[3] == "drop", line
    assert "link to another article" in reason(art, 3)
    assert roles(art)[2] == roles(art)[4] == "body"


@pytest.mark.parametrize("line", [
    "Lea: I think the talks went well, and the trade figures for the year show it clearly enough.",
    "Read more about the agreement in the full text published by the ministry on Tuesday evening.",
])
def test_a_name_or_a_sentence_is_not_a_read_also_link(line):
    art = run(f"Headline\n{PROSE}\n{line}\n{PROSE.replace('Tuesday', 'Sunday')}")
    assert "link to another article" not in reason(art, 3)


def _lines_for_rule_matching():
    from pathlib import Path

    lines = []
    for f in sorted(Path(__file__).parent.joinpath("fixtures", "webtext").glob("*.txt")):
        lines += [t.strip() for t in f.read_text(encoding="utf-8").split("\n") if t.strip()]
    lines += ["ſign in | Register", "K", "ЧИТАЙТЕ ТАКЖЕ: новость", "» Read more: x", "HOME", "Ｈome", "",
              "© 2024", "(C) 2024 Site", "12 comments on “Post”", "Share | Tweet | Email", "首页", "İstanbul"]
    return lines


def test_first_character_filter_matches_as_the_whole_alternation():
    """Rules.first_match tries only the anchored patterns that can begin with the line's
    first two characters: the group it finds must be the whole alternation's."""
    from mkdocs_china_belarus.rules import _joined

    rules = load_rules()
    for kind in ("drop", "blocks"):
        anchored, _, groups = _joined(rules.fingerprint, kind, getattr(rules, kind))
        for text in _lines_for_rule_matching():
            fast, full = anchored.match(text), anchored.full.match(text)
            assert (fast and fast.lastgroup) == (full and full.lastgroup), (kind, text)
    assert rules.first_match("drop", "ſign in | Register") is not None  # long s folds to s, as re folds it


def test_page_search_for_unanchored_patterns_is_never_wrong():
    rules = load_rules()
    lines = _lines_for_rule_matching()
    page_says = rules.floating_possible("drop", lines)
    per_line = any(rules.first_match("drop", t) != rules.first_match("drop", t, floating=False) for t in lines)
    assert page_says or not per_line
    assert rules.floating_possible("drop", ["Intro", "Please scan the QR code to follow us"])
    assert not rules.floating_possible("drop", ["Intro", "A line of article text."])


@pytest.mark.parametrize("line, why", [
    ("Zum Inhalt springen", "navigation"),
    ("Aller au contenu principal", "navigation"),
    ("Sie sind hier: Startseite › Politik", "navigation"),
    ("Vous êtes ici : Accueil / Monde", "navigation"),
    ("Iniciar sesión", "sign-in"),
    ("Zaloguj się", "sign-in"),
    ("Войти", "sign-in"),
    ("Schreib einen Kommentar", "comment"),
    ("Laisser un commentaire", "comment"),
    ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert", "comment"),
    ("Benachrichtigung bei weiteren Kommentaren per E-Mail senden.", "comment"),
    ("12 Kommentare", "comment"),
    ("Diesen Artikel teilen", "social"),
    ("Compartir en Facebook", "social"),
    ("Поделиться", "social"),
    ("Suivez-nous sur les réseaux sociaux", "social"),
    ("Seite drucken", "page tool"),
    ("Version imprimable", "page tool"),
    ("Newsletter abonnieren", "newsletter"),
    ("Suscríbete a nuestro boletín", "newsletter"),
    ("Impressum | Datenschutz | AGB", "footer"),
    ("Polityka prywatności", "footer"),
    ("Todos los derechos reservados Editora Ejemplo S.A.", "footer"),
    ("Wir verwenden Cookies, um unsere Website für Sie zu verbessern.", "footer"),
    ("By continuing to browse this site you agree to our use of cookies.", "footer"),
])
def test_chrome_in_many_languages_is_dropped_by_the_knowledge_file(line, why):
    art = run(f"Leaders agree on a new rail corridor\n{PROSE}\n{PROSE.replace('Tuesday', 'Monday')}\n{line}\n"
              f"{PROSE.replace('Tuesday', 'Sunday')}")
    assert roles(art)[4] == "drop", line
    assert why.split()[0] in reason(art, 4), (line, reason(art, 4))
    assert roles(art)[2] == roles(art)[3] == roles(art)[5] == "body"


@pytest.mark.parametrize("line", [
    "Antworten auf die wichtigsten Fragen zur Wahl gibt es hier.",
    "Sie sind hier, weil die Regierung neue Regeln für den Grenzverkehr beschlossen hat.",
    "Wir verwenden diese Zahlen, weil sie die einzigen offiziellen Angaben sind.",
    "Teilen wollten die beiden Seiten die Kosten für den Bau der Bahnstrecke nicht.",
    "Drucken und Verteilen der Flugblätter übernahm die Gewerkschaft im ganzen Land.",
])
def test_sentences_that_begin_like_chrome_are_not_matched_by_the_knowledge_file(line):
    assert chrome_shape(line, load_rules()) is None


def test_the_lead_under_the_headline_and_its_date_is_kept():
    # a short page: headline, date, then the lead; the lead is the text, not a header block
    art = run("Xi and Lukashenko meet in Beijing\n\nPublished: 2025-06-05\n\n"
              "Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Beijing "
              "on June 4, 2025.\n\nLukashenko had visited Beijing in 2013, when the two leaders met and agreed a "
              "comprehensive strategic partnership.\n\nDuring his previous visit, in February 2023, Lukashenko "
              "met Xi in Beijing.\n")
    assert [ln.role for ln in art.lines] == ["title", "meta", "body", "body", "body"]


def test_the_lead_right_above_the_text_is_kept_even_without_a_headline():
    # a two-word label is no headline here; the lead sentence above the text is still the text's
    art = run("Talks minsk\n\nPublished: 2024-08-15\n\nChinese President Xi Jinping held talks with Belarusian "
              "President Alexander Lukashenko in Minsk on August 14, 2024.\n\nXi and Lukashenko discussed trade, "
              "investment, agriculture, education, tourism and the industrial park at length.\n")
    assert [ln.role for ln in art.lines][1:] == ["meta", "body", "body"]


class _FixedModel:
    """The shipped model's lexicon and threshold, with scores given by the test."""

    def __init__(self, p):
        from mkdocs_china_belarus.linemodel.trees import load_model

        shipped = load_model()
        self.p, self.lexicon, self.threshold = np.asarray(p, dtype=float), shipped.lexicon, shipped.threshold

    def scores(self, x1):
        return self.p, self.p


def test_a_lead_the_model_drops_is_kept_and_the_audit_says_so():
    text = ("Leaders agree on a new rail corridor\nPublished: 2024-08-15\n"
            "Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk.\n"
            f"{PROSE}\n{PROSE.replace('Tuesday', 'Monday')}\n")
    art = clean(doc(text), load_rules(), model=_FixedModel([0.9, 0.1, 0.05, 0.99, 0.99]))
    assert [ln.role for ln in art.lines] == ["title", "meta", "body", "body", "body"]
    assert reason(art, 3).startswith("lead right above the article text") and "p=0.95 boilerplate" in reason(art, 3)
    # a sentence too short to be a lead, under the headline and its date: the text goes on after it
    text2 = text.replace("Chinese President Xi Jinping held talks with Belarusian President Alexander Lukashenko in Minsk.",
                         "Xi and Lukashenko met in Minsk on Tuesday.")
    art2 = clean(doc(text2), load_rules(), model=_FixedModel([0.9, 0.1, 0.05, 0.99, 0.99]))
    assert roles(art2)[3] == "body" and reason(art2, 3).startswith("first sentence under the headline")


def test_a_sentence_cut_short_is_no_headline_and_cleaning_the_output_drops_nothing_more():
    # found by the property test: the last line read as the headline, and once the
    # output was cleaned again it was a truncated teaser
    lead = ("Xi Jinping met Alexander Lukashenko in Minsk on Tuesday, officials said, and the two leaders discussed "
            "trade, rail freight through the Great Stone industrial park and new loans from Chinese banks.")
    cut = "Belarus and China discussed many things at length in the meeting today according to officials who were there…"
    text = f"{lead}\n{lead}\nPublished: 2024-03-01 09:00\n(AP)\n0\nJune 4, 2015 10:42 GMT+8\n{cut}"
    first = run(text)
    assert first.meta.title != cut and "title" not in [ln.role for ln in first.lines if ln.text == cut]
    kept = [ln.text for ln in first.lines if ln.role in ("title", "body", "heading")]
    second = run("\n".join(kept))
    assert [ln.role for ln in second.lines] == ["body"] * len(kept)


def test_breadcrumb_and_menu_bar_shapes():
    """The structural shapes, including the lines their quick pre-checks rule out."""
    assert is_breadcrumb("Home > World > Europe")
    assert is_breadcrumb("Startseite › Politik")
    assert not is_breadcrumb("Home World Europe")  # no separator
    assert not is_breadcrumb("The ministers met > the delegations waited for a very long time")
    assert not is_breadcrumb("Home > World > Europe.")  # ends a sentence
    assert is_menu_bar("News | Sport | Weather | Culture")
    assert is_menu_bar("Home • About us • Contact • Archive")
    assert is_menu_bar("a|b|c|d")
    assert not is_menu_bar("News | Sport | Weather")  # three items: two separators
    assert not is_menu_bar("News | Sport and other stories today | Weather | Culture")  # an item of six words
    assert not is_menu_bar("No separators in this line at all, just words")


BREADCRUMB_PAGE = """Harbour News
* Home
* Transport
* Weather
1. Home
2. Transport
3. Ferry timetable changes for the winter months
Transport
Ferry timetable changes for the winter months
By Jane Doe
""" + PROSE + "\n" + PROSE + "\n"


def test_a_headline_after_the_breadcrumb_item_that_repeats_it_is_the_original():
    art = run(BREADCRUMB_PAGE)
    r = roles(art)
    assert art.meta.title == "Ferry timetable changes for the winter months"
    assert r[9] == "title"
    assert r[7] == "drop" and reason(art, 7) == "list item repeating line 9"


def test_a_label_repeated_in_the_menu_the_breadcrumb_and_above_the_headline_stays_chrome():
    art = run(BREADCRUMB_PAGE)
    # "Transport" is in the menu, the breadcrumb and above the headline: every copy after the first is a duplicate
    assert roles(art)[8] == "drop" and reason(art, 8) == "duplicate of line 3"


FAR_MENU = [f"* {w}" for w in ("Home", "Politics", "Economy", "Culture", "Sport", "Travel", "Science", "Opinion",
                               "Video", "Photo", "Weather", "Contacts", "About us", "Advertising", "Archive",
                               "Newsletter", "Podcasts", "Search", "Login", "Subscribe")]


def test_the_headline_repeating_a_line_above_the_window_of_headlines_is_the_title():
    # the window title at the top, a long menu, then the headline again right above the text: the
    # duplicate rule drops the later copy, but that copy is the one that heads the text
    head = "Ferry timetable changes for the winter months"
    art = run("\n".join([head, *FAR_MENU, head, PROSE, PROSE2]) + "\n")
    assert art.meta.title == head
    assert roles(art)[22] == "title" and "duplicate of line 1" in reason(art, 22)
    assert roles(art)[1] == "drop"


@pytest.mark.parametrize("copied", [
    # a block of lines repeated (a promo box, share buttons, a teaser list), not one line
    ["Grand opening of the new harbour terminal", "Cheaper tickets for families all winter long"],
    ["Winter ferry timetable"],  # under four words: a label more often than a headline
])
def test_a_block_or_a_short_line_repeated_above_the_text_is_no_headline(copied):
    art = run("\n".join([*copied, *FAR_MENU, *copied, PROSE, PROSE2]) + "\n")
    assert art.meta.title == ""
    n = len(copied) + len(FAR_MENU)
    assert all(roles(art)[n + k + 1] == "drop" and reason(art, n + k + 1).startswith("duplicate of line")
               for k in range(len(copied)))


def test_a_plain_line_repeating_a_list_item_of_two_words_is_still_a_duplicate():
    text = "* Weather report\n" + PROSE + "\nWeather report\n" + PROSE + "\n"
    art = run(text)
    assert roles(art)[3] == "drop" and reason(art, 3) == "duplicate of line 1"


PROSE2 = ("The ministers also reviewed the progress of joint industrial parks, the schedule for new flights "
          "between the two capitals, student exchanges at several universities, and a plan to simplify the "
          "paperwork that small exporters face when they ship goods across the border by road or rail.")
RESUMES = "The two delegations also agreed to open a new consulate in the spring."


def test_a_sentence_before_the_article_resumes_ends_a_teaser_block_inside_the_text():
    text = f"Ministers meet in Minsk\n{PROSE}\nRead more\n{RESUMES}\n{PROSE2}\n"
    art = run(text)
    assert roles(art)[3] == "drop" and "block" in reason(art, 3)
    assert roles(art)[4] == "body"


@pytest.mark.parametrize("teaser", [
    "* The two delegations also agreed to open a new consulate in the spring.",  # a list item
    "Two delegations agree to open a new consulate",  # a headline, not a sentence
    "The two delegations also agreed to open a new consulate in the spring and…",  # a snippet cut short
])
def test_teasers_before_the_article_resumes_stay_in_the_block(teaser):
    art = run(f"Ministers meet in Minsk\n{PROSE}\nRead more\n{teaser}\n{PROSE2}\n")
    assert roles(art)[4] == "drop" and reason(art, 4) == "teaser or comment under 'Read more'"


def test_a_headline_read_under_a_block_marker_ends_the_block():
    text = ("Trending\nFerry timetable changes for the winter months\nBy Jane Doe\n"
            "The harbour authority said on Monday that ferries will run less often.\n" + PROSE + "\n" + PROSE2 + "\n")
    art = run(text)
    r = roles(art)
    assert art.meta.title == "Ferry timetable changes for the winter months"
    assert r[3] == "meta" and art.meta.byline == "Jane Doe"
    assert r[4] == "body"


def test_a_short_byline_under_the_headline_is_the_byline_not_a_section_label():
    art = run("Ferry timetable changes for the winter months\nBy Jane Doe\n" + PROSE + "\n" + PROSE2 + "\n")
    assert art.meta.byline == "Jane Doe" and art.meta.category is None
    art = run("Ferry timetable changes for the winter months\nTransport\n" + PROSE + "\n" + PROSE2 + "\n")
    assert art.meta.category == "Transport"


def test_a_place_and_date_under_the_headline_is_the_publication_date_but_not_in_the_comments():
    art = run(f"Ferry timetable changes for the winter months\nMinsk, 12.03.2024\n{PROSE}\n{PROSE2}\n")
    assert art.meta.published == "2024-03-12"
    comments = "\n".join(["Comments", "Anna Lee, 5 March 2024", "Great article, thanks for writing it."])
    art = run(f"Ferry timetable changes for the winter months\n{PROSE}\n{PROSE2}\n{comments}\n")
    assert art.meta.published is None


def test_a_relative_stamp_and_its_label_is_never_the_headline():
    art = run("Erstellt: vor 4 Stunden\n" + PROSE + "\n" + PROSE2 + "\n")
    assert art.meta.title != "Erstellt: vor 4 Stunden"
    assert next(ln.role for ln in art.lines if ln.n == 1) != "title"


def test_a_headline_under_a_block_marker_gives_back_only_what_no_other_rule_drops():
    text = ("Trending\nFerry timetable changes for the winter months\n* * *\nBy Jane Doe\n"
            "The harbour authority said on Monday that ferries will run less often.\n" + PROSE + "\n" + PROSE2 + "\n")
    art = run(text)
    assert art.meta.title == "Ferry timetable changes for the winter months"
    assert roles(art)[3] == "drop" and reason(art, 3) == "separator or decoration (no letters or digits)"
    assert roles(art)[5] == "body"


def test_a_menu_glued_together_is_never_the_headline():
    glued = "World newsMinsk summitTrade talksRail freight"
    art = run(f"Ferry timetable changes\n{glued}\n{PROSE}\n{PROSE2}\n")
    assert art.meta.title == "Ferry timetable changes"
    art = run(f"{glued}\nMonday 4 May 2022\n{PROSE}\n{PROSE2}\n")
    assert art.meta.title in (None, "")
    # one join is common in a headline ("iPhone", "McDonald's")
    art = run(f"New iPhone factory opens near Minsk\n{PROSE}\n{PROSE2}\n")
    assert art.meta.title == "New iPhone factory opens near Minsk"


def test_a_show_more_button_above_the_text_is_chrome_not_the_headline():
    # the 'mehr anzeigen' under a list of the magazine's other articles, right above the text
    text = ("Lithium aus dem Schredder\n* Der Akku im Alltag\n* Die Fabrik der Zukunft\nMehr anzeigen\n"
            + PROSE + "\n" + PROSE2 + "\n")
    art = run(text)
    assert roles(art)[4] == "drop" and reason(art, 4) == "page tool"
    assert art.meta.title != "Mehr anzeigen"


# -- the text after the article's end (`_trailing_islands`) ---------------------------

_PARAGRAPHS = [
    "The two delegations spent the morning on the rail corridor, which carries containers from the coast to "
    "the border and on to the factories near the capital.",
    "Engineers presented a timetable for the new terminal, and the ministers asked for a report on customs "
    "procedures before the end of the year.",
    "The talks turned to agriculture: exporters of dairy products and rapeseed oil want quicker checks at the "
    "border and a longer list of approved plants.",
    "Officials said the next round would be held in the spring, once the working groups have finished their "
    "studies of the costs involved in each project.",
    "A joint statement lists eleven projects, from a pharmaceutical plant to a science park, and sets dates "
    "for each of them over the next three years.",
]
_NOTE = "The author covers trade and transport for the paper."


def _islands(lines: list[str], dropped: set[int]):
    """Run the rule alone on a page whose other passes are given: line 0 is the
    headline, the lines in `dropped` were dropped, the rest were kept."""
    from mkdocs_china_belarus.clean import _trailing_islands
    from mkdocs_china_belarus.pagestate import _prepare

    st = _prepare("\n".join(lines))
    st.p = [0.8] * len(lines)
    st.set(0, "title", "headline")
    for i in dropped:
        st.set(i, "drop", "chrome")
    _trailing_islands(st)
    return st


def test_a_short_text_after_dropped_lines_past_the_article_is_dropped():
    lines = ["Ministers agree on a rail timetable", *_PARAGRAPHS, "Share", "Print", "Comments (3)", _NOTE]
    st = _islands(lines, {6, 7, 8})
    assert st.role[9] == "drop"
    assert st.reason[9].startswith("text after the article's end: 9 words after 3 dropped lines")
    assert st.reason[9].endswith("(p=0.20)")
    assert all(st.role[i] is None for i in range(1, 6))  # the article itself is untouched


@pytest.mark.parametrize("dropped", [{6}, {6, 7}])
def test_a_short_text_after_two_dropped_lines_or_fewer_is_the_articles_own(dropped):
    # a caption or a credit inside the article does not end it
    lines = ["Ministers agree on a rail timetable", *_PARAGRAPHS, "Photo: Staff", "Share", _NOTE]
    kept = set(range(1, len(lines))) - dropped
    st = _islands(lines, dropped)
    assert all(st.role[i] is None for i in kept)


def test_a_second_part_of_a_tenth_of_the_text_or_more_is_kept():
    # an advertisement block splits the article; the part after it is no teaser
    lines = ["Ministers agree on a rail timetable", *_PARAGRAPHS[:4], "Advertisement", "Shop now", "Sponsored",
             _PARAGRAPHS[4]]
    st = _islands(lines, {5, 6, 7})
    assert st.role[8] is None


def test_text_before_the_main_run_is_left_to_the_other_rules():
    # a lead or a standfirst above a break: the rule reads only what follows the main run
    lines = ["Ministers agree on a rail timetable", _NOTE, "Share", "Print", "Comments (3)", *_PARAGRAPHS]
    st = _islands(lines, {2, 3, 4})
    assert st.role[1] is None


def test_the_longest_run_is_the_main_one_wherever_it_is():
    lines = ["Ministers agree on a rail timetable", _PARAGRAPHS[0], "Share", "Print", "Comments (3)",
             *_PARAGRAPHS[1:], "Newsletter", "Sign up", "Contact", _NOTE]
    st = _islands(lines, {2, 3, 4, 9, 10, 11})
    assert st.role[1] is None  # before the main run: left alone, though short
    assert st.role[12] == "drop"


# -- the page's last sentence (`_last_sentence`) ---------------------------------------

_VISIT = ("Chinese leader to visit Belarus\n\nPublished: 2019-05-11\n\n"
          "At the invitation of President Alexander Lukashenko, President Xi Jinping is paying a state visit to "
          "Belarus May 10-12, the foreign ministry announced.\n\n")
_LAST = ("The visit is expected to produce agreements on rail freight, and direct flights between the capitals "
         "are due to start in May 2019.")


class _LastLinesLow:
    """The shipped line model, except that it scores the page's last line (its last
    `lines` lines) p=0.05: the rule must keep a last sentence however the model scores
    its words."""

    def __init__(self, lines: int = 1):
        from mkdocs_china_belarus.linemodel.trees import load_model

        assert lines >= 1
        self.model = load_model()
        self.lines = lines

    def __getattr__(self, name):
        return getattr(self.model, name)

    def scores(self, x1):
        p1, p = self.model.scores(x1)
        p = p.copy()
        p[-self.lines:] = 0.05
        return p1, p


def test_the_last_sentence_of_a_page_that_ends_in_the_text_is_kept():
    art = clean(doc(_VISIT + _LAST + "\n"), load_rules(), model=_LastLinesLow())
    last = art.lines[-1]
    assert last.role == "body"
    assert last.reason.startswith("the page's last line, a sentence right after the article text, kept although "
                                  "the model scored it p=0.95 boilerplate")


@pytest.mark.parametrize("widget", ["Newsletter abonnieren", "Share on Facebook\nSeite drucken"])
def test_the_last_sentence_after_a_widget_inside_the_text_is_kept(widget):
    # Lines a rule drops (a newsletter or share prompt inside the text) between the text
    # and the page's last sentence do not make it chrome, as for the lead above the text.
    art = clean(doc(_VISIT + widget + "\n" + _LAST + "\n"), load_rules(), model=_LastLinesLow())
    assert [ln.role for ln in art.lines if ln.text in widget.split("\n")] == ["drop"] * (widget.count("\n") + 1)
    assert art.lines[-1].role == "body"
    assert art.lines[-1].reason.startswith("the page's last line, a sentence right after the article text")


_LONG_LAST = ("Officials said the new freight trains would run twice a week between the two capitals from May, and "
              "that the customs procedures at the border would be simplified for goods carried on them, so that the "
              "journey would take three days less than it does by road today.")


@pytest.mark.parametrize("between", [
    "Related articles\nBelarus opens a new consulate in Shanghai\nRail freight to Europe grows again",
    "Share on Facebook\nSeite drucken\nNewsletter abonnieren",  # more than ISLAND_GAP lines of chrome
])
def test_a_last_sentence_after_teasers_or_much_chrome_is_left_to_the_model(between):
    text = _VISIT + PROSE + "\n\n" + between + "\n" + _LONG_LAST + "\n"
    art = clean(doc(text), load_rules(), model=_LastLinesLow())
    assert "under 15 words" not in art.lines[-1].reason  # not a page the short-page rescue keeps
    assert art.lines[-1].text == _LONG_LAST
    assert art.lines[-1].role == "drop"
    assert "page's last line" not in art.lines[-1].reason


def test_a_last_sentence_after_a_line_the_model_drops_is_left_to_it():
    art = clean(doc(_VISIT + "Newsletter abonnieren\nOur correspondents in Minsk and Beijing\n" + _LAST + "\n"),
                load_rules(), model=_LastLinesLow(lines=2))
    assert [ln.reason.split(" (")[0] for ln in art.lines[-3:-1]] == ["newsletter prompt", "short line after the article text"]
    assert art.lines[-1].role == "drop"
    assert "page's last line" not in art.lines[-1].reason


def test_a_sentence_followed_by_more_of_the_page_is_left_to_the_model():
    art = run(_VISIT + _LAST + "\n\nShare on Facebook\n")
    line = next(ln for ln in art.lines if ln.text == _LAST)
    assert "page's last line" not in line.reason
    assert art.lines[-1].role == "drop"


def test_a_short_last_line_is_not_taken_for_the_articles_end():
    art = clean(doc(_VISIT + "Read the full statement on the ministry's site.\n"), load_rules(), model=_LastLinesLow())
    assert art.lines[-1].role == "drop"
    assert "page's last line" not in art.lines[-1].reason


# -- a sub-heading under the article's metadata -----------------------------------------

class _Scored(_LastLinesLow):
    """The shipped line model, except for the lines given (by their place among the
    page's non-blank lines), which it scores as given."""

    def __init__(self, scores: dict[int, float]):
        super().__init__()
        self.fixed = scores

    def scores(self, x1):
        p1, p = self.model.scores(x1)
        p = p.copy()
        for i, value in self.fixed.items():
            p[i] = value
        return p1, p


@pytest.mark.parametrize("meta", ["Published: 2019-05-11", "(Corrects the date of the visit in the second paragraph)"])
def test_a_sub_heading_between_the_metadata_and_a_paragraph_is_kept(meta):
    # An aggregator's copy of one source: its headline comes under the page's date or an
    # editorial note, and heads a paragraph; it is the text's own structure, however the
    # model scores it.
    text = f"Chinese leader to visit Belarus\n\n{meta}\n\nXi to pay state visit to Minsk next week\n\n{PROSE}\n\n{PROSE2}\n"
    art = clean(doc(text), load_rules(), model=_Scored({2: 0.05}))
    roles = {ln.text: ln.role for ln in art.lines}
    assert roles[meta] == "meta"
    assert roles["Xi to pay state visit to Minsk next week"] in ("heading", "body")


def test_a_short_line_between_the_metadata_and_short_lines_is_left_to_the_model():
    # The rule needs a paragraph below the line: above short lines, even ones the model
    # keeps, it is a label of a list (here of the newsroom's desks).
    text = ("Chinese leader to visit Belarus\n\nPublished: 2019-05-11\n\nOur correspondents\n\n"
            "Trade and transport desk\nEnergy and industry desk\n\n" + PROSE + "\n")
    art = clean(doc(text), load_rules(), model=_Scored({2: 0.05, 3: 0.95, 4: 0.95}))
    roles = {ln.text: (ln.role, ln.reason) for ln in art.lines}
    assert roles["Trade and transport desk"][0] in ("body", "heading")  # kept, as scored
    assert roles["Our correspondents"][0] == "drop"
    assert roles["Our correspondents"][1].startswith("short menu-like line")  # the model's verdict, no rule's


def test_a_dropped_line_with_a_caption_cue_says_so_in_the_audit():
    text = ("Chinese leader to visit Belarus\n\n" + PROSE + "\n\nThe two presidents (l.) in Minsk on Monday (Foto: Example Agency).\n\n"
            + PROSE2 + "\n")
    art = clean(doc(text), load_rules(), model=_Scored({2: 0.05}))
    line = next(ln for ln in art.lines if ln.text.startswith("The two presidents"))
    assert line.role == "drop"
    assert line.reason.startswith("picture caption or credit inside the article text")


def test_a_long_paragraph_with_a_caption_cue_is_not_named_a_caption():
    long = ("Quelle: the ministry said in a long statement on Monday that the two delegations had agreed on a "
            "schedule for rail freight, on customs procedures at the border, on flights between the capitals, on "
            "student exchanges and on the next meeting of the joint commission in Minsk.")
    text = "Chinese leader to visit Belarus\n\n" + PROSE + "\n\n" + long + "\n\n" + PROSE2 + "\n"
    art = clean(doc(text), load_rules(), model=_Scored({2: 0.05}))
    line = next(ln for ln in art.lines if ln.text == long)
    assert line.role == "drop" and line.reason.startswith("paragraph inside the article text")
