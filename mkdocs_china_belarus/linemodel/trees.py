"""The line model as data: two ensembles of regression trees, evaluated with numpy.

The model file (`data/line_model.json`, written by `scripts/train_line_model.py`) holds,
per stage, the feature names it was trained on, a baseline log-odds and the trees as
flat arrays (feature, threshold, left, right, leaf value). Loading checks every array
and the feature names against `features.py`, and names the file and the problem when
they do not fit. All trees of a stage are walked together, one numpy step per level.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from . import features as F

FORMAT = "china-belarus-line-model/1"
CHUNK = 512  # rows walked at once
DEFAULT = "line_model.json"


class ModelFileError(ValueError):
    """The model file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Ensemble:
    names: tuple[str, ...]
    baseline: float
    feature: np.ndarray  # (trees, nodes) int
    threshold: np.ndarray  # (trees, nodes) float
    left: np.ndarray  # (trees, nodes) int; a leaf points to itself
    right: np.ndarray
    value: np.ndarray  # (trees, nodes) float, leaf values (0 on inner nodes)
    depth: int

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for each row of x: every tree walked at once, one level per step.

        The trees are laid out as complete binary trees in heap order (see `_levels`),
        so a walk needs no child lookup: at level d the node's index over all trees is
        g, and its children are 2g and 2g + 1 at level d + 1."""
        n = x.shape[0]
        if n == 0:
            return np.zeros(0)
        if n > CHUNK:  # the walk's arrays are trees × rows: chunks keep them in cache, and the cost linear
            return np.concatenate([self.raw(x[k:k + CHUNK]) for k in range(0, n, CHUNK)])
        feats, thrs, leaves = self._levels()
        xs = np.ascontiguousarray(x, dtype=np.float64).ravel()
        rows = np.arange(n, dtype=np.int32) * np.int32(x.shape[1])
        t = self.feature.shape[0]
        g = np.repeat(np.arange(t, dtype=np.int32)[:, None], n, axis=1)  # node at level 0: the root
        for feat, thr in zip(feats, thrs):
            right = np.take(xs, np.take(feat, g) + rows) > np.take(thr, g)
            g += g
            g += right
        return self.baseline + np.take(leaves, g).sum(axis=0)

    def _levels(self) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        """Per level d, each tree's 2**d nodes' feature and threshold (flat, tree-major),
        and the 2**depth leaf values per tree. A leaf above the last level is padded with
        a node whose two subtrees carry its value, so every walk has `depth` steps."""
        cached = self.__dict__.get("_levels_cache")
        if cached is None:
            t, depth = self.feature.shape[0], self.depth
            feats = [np.zeros((t, 1 << d), dtype=np.int32) for d in range(depth)]
            thrs = [np.zeros((t, 1 << d)) for d in range(depth)]
            leaves = np.zeros((t, 1 << depth))
            fe, th, le, ri, va = (a.tolist() for a in (self.feature, self.threshold, self.left, self.right, self.value))
            for k in range(t):
                stack = [(0, 0, 0)]  # node, level, position in the level
                while stack:
                    node, d, pos = stack.pop()
                    if le[k][node] == node and ri[k][node] == node:  # a leaf: fill its span below
                        span = 1 << (depth - d)
                        leaves[k, pos * span:(pos + 1) * span] = va[k][node]
                        continue
                    feats[d][k, pos] = fe[k][node]
                    thrs[d][k, pos] = th[k][node]
                    stack.append((le[k][node], d + 1, 2 * pos))
                    stack.append((ri[k][node], d + 1, 2 * pos + 1))
            # A padded node (feature 0, threshold 0) sends rows either way: both halves
            # below it hold the same leaf value.
            cached = ([f.ravel() for f in feats], [h.ravel() for h in thrs], leaves.ravel())
            object.__setattr__(self, "_levels_cache", cached)
        return cached


@dataclass(frozen=True)
class LineModel:
    stage1: Ensemble
    stage2: Ensemble
    threshold: float
    lexicon: dict[str, float]
    fingerprint: str
    info: dict

    def score(self, x1: np.ndarray) -> np.ndarray:
        """P(article text) for each line, from the stage-1 feature matrix."""
        if x1.shape[0] == 0:
            return np.zeros(0)
        p1 = _sigmoid(self.stage1.raw(x1))
        return _sigmoid(self.stage2.raw(F.context_features(x1, p1)))

    def scores(self, x1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(stage-1 scores, final scores)."""
        if x1.shape[0] == 0:
            return np.zeros(0), np.zeros(0)
        p1 = _sigmoid(self.stage1.raw(x1))
        return p1, _sigmoid(self.stage2.raw(F.context_features(x1, p1)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


# -- export (training time) ----------------------------------------------------------

def _export_ensemble(model, names: tuple[str, ...]) -> dict:
    trees = []
    for (pred,) in model._predictors:
        nodes = pred.nodes
        trees.append({
            "feature": [int(v) for v in nodes["feature_idx"]],
            "threshold": [float(v) for v in nodes["num_threshold"]],
            "left": [int(i) if not leaf else j for j, (i, leaf) in enumerate(zip(nodes["left"], nodes["is_leaf"]))],
            "right": [int(i) if not leaf else j for j, (i, leaf) in enumerate(zip(nodes["right"], nodes["is_leaf"]))],
            "value": [round(float(v), 6) if leaf else 0.0 for v, leaf in zip(nodes["value"], nodes["is_leaf"])],
        })
    return {"names": list(names), "baseline": float(np.ravel(model._baseline_prediction)[0]), "trees": trees}


def export(stage1, stage2, threshold: float, lexicon: dict[str, float], **info) -> dict:
    """The model file's content from two fitted HistGradientBoostingClassifiers."""
    return {"format": FORMAT, "threshold": threshold, "info": info, "lexicon": dict(sorted(lexicon.items())),
            "stage1": _export_ensemble(stage1, F.STAGE1_NAMES),
            "stage2": _export_ensemble(stage2, F.STAGE2_NAMES)}


# -- load (run time) -----------------------------------------------------------------

def _ensemble(path: str, stage: str, data: object, names: tuple[str, ...]) -> Ensemble:
    where = f"{path}: {stage}"
    if not isinstance(data, dict):
        raise ModelFileError(f"{where}: must be a mapping with 'names', 'baseline', 'trees'")
    if tuple(data.get("names") or ()) != names:
        raise ModelFileError(f"{where}: feature names do not match this version of the package "
                             "(retrain with scripts/train_line_model.py)")
    trees = data.get("trees")
    if not isinstance(trees, list) or not trees:
        raise ModelFileError(f"{where}: 'trees' must be a non-empty list")
    width = 0
    for i, tree in enumerate(trees):
        if not isinstance(tree, dict) or set(tree) != {"feature", "threshold", "left", "right", "value"}:
            raise ModelFileError(f"{where}: tree {i}: must have feature, threshold, left, right, value")
        sizes = {len(v) if isinstance(v, list) else -1 for v in tree.values()}
        if len(sizes) != 1 or -1 in sizes or 0 in sizes:
            raise ModelFileError(f"{where}: tree {i}: arrays must be non-empty lists of one length")
        width = max(width, sizes.pop())
    shape = (len(trees), width)
    feature = np.zeros(shape, dtype=np.int32)
    threshold = np.zeros(shape)
    left = np.zeros(shape, dtype=np.int32)
    right = np.zeros(shape, dtype=np.int32)
    value = np.zeros(shape)
    for i, tree in enumerate(trees):
        k = len(tree["feature"])
        try:
            feature[i, :k] = tree["feature"]
            threshold[i, :k] = tree["threshold"]
            left[i, :k] = tree["left"]
            right[i, :k] = tree["right"]
            value[i, :k] = tree["value"]
        except (TypeError, ValueError) as exc:
            raise ModelFileError(f"{where}: tree {i}: not numeric: {exc}") from None
        if (feature[i, :k] < 0).any() or (feature[i, :k] >= len(names)).any():
            raise ModelFileError(f"{where}: tree {i}: feature index out of range")
        for arr, what in ((left, "left"), (right, "right")):
            if (arr[i, :k] < 0).any() or (arr[i, :k] >= k).any():
                raise ModelFileError(f"{where}: tree {i}: '{what}' child index out of range")
        if not np.isfinite(threshold[i, :k]).all() or not np.isfinite(value[i, :k]).all():
            raise ModelFileError(f"{where}: tree {i}: thresholds and values must be finite")
    depth = _depth(left, right)
    if depth is None:
        raise ModelFileError(f"{where}: a tree has a cycle")
    baseline = data.get("baseline")
    if not isinstance(baseline, (int, float)):
        raise ModelFileError(f"{where}: 'baseline' must be a number")
    return Ensemble(names=names, baseline=float(baseline), feature=feature, threshold=threshold,
                    left=left, right=right, value=value, depth=depth)


def _depth(left: np.ndarray, right: np.ndarray) -> int | None:
    """Levels needed until every walk reaches a leaf (a leaf points to itself), or None
    when some walk never does (a cycle)."""
    deepest = 0
    for lt, rt in zip(left.tolist(), right.tolist()):
        stack = [(0, 0)]
        while stack:
            node, d = stack.pop()
            if lt[node] == node and rt[node] == node:
                deepest = max(deepest, d)
                continue
            if d >= len(lt):
                return None
            stack.append((lt[node], d + 1))
            stack.append((rt[node], d + 1))
    return deepest


def model_data(path: str, text: str, fmt: str, what: str, error: type[ValueError]) -> dict:
    """A model file's JSON object, checked to be of format `fmt`; else `error`, naming
    the file and the problem."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise error(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise error(f"{path}: not {what} (expected format {fmt!r})")
    return data


def parse_model(path: str, text: str) -> LineModel:
    data = model_data(path, text, FORMAT, "a line model", ModelFileError)
    thr = data.get("threshold")
    if not isinstance(thr, (int, float)) or not 0 < thr < 1:
        raise ModelFileError(f"{path}: 'threshold' must be a number between 0 and 1")
    lexicon = data.get("lexicon")
    if not isinstance(lexicon, dict) or not all(isinstance(k, str) and isinstance(v, (int, float))
                                                 for k, v in lexicon.items()):
        raise ModelFileError(f"{path}: 'lexicon' must map words to numbers")
    return LineModel(stage1=_ensemble(path, "stage1", data.get("stage1"), F.STAGE1_NAMES),
                     stage2=_ensemble(path, "stage2", data.get("stage2"), F.STAGE2_NAMES),
                     threshold=float(thr), lexicon={k: float(v) for k, v in lexicon.items()},
                     fingerprint=hashlib.sha256(text.encode()).hexdigest()[:16],
                     info=data.get("info") or {})


def model_text(path: str | None, default: str, error: type[ValueError]) -> tuple[str, str]:
    """(the name to show, the text) of the shipped model file `data/<default>`, or of
    the file at `path`; a file that cannot be read raises `error`, naming it."""
    if path is None:
        text = resources.files("mkdocs_china_belarus").joinpath("data").joinpath(default).read_text(encoding="utf-8")
        return f"mkdocs_china_belarus/data/{default}", text
    try:
        return path, Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot be read: {exc.strerror or exc}") from None


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LineModel:
    """The shipped model, or the one at `path`."""
    return parse_model(*model_text(path, DEFAULT, ModelFileError))
