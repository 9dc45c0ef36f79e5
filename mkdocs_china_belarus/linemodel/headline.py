"""The headline ranker as data: a logistic regression over the lines that may head the
article, learned from real pages.

The cleaner lists the candidate lines just above the main run of text (lines a rule
dropped, dates, bylines, addresses and sentences of the text are never candidates:
`clean._title_score` rules them out) and describes each with the numbers of `NAMES`.
This model weighs those numbers and the cleaner takes the candidate it scores highest.

The model file (`data/headline_model.json`, written by `scripts/train_headline_model.py`
from the webtext corpus' `train` split) holds the feature names, the standardisation
(mean, scale) and the weights. Loading checks that the names are this module's and
that every number is finite, and names the file and the problem when they are not.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .trees import model_data, model_text

FORMAT = "china-belarus-headline-model/1"
DEFAULT = "headline_model.json"

# What the cleaner knows of a candidate line (see `row`), in the model's column order.
NAMES = ("rule_score", "p_text", "log_words", "distance", "gap", "repeated", "heads_text", "period",
         "question", "colon", "lexicon", "capitalised", "digits", "separator", "teaser_block", "rank",
         "not_first", "after_dropped", "p_next", "length", "short")

_SEPARATOR = re.compile(r"[|»›>·•/]|\s[-–—]\s")



class HeadlineModelError(ValueError):
    """The model file is malformed; the message names the file and the problem."""


def row(text: str, *, rule_score: float, p_text: float, words: int, distance: int, gap: int,
        repeated: bool, heads_text: bool, lexicon: float, teaser_block: bool, rank: int,
        after_dropped: bool, p_next: float) -> list[float]:
    """The features of one candidate, in `NAMES` order.

    `rule_score`: the hand-written headline score (`clean._title_score`); `p_text`: the
    line model's P(article text); `words`: words (two CJK characters count as one);
    `distance`: lines from the candidate down to the main run's first line; `gap`:
    lines of content between them; `repeated`: the line's text recurs on the page (a
    window title, a breadcrumb, a share text); `heads_text`: a paragraph the model keeps
    follows; `lexicon`: the mean boilerplate log-odds of its words (0 when none is
    known); `teaser_block`: it sits under a "related"/"most read" block marker;
    `rank`: its place among the candidates, from the top; `after_dropped`: the line
    above was dropped by a rule; `p_next`: the model's score of the next free line.

    Whether the line is the page's first is left out on purpose: on the saved web pages
    the model learns from, the first line is the window title, but an analyst's text
    copy often starts with the headline itself."""
    end = text.rstrip()
    tokens = text.split()
    return [
        rule_score, p_text, math.log1p(words), min(distance, 40) / 10, float(gap), float(repeated),
        float(heads_text), float(end.endswith((".", "。"))), float(end.endswith(("?", "!", "？", "！"))),
        float(":" in text or "：" in text),
        lexicon, sum(1 for t in tokens if t[:1].isupper()) / max(1, len(tokens)),
        sum(ch.isdigit() for ch in text) / max(1, len(text)), float(_SEPARATOR.search(text) is not None),
        float(teaser_block), float(rank), float(rank >= 1), float(after_dropped), p_next, len(text) / 100,
        float(words <= 3),
    ]


@dataclass(frozen=True)
class HeadlineModel:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    fingerprint: str
    info: dict

    def logit(self, features: Sequence[float]) -> float:
        return self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, features, self.mean, self.scale))

    def best(self, rows: Sequence[Sequence[float]]) -> int | None:
        """The index of the row scored highest (the first of equals), or None for none."""
        scores = [self.logit(r) for r in rows]
        return max(range(len(scores)), key=scores.__getitem__) if scores else None

    def probability(self, features: Sequence[float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, self.logit(features)))))


def export(mean: Sequence[float], scale: Sequence[float], coef: Sequence[float], intercept: float, **info) -> dict:
    """The model file's content (training time)."""
    return {"format": FORMAT, "names": list(NAMES), "info": info,
            "mean": [round(float(v), 8) for v in mean], "scale": [round(float(v), 8) for v in scale],
            "coef": [round(float(v), 8) for v in coef], "intercept": round(float(intercept), 8)}


def parse_model(path: str, text: str) -> HeadlineModel:
    data = model_data(path, text, FORMAT, "a headline model", HeadlineModelError)
    if tuple(data.get("names") or ()) != NAMES:
        raise HeadlineModelError(f"{path}: feature names do not match this version of the package "
                                 "(retrain with scripts/train_headline_model.py)")
    arrays = {}
    for key in ("mean", "scale", "coef"):
        values = data.get(key)
        if not isinstance(values, list) or len(values) != len(NAMES):
            raise HeadlineModelError(f"{path}: '{key}' must be a list of {len(NAMES)} numbers")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values):
            raise HeadlineModelError(f"{path}: '{key}' holds a value that is not a finite number")
        arrays[key] = tuple(float(v) for v in values)
    if any(s <= 0 for s in arrays["scale"]):
        raise HeadlineModelError(f"{path}: 'scale' values must be positive")
    intercept = data.get("intercept")
    if not isinstance(intercept, (int, float)) or isinstance(intercept, bool) or not math.isfinite(intercept):
        raise HeadlineModelError(f"{path}: 'intercept' must be a finite number")
    return HeadlineModel(mean=arrays["mean"], scale=arrays["scale"], coef=arrays["coef"], intercept=float(intercept),
                         fingerprint=hashlib.sha256(text.encode()).hexdigest()[:16], info=data.get("info") or {})


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> HeadlineModel:
    """The shipped model, or the one at `path`."""
    return parse_model(*model_text(path, DEFAULT, HeadlineModelError))
