"""The line model's threshold, read off out-of-fold curves (scripts/train_line_model.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from train_line_model import choose_threshold  # noqa: E402

T = [0.2, 0.3, 0.4]


def test_the_mean_curve_decides_not_one_split():
    # alone, the first split would take 0.4 (keep 0.956) and the second 0.3; on the
    # mean curve 0.4 keeps 0.951, under the target
    a = [(0.970, 0.80, 0.877), (0.962, 0.82, 0.885), (0.956, 0.84, 0.894)]
    b = [(0.968, 0.80, 0.876), (0.958, 0.82, 0.884), (0.946, 0.84, 0.890)]
    threshold, (keep, drop, f1) = choose_threshold([a, b], T, 0.955)
    assert threshold == 0.3
    assert keep == pytest.approx(0.960) and drop == pytest.approx(0.82)
    assert choose_threshold([a], T, 0.955)[0] == 0.4


def test_best_f1_among_the_thresholds_that_keep_enough():
    c = [(0.99, 0.70, 0.82), (0.97, 0.85, 0.906), (0.96, 0.84, 0.896)]
    assert choose_threshold([c], T, 0.955)[0] == 0.3


def test_the_threshold_that_keeps_most_when_none_keeps_enough():
    c = [(0.94, 0.70, 0.80), (0.93, 0.85, 0.89), (0.90, 0.88, 0.89)]
    assert choose_threshold([c], T, 0.955)[0] == 0.2
