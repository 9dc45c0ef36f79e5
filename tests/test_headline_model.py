"""The headline ranker (`linemodel.headline`): the model file's checks, its arithmetic,
and the headline it picks on pages written for these tests (tests/fixtures/headlines)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.linemodel import headline as HL
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules

PAGES = Path(__file__).parent / "fixtures" / "headlines"


def _file(**changes) -> dict:
    n = len(HL.NAMES)
    data = HL.export([0.0] * n, [1.0] * n, [0.0] * n, 0.0)
    data.update(changes)
    return data


def _title(name: str) -> str | None:
    text = (PAGES / name).read_text(encoding="utf-8")
    return clean(Document(id=name, source_path=name, sha256="", encoding="utf-8", text=text), load_rules()).meta.title


def test_the_shipped_model_loads_with_this_modules_features():
    model = HL.load_model()
    assert len(model.coef) == len(model.mean) == len(model.scale) == len(HL.NAMES)
    assert all(math.isfinite(c) for c in model.coef) and any(c != 0 for c in model.coef)
    assert model.info.get("source") == "webtext train split"


@pytest.mark.parametrize("changes, problem", [
    ({"format": "something-else"}, "not a headline model"),
    ({"names": list(HL.NAMES[:-1]) + ["other"]}, "feature names do not match"),
    ({"coef": [0.0, 1.0]}, "'coef' must be a list of"),
    ({"mean": [float("nan")] * len(HL.NAMES)}, "'mean' holds a value that is not a finite number"),
    ({"scale": [True] * len(HL.NAMES)}, "'scale' holds a value that is not a finite number"),
    ({"scale": [0.0] * len(HL.NAMES)}, "'scale' values must be positive"),
    ({"intercept": "high"}, "'intercept' must be a finite number"),
])
def test_a_malformed_model_file_names_the_file_and_the_problem(tmp_path, changes, problem):
    path = tmp_path / "headline.json"
    path.write_text(json.dumps(_file(**changes)), encoding="utf-8")
    with pytest.raises(HL.HeadlineModelError) as err:
        HL.load_model(str(path))
    assert str(path) in str(err.value) and problem in str(err.value)


def test_a_model_file_that_is_not_json_or_not_there_is_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(HL.HeadlineModelError, match="bad.json: not valid JSON"):
        HL.load_model(str(bad))
    with pytest.raises(HL.HeadlineModelError, match="missing.json: cannot be read"):
        HL.load_model(str(tmp_path / "missing.json"))


def test_best_is_the_highest_score_and_the_first_of_equals():
    n = len(HL.NAMES)
    coef = [0.0] * n
    coef[HL.NAMES.index("log_words")] = 2.0  # more words, higher score
    scale = [1.0] * n
    scale[HL.NAMES.index("log_words")] = 0.5
    model = HL.parse_model("m.json", json.dumps(HL.export([0.0] * n, scale, coef, -1.0)))
    short, long_ = ([0.0] * n for _ in range(2))
    short[HL.NAMES.index("log_words")] = math.log1p(3)
    long_[HL.NAMES.index("log_words")] = math.log1p(9)
    assert model.best([short, long_, short]) == 1
    assert model.best([short, short]) == 0
    assert model.best([]) is None
    assert model.logit(long_) == pytest.approx(-1.0 + 2.0 * math.log1p(9) / 0.5)
    assert 0.5 < model.probability(long_) < 1.0


def test_row_reads_what_the_line_looks_like():
    names = HL.NAMES
    r = dict(zip(names, HL.row("Home | Politics: Budget 2024 passes?", rule_score=1.5, p_text=0.4, words=6,
                               distance=3, gap=1, repeated=True, heads_text=False, lexicon=-0.5,
                               teaser_block=False, rank=2, after_dropped=True, p_next=0.9)))
    assert len(r) == len(names)
    assert r["separator"] == 1.0 and r["colon"] == 1.0 and r["question"] == 1.0 and r["period"] == 0.0
    assert r["capitalised"] == pytest.approx(3 / 6)  # Home, Politics: and Budget, of 6 tokens ("|" is one)
    assert r["digits"] == pytest.approx(4 / len("Home | Politics: Budget 2024 passes?"))
    assert r["distance"] == pytest.approx(0.3) and r["rank"] == 2.0 and r["not_first"] == 1.0
    assert r["repeated"] == 1.0 and r["after_dropped"] == 1.0 and r["short"] == 0.0
    far = dict(zip(names, HL.row("x", rule_score=0, p_text=0, words=1, distance=400, gap=0, repeated=False,
                                 heads_text=True, lexicon=0, teaser_block=True, rank=0, after_dropped=False,
                                 p_next=0)))
    assert far["distance"] == 4.0 and far["short"] == 1.0 and far["not_first"] == 0.0 and far["teaser_block"] == 1.0
    cjk = dict(zip(names, HL.row("两国领导人在北京举行会谈。", rule_score=0, p_text=0, words=6, distance=0, gap=0,
                                 repeated=False, heads_text=True, lexicon=0, teaser_block=False, rank=0,
                                 after_dropped=False, p_next=0)))
    assert cjk["period"] == 1.0 and cjk["question"] == 0.0


@pytest.mark.parametrize("page, headline", [
    ("section_label_above.txt", "Phone makers race to open factories in India as demand keeps growing"),
    ("translator_above.txt", "New bridge over the river opens after four years of building work"),
    ("credit_below.txt", "New estate version of the compact saloon spotted during winter testing"),
    ("blog_post.txt", "How we moved our team to a four-day week"),
    # The hand-written score alone took the deck right above the text (it heads the
    # paragraph); on real pages the headline comes before its deck and section label.
    ("deck_below.txt", "Flood defences hold as the river reaches a record level"),
    ("section_and_deck_below.txt", "Parliament approves the new budget after a long night of debate"),
])
def test_the_headline_is_picked_on_pages_written_for_the_test(page, headline):
    assert _title(page) == headline
