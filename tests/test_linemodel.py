"""The learned line classifier: features, the model file, and the cleaner built on it.

Pages are written for the test, plus ten real pages of the webtext corpus's train split
vendored in tests/fixtures/webtext (the tests never read ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.linemodel import features as F
from mkdocs_china_belarus.linemodel import stopwords as sw
from mkdocs_china_belarus.linemodel import trees
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "webtext"

PARA = [
    "Officials from both countries met on Tuesday to discuss a long list of trade, transport and investment "
    "projects, including new rail freight routes and the financing of several factories.",
    "The talks, which lasted more than three hours, ended with the signing of eleven documents on customs, "
    "agriculture and education, according to a statement published by the two governments.",
    "Analysts said the agreements were modest in scale but showed that both sides want to keep the "
    "relationship visible at a time when their trade with Europe has fallen sharply.",
    "A further round of talks is planned for the autumn, when a delegation of ministers is expected to visit "
    "the industrial park outside the capital and inspect the new logistics centre there.",
]


def doc(text: str, id: str = "t") -> Document:
    return Document(id=id, source_path=f"seeds/{id}.txt", sha256="0" * 64, encoding="utf-8", text=text)


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def by_text(art) -> dict[str, tuple[str, str]]:
    return {ln.text.strip(): (ln.role, ln.reason) for ln in art.lines}


NEWS_PAGE = page(
    "Skip to main content", "Log in", "USD 3.2512 EUR 3.5120 RUB 3.61",
    "Steppe Herald", "* News", "* Politics", "* Economy", "* Sport", "* Culture", "* Opinion",
    "",
    "Leaders agree on a new rail corridor",
    "",
    "12 March 2024 09:30",
    "",
    PARA[0], "", PARA[1], "", PARA[2], "", PARA[3],
    "",
    "Related articles",
    "Storm hits the coast, thousands left without power",
    "Local team wins the cup after extra time",
    "",
    "© 2024 Steppe Herald. All rights reserved.",
    "* About us", "* Contact", "* Advertising", "* Privacy policy",
)


def test_news_page_keeps_the_article_and_drops_the_chrome_around_it():
    art = clean(doc(NEWS_PAGE), load_rules())
    got = by_text(art)
    for p in PARA:
        assert got[p][0] == "body"
    for chrome in ("Skip to main content", "Log in", "USD 3.2512 EUR 3.5120 RUB 3.61", "* Politics",
                   "Storm hits the coast, thousands left without power", "* Privacy policy",
                   "© 2024 Steppe Herald. All rights reserved."):
        assert got[chrome][0] == "drop", chrome
    assert art.meta.title == "Leaders agree on a new rail corridor"
    assert art.meta.published == "2024-03-12T09:30:00"


def test_model_drops_carry_a_readable_reason_with_the_score():
    art = clean(doc(NEWS_PAGE), load_rules())
    reasons = [ln.reason for ln in art.lines if ln.role == "drop" and "(p=" in ln.reason]
    assert reasons, "some lines are dropped by the model, not by a rule"
    for r in reasons:
        p = float(r.rsplit("(p=", 1)[1].rstrip(")"))
        assert 0.5 <= p <= 1.0 or "p=" in r
        assert any(where in r for where in ("header block", "after the article text", "inside the article text"))
    menu = by_text(art)["* Culture"]
    assert menu[0] == "drop" and "header block" in menu[1]


def test_title_is_the_headline_not_the_first_chrome_line():
    text = page("Sign in | Register", "EUR/BYN 3.45 ▲0.12", "Portal", "", "Xi and Lukashenko open an industrial park",
                "", PARA[0], "", PARA[1], "", PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == "Xi and Lukashenko open an industrial park"
    assert by_text(art)["Xi and Lukashenko open an industrial park"][0] == "title"


def test_title_repeated_in_the_window_title_is_preferred():
    text = page("Minsk wire: Parliament passes the budget - Minsk Wire", "Home", "World", "Business",
                "Parliament passes the budget", "By Anna Kowalska", "", PARA[0], "", PARA[1], "", PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == "Parliament passes the budget"


def test_every_line_is_accounted_for_once():
    art = clean(doc(NEWS_PAGE), load_rules())
    numbers = [i for i, ln in enumerate(NEWS_PAGE.split("\n"), 1) if ln.strip()]
    assert [ln.n for ln in art.lines] == numbers
    assert all(ln.reason for ln in art.lines)


@pytest.mark.parametrize("pid", sorted(p.stem for p in (FIXTURES / "pages").glob("*.txt")))
def test_real_pages_keep_the_article_markers(pid):
    rec = next(r for r in json.loads((FIXTURES / "markers.json").read_text(encoding="utf-8")) if r["id"] == pid)
    text = (FIXTURES / "pages" / f"{pid}.txt").read_text(encoding="utf-8")
    art = clean(doc(text, pid), load_rules())
    lines = [(ln.text, ln.role) for ln in art.lines]
    kept = [any(r in ("body", "heading", "title") for t, r in lines if m in t) for m in rec["keep"]]
    dropped = [all(r in ("drop", "meta") for t, r in lines if m in t) for m in rec["drop"]]
    # Per page, most of the article and some of the chrome (one page is a table
    # layout that interleaves menu and article); the overall figure is checked below.
    assert sum(kept) / len(kept) > 0.6, [m for m, k in zip(rec["keep"], kept) if not k]
    assert sum(dropped) >= 1, [m for m, d in zip(rec["drop"], dropped) if not d]


def test_real_pages_overall_marker_score():
    recs = json.loads((FIXTURES / "markers.json").read_text(encoding="utf-8"))
    kh = kt = dh = dt = 0
    for rec in recs:
        text = (FIXTURES / "pages" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        lines = [(ln.text, ln.role) for ln in clean(doc(text, rec["id"]), load_rules()).lines]
        for m in rec["keep"]:
            kt += 1
            kh += any(r in ("body", "heading", "title") for t, r in lines if m in t)
        for m in rec["drop"]:
            dt += 1
            dh += all(r in ("drop", "meta") for t, r in lines if m in t)
    assert kh / kt >= 0.9 and dh / dt >= 0.75, (kh, kt, dh, dt)


# -- features ------------------------------------------------------------------------

def test_best_run_finds_the_densest_run():
    assert F.best_run([-1, -1, 5, -1, 4, -10, 3]) == (2, 4)
    assert F.best_run([-1, -2]) == (0, -1)


def test_context_columns_read_what_lies_between_a_line_and_the_run_and_its_block():
    # A menu (lines 0-2), the run of text (3-5) after a blank line, a teaser block (6-7)
    # after another. Line 1 is dropped by a rule and scored as boilerplate: a block of
    # its own, which parts the menu into lines 0 and 2.
    x1 = np.zeros((8, len(F.STAGE1_NAMES)))
    x1[[3, 6], F.STAGE1_INDEX["blank_before"]] = 1
    x1[1, F.STAGE1_INDEX["rule_drop"]] = 1
    p = np.array([0.6, 0.1, 0.3, 0.9, 0.8, 0.95, 0.4, 0.55])
    x2 = F.context_features(x1, p)
    col = {name: j for j, name in enumerate(F.STAGE2_NAMES)}

    def at(i, *names):
        return [round(float(x2[i, col[name]]), 4) for name in names]

    between = ("rules_between", "low_between", "least_between")
    assert at(0, *between) == [round(np.log(2), 4), round(np.log(2), 4), 0.9]  # lines 1-2 lie between
    assert at(2, *between) == [0, 0, 0]  # right above the run: nothing between
    assert at(4, *between) == [0, 0, 0]  # in the run
    assert at(7, *between) == [0, 0, 0.6]  # line 6 lies between, neither ruled out nor low
    block = ("block_lines", "block_p_mean", "block_p_min", "block_p_max", "block_rel")
    assert at(0, *block) == [round(np.log(2), 4), 0.6, 0.6, 0.6, 0]
    assert at(1, *block) == [round(np.log(2), 4), 0.1, 0.1, 0.1, 0]
    assert at(2, *block) == [round(np.log(2), 4), 0.3, 0.3, 0.3, 0]
    assert at(4, *block) == [round(np.log(4), 4), 0.8833, 0.8, 0.95, 0.5]
    assert at(7, *block) == [round(np.log(3), 4), 0.475, 0.4, 0.55, 1]


def test_stage_two_reads_each_lines_own_columns_again():
    # Stage 2 weighs a line's own evidence against its context: every per-line and word
    # column of stage 1 is copied under its own name; the neighbours' and windows' columns
    # (other than the word evidence's) are not.
    rng = np.random.default_rng(0)
    x1 = rng.random((6, len(F.STAGE1_NAMES)))
    x2 = F.context_features(x1, rng.random(6))
    col = {name: j for j, name in enumerate(F.STAGE2_NAMES)}
    assert len(col) == len(F.STAGE2_NAMES)  # no name twice
    assert F.CONTEXT_RAW == F.LOCAL + F.LEXICAL + ("pos",)
    for name in F.CONTEXT_RAW:
        assert np.array_equal(x2[:, col[name]], x1[:, F.STAGE1_INDEX[name]]), name
    assert not any("@" in name and not name.startswith(("p@", "lex_mean@")) for name in F.STAGE2_NAMES)
    assert not any("~" in name for name in F.STAGE2_NAMES)


def test_feature_matrix_has_one_row_per_line_and_named_columns():
    rules = load_rules()
    from mkdocs_china_belarus.clean import page_lines_of

    pl = page_lines_of(NEWS_PAGE, rules)
    x, w = F.line_features(pl)
    assert x.shape == (len(pl.core), len(F.STAGE1_NAMES))
    assert np.isfinite(x).all()
    i = list(pl.core).index(PARA[0])
    col = F.STAGE1_INDEX
    assert x[i, col["terminal"]] == 1 and x[i, col["in_run"]] == 1 and w[i] > 0
    j = list(pl.core).index("Politics")
    assert x[j, col["list_item"]] == 1 and x[j, col["in_run"]] == 0 and w[j] < 0


def test_empty_page_has_no_rows():
    x, w = F.line_features(F.PageLines((), (), (), (), (), ()))
    assert x.shape == (0, len(F.STAGE1_NAMES)) and w.shape == (0,)


@pytest.mark.parametrize("text, language", [
    ("Die Regierung hat am Dienstag beschlossen, dass die neuen Regeln für alle gelten, die in der Stadt wohnen.", "German"),
    ("Правительство во вторник решило, что новые правила будут действовать для всех, кто живет в городе.", "Russian"),
    ("The government decided on Tuesday that the new rules will apply to everyone who lives in the city.", "English"),
])
def test_page_language_is_read_from_stop_words(text, language):
    assert (sw.guess_language(sw.words(text * 3)) or "").endswith(language)


# -- the model file ------------------------------------------------------------------

def test_shipped_model_loads_and_scores_probabilities():
    model = trees.load_model()
    x = np.zeros((3, len(F.STAGE1_NAMES)))
    p = model.score(x)
    assert p.shape == (3,) and ((p >= 0) & (p <= 1)).all()
    assert 0 < model.threshold < 1 and model.lexicon


def _model_text() -> dict:
    return json.loads(Path(trees.__file__).parent.parent.joinpath("data", trees.DEFAULT).read_text(encoding="utf-8"))


@pytest.mark.parametrize("spoil, problem", [
    (lambda d: "{not json", "not valid JSON"),
    (lambda d: {**d, "format": "other/1"}, "not a line model"),
    (lambda d: {**d, "threshold": 2}, "'threshold'"),
    (lambda d: {**d, "stage1": {**d["stage1"], "names": d["stage1"]["names"][:-1]}}, "feature names do not match"),
    (lambda d: {**d, "stage2": {**d["stage2"], "trees": []}}, "'trees' must be a non-empty list"),
    (lambda d: {**d, "lexicon": {"word": "x"}}, "'lexicon'"),
])
def test_broken_model_file_is_an_error_naming_file_and_problem(tmp_path, spoil, problem):
    bad = spoil(_model_text())
    path = tmp_path / "model.json"
    path.write_text(bad if isinstance(bad, str) else json.dumps(bad), encoding="utf-8")
    with pytest.raises(trees.ModelFileError) as exc:
        trees.load_model(str(path))
    assert str(path) in str(exc.value) and problem in str(exc.value)


def _tiny_tree(left, right):
    return {"feature": [0] * len(left), "threshold": [0.5] * len(left), "left": left, "right": right,
            "value": [0.0] * len(left)}


@pytest.mark.parametrize("tree, problem", [
    (_tiny_tree([1, 1, 2], [5, 1, 2]), "child index out of range"),
    (_tiny_tree([1, 0, 2], [2, 0, 2]), "cycle"),
])
def test_malformed_trees_are_refused(tmp_path, tree, problem):
    d = _model_text()
    d["stage1"] = {**d["stage1"], "trees": [tree]}
    path = tmp_path / "model.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(trees.ModelFileError, match=problem):
        trees.load_model(str(path))


def test_exported_trees_predict_as_scikit_learn_does():
    sk = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    x1 = rng.random((400, len(F.STAGE1_NAMES)))
    y = (x1[:, 3] + 0.3 * x1[:, 7] > 0.7).astype(int)
    m1 = sk.HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=7).fit(x1, y)
    x2 = F.context_features(x1, m1.predict_proba(x1)[:, 1])
    m2 = sk.HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=7).fit(x2, y)
    model = trees.parse_model("test", json.dumps(trees.export(m1, m2, 0.5, {"a": 1.0})))
    assert np.allclose(model.stage1.raw(x1), m1.decision_function(x1), atol=1e-5)
    p1, p = model.scores(x1)
    assert np.allclose(p1, m1.predict_proba(x1)[:, 1], atol=1e-5)
    assert np.allclose(p, m2.predict_proba(F.context_features(x1, p1))[:, 1], atol=1e-5)


def test_headline_above_dates_and_buttons_is_the_title_not_a_menu_item():
    text = page("Business", "World", "Opinion", "Multimedia", "National / Politics",
                "Minsk and Beijing sign a visa-free travel deal", "WIRE", "Mar 4, 2024", "Article history",
                "Online: Mar 4, 2024", "Last Modified: Mar 4, 2024", "PRINT", "SHARE",
                "MINSK – " + PARA[0], PARA[1], PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == "Minsk and Beijing sign a visa-free travel deal"
    assert art.meta.published == "2024-03-04"


def test_two_word_headline_directly_above_the_text_is_the_title():
    text = page("Toggle navigation", "Bio", "Blog", "Contact", "Rail freight", PARA[0], PARA[1], PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == "Rail freight"


def test_a_row_of_numbers_or_a_bracketed_credit_is_never_the_title():
    text = page("1945 1960 1980 2000 2020", "(Photo: Press service)", "Leaders open a new logistics centre", "",
                PARA[0], "", PARA[1], "", PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == "Leaders open a new logistics centre"


def test_a_chrome_line_under_a_block_marker_is_never_the_title():
    art = clean(doc("Related articles:\nShare this article"), load_rules())
    assert all(ln.role == "drop" for ln in art.lines) and art.meta.title != "Share this article"


@pytest.mark.parametrize("stamp", ["5 March 2024 Politics Economy, budget, reform",
                                   "28 kwietnia 2021 Polityka Fundusz Odbudowy, lewica"])
def test_a_line_that_starts_with_a_date_is_never_the_title(stamp):
    # a teaser's date and tags above the headline would otherwise win: it is nearer the text
    text = page("Menu", "Home", stamp, "Leaders open a new logistics centre", "", PARA[0], "", PARA[1], "", PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == "Leaders open a new logistics centre"


# The page-at-once feature code must count what the per-line patterns count.
_FAST_PATH_LINES = [
    "Home | News › World » Europe", "Read more - - and more – here", "a-b - c", "-", " - ",
    "Published 12.05.2024 09:30", "2024-11-02", "2025年06月04日 16:37", "at 9:30 pm", "version 10.2",
    "March 5, 2024", "Posted Mai 2015", "mayday 5 reasons", "Xmar 5", "4 июня 2025", "Copyright © 2024",
    "ALL RIGHTS RESERVED", "Visit WWW.EXAMPLE.COM or mail @desk", "İstanbul 5 Mart", "ΣΑΣ 12:00",
    "第3页", "Ünïcödé — text without digits", "",
]


def _slow_columns(lines):
    import re

    seps = [min(len(F._SEPARATORS.findall(t)), 20) for t in lines]
    date = [bool(F._DATE_NUM.search(t) or F._WORD_NUM.search(t)) for t in lines]
    url = [bool(F._URL.search(t)) for t in lines]
    cr = [bool(F._COPYRIGHT.search(t)) for t in lines]
    words = [re.findall(F.sw._WORD, t.casefold()) for t in lines]
    return seps, date, url, cr, words


def test_page_at_once_columns_equal_the_per_line_patterns():
    lines = [t for t in _FAST_PATH_LINES if t]
    page = F.PageLines(core=lines, marker=[""] * len(lines), blank_before=[False] * len(lines),
                       blank_after=[False] * len(lines), rule_drop=[False] * len(lines),
                       rule_block=[False] * len(lines))
    tokens = F.sw.line_words(lines)
    cols, _ = F.local_columns(lines, tokens, page, frozenset(), [1] * len(lines))
    seps, date, url, cr, words = _slow_columns(lines)
    j = {name: k for k, name in enumerate(F.LOCAL)}
    assert cols[:, j["separators"]].tolist() == seps
    assert cols[:, j["dateish"]].astype(bool).tolist() == date
    assert cols[:, j["url"]].astype(bool).tolist() == url
    assert cols[:, j["copyright"]].astype(bool).tolist() == cr
    assert tokens == words
    # "- -" once, as finditer counts it; "mayday 5" reads as a month (a prefix); "Xmar 5" does not
    assert seps[1] == 2 and date[5] and date[12] and not date[13] and date[14] and cr[16] and url[17]


def test_line_words_falls_back_when_a_line_holds_a_break():
    assert F.sw.line_words(["One two", "three\nfour", ""]) == [["one", "two"], ["three", "four"], []]
    assert F.sw.line_words([]) == []


def test_stop_list_index_reads_the_lists_as_justext_does():
    import math

    import justext

    names = tuple(sorted(justext.get_stoplists()))
    index: dict[str, list[int]] = {}
    sizes = []
    for i, name in enumerate(names):
        words = justext.get_stoplist(name)
        sizes.append(len(words))
        for w in words:
            index.setdefault(w.casefold(), []).append(i)
    want = (names, {w: tuple(v) for w, v in index.items()}, tuple(math.log(max(2, s)) for s in sizes))
    assert sw._lists() == want


@pytest.mark.parametrize("chrome", ["Unsere Angebote für Sie:", "Our offers for you:", "Sie befinden sich hier:"])
def test_no_title_rather_than_a_chrome_line_when_no_line_reads_as_a_headline(chrome):
    # no line before the text reads as a headline: a label ending in a colon and a menu
    # are no headline, so the page has none (its id is shown) rather than a wrong one
    text = page(chrome, "* Abo", "* Shop", "", PARA[0], "", PARA[1], "", PARA[2])
    art = clean(doc(text), load_rules())
    assert art.meta.title == ""
    assert "title" not in [ln.role for ln in art.lines]
    assert by_text(art)[chrome][0] == "drop"
    assert [ln.role for ln in art.lines][-3:] == ["body", "body", "body"]



def test_a_page_without_a_headline_says_why_on_its_source_page():
    from mkdocs_china_belarus.render import source_page

    text = page("Unsere Angebote für Sie:", "* Abo", "* Shop", "", PARA[0], "", PARA[1], "", PARA[2])
    art = clean(doc(text, id="no-headline"), load_rules())
    md = source_page(art)
    assert "# no\\-headline" in md  # the id, escaped for Markdown
    assert "<th>Headline</th><td>none found: no line before the text reads as one" in md
    headed = clean(doc(page("Leaders open a new logistics centre", "", PARA[0], "", PARA[1])), load_rules())
    assert "<th>Headline</th>" not in source_page(headed)


def _stop_index_word_by_word() -> dict[str, tuple[int, ...]]:
    import pkgutil

    import justext

    index: dict[str, tuple[int, ...]] = {}
    for i, name in enumerate(sorted(justext.get_stoplists())):
        lines = (pkgutil.get_data("justext", f"stoplists/{name}.txt") or b"").splitlines()
        for w in frozenset(b"\n".join(lines).decode("utf8").lower().split("\n")) if lines else frozenset():
            k = w.casefold()
            index[k] = index.get(k, ()) + (i,)
    return index


def test_stop_list_index_is_the_word_by_word_one():
    """The index built with set operations is the one built a word at a time, words
    that fold to one key ("straße", "strasse") counted once per word of the list."""
    names, index, _ = sw._lists()
    assert index == _stop_index_word_by_word()
    assert any(len(v) != len(set(v)) for v in index.values())  # the case the set path must keep
    assert len(names) > 50 and names.index("English") in index["the"]
