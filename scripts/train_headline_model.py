#!/usr/bin/env python3
"""Train the cleaner's headline ranker and write `mkdocs_china_belarus/data/headline_model.json`.

    python scripts/train_headline_model.py [--webtext ../shared/datasets/webtext] [--out PATH] [--report]

Reproduces the shipped model file from the `train` split of the webtext corpus. The
`test` split is never read for training or tuning; `--report` measures it afterwards.

Labels. The corpus marks article text and boilerplate, not headlines, so the headline
is read from the page's address: most article addresses end in a slug of the headline's
words ("/2023/05/trinkwasser-in-schwarzenmatt-belastet"). On a page whose slug has four
words or more, the line (of 35 words at most) that holds the largest share of the
slug's words, if that share is 0.6 or more, is the headline (about 380 of 618 train
pages); of lines that cover the slug equally, the shortest (the headline itself, not a
window title "Title | Site" or a breadcrumb ending in it). A candidate is labelled a
headline when its text is that line's (white space and case folded). Pages where no
candidate is a headline teach nothing and are left out.

The candidates and their features are the cleaner's own (`clean._title_candidates`,
`clean._headline_rows`), computed on each page as `clean.clean` computes them. The
model is scikit-learn's LogisticRegression on standardised features (not a run-time
dependency: the package applies the weights itself). Every run also scores 5-fold
cross-validation on train pages (the pages whose chosen line is the headline, against
the hand-written score alone) and records it in the file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs_china_belarus import clean  # noqa: E402
from mkdocs_china_belarus.linemodel import headline as HL  # noqa: E402
from mkdocs_china_belarus.linemodel.trees import load_model  # noqa: E402
from mkdocs_china_belarus.rules import load_rules  # noqa: E402

SEED = 20261203
C = 1.0  # inverse regularisation strength; 0.1, 1 and 10 cross-validate within 4 pages of each other
SLUG_MIN_WORDS = 4
COVER_MIN = 0.6
_NOT_SLUG = {"html", "htm", "php", "aspx", "index", "article", "news", "www", "com", "shtml"}


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s.lower()).encode("ascii", "ignore").decode()


def _tokens(s: str) -> set[str]:
    return {t for t in re.split(r"[^a-z0-9]+", _fold(s)) if len(t) >= 3 and not t.isdigit()}


def slug_words(url: str) -> set[str]:
    """The words of the address's longest path segment, if it reads as a slug."""
    if not url.startswith("http"):
        return set()
    path = re.sub(r"^\w+://[^/]+", "", url).split("?")[0].rstrip("/")
    parts = [p for p in path.split("/") if p]
    best = max(parts, key=lambda p: len(re.split(r"[-_]", p)), default="")
    words = [w for w in re.split(r"[-_.]", best) if w]
    return _tokens(" ".join(words)) - _NOT_SLUG if len(words) >= SLUG_MIN_WORDS else set()


def page_rows(text: str, url: str, rules, model) -> tuple[list[list[float]], list[bool], int] | None:
    """The candidates' features, which are headlines, and the index the hand-written
    score alone picks; None when the address gives no headline."""
    slug = slug_words(url)
    if len(slug) < 3:
        return None
    st = clean._prepare(text)
    st.lexicon = model.lexicon
    clean._score_lines(st, rules, model)
    clean._drop_chrome(st, rules, {})
    cover = {}
    for i, line in enumerate(st.core):
        t = _tokens(line)
        if t and len(line.split()) <= 35:
            cover[i] = len(slug & t) / len(slug)
    best = max(cover.values(), default=0.0)
    if best < COVER_MIN:
        return None
    # of the lines that cover the slug best, the shortest: the headline itself rather
    # than a window title or a breadcrumb that holds it
    gold = min((i for i, c in cover.items() if c >= best - 1e-9), key=lambda i: (len(st.core[i]), i))
    start = clean._main_start(st, rules)
    scored = clean._title_candidates(st, start, rules)
    rows = clean._headline_rows(st, start, scored, rules)
    gk = st.keys[gold]

    def is_headline(i: int) -> bool:
        return st.keys[i] == gk

    labels = [is_headline(i) for i, _ in scored]
    top = max((sc for _, sc in scored), default=0.0)
    rule_pick = next((k for k, (_, sc) in enumerate(scored) if sc >= top - 0.5), -1)  # the former rule
    return rows, labels, rule_pick


def load(webtext: Path, split: str) -> list[tuple[list[list[float]], list[bool], int]]:
    rules, model = load_rules(), load_model()
    out = []
    for rec in json.loads((webtext / "markers.json").read_text(encoding="utf-8")):
        if rec["split"] != split:
            continue
        text = (webtext / "pages" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        got = page_rows(text, rec["url"], rules, model)
        if got is not None:
            out.append(got)
    return out


def fit(pages) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    learn = [p for p in pages if any(p[1])]
    x = np.array([r for rows, _, _ in learn for r in rows])
    y = np.array([lab for _, labels, _ in learn for lab in labels])
    scaler = StandardScaler().fit(x)
    lr = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(scaler.transform(x), y)
    return scaler.mean_, scaler.scale_, lr.coef_[0], float(lr.intercept_[0])


def hits(model: HL.HeadlineModel, pages) -> int:
    return sum(labels[pick] for rows, labels, _ in pages if (pick := model.best(rows)) is not None)


def as_model(mean, scale, coef, intercept) -> HL.HeadlineModel:
    return HL.parse_model("(trained)", json.dumps(HL.export(mean, scale, coef, intercept)))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--webtext", default=str(ROOT.parent / "shared" / "datasets" / "webtext"))
    ap.add_argument("--out", default=str(ROOT / "mkdocs_china_belarus" / "data" / HL.DEFAULT))
    ap.add_argument("--report", action="store_true", help="measure the test split afterwards")
    args = ap.parse_args(argv)
    webtext = Path(args.webtext)
    pages = load(webtext, "train")
    learnable = sum(any(p[1]) for p in pages)
    rule = sum(labels[k] for _, labels, k in pages if k >= 0)
    print(f"train: {len(pages)} pages with a headline from the address, {learnable} with it among the candidates; "
          f"the hand-written score picks it on {rule}")
    info = {"source": "webtext train split", "pages": len(pages), "learnable": learnable, "hand_written": rule}
    fold = np.random.RandomState(SEED).randint(0, 5, len(pages))
    ok = 0
    for k in range(5):
        m = as_model(*fit([p for p, f in zip(pages, fold) if f != k]))
        ok += hits(m, [p for p, f in zip(pages, fold) if f == k])
    print(f"train, 5-fold cross-validated: the ranker picks a headline on {ok} of {len(pages)} pages")
    info["cross_validated"] = ok
    mean, scale, coef, intercept = fit(pages)
    data = HL.export(mean, scale, coef, intercept, **info)
    Path(args.out).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    if args.report:
        test = load(webtext, "test")
        m = as_model(mean, scale, coef, intercept)
        rule_t = sum(labels[k] for _, labels, k in test if k >= 0)
        print(f"test (measured only): {len(test)} pages; ranker {hits(m, test)}, hand-written score {rule_t}, "
              f"headline among the candidates {sum(any(p[1]) for p in test)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
