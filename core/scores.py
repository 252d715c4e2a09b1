"""Precision, recall and F1 from counts: the one definition every evaluation uses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Counts:
    """True positives, false positives and misses, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: Counter[Any], predicted: Counter[Any]) -> None:
        """Add the multiset comparison of one document."""
        tp = sum((expected & predicted).values())
        self.tp += tp
        self.fp += sum(predicted.values()) - tp
        self.fn += sum(expected.values()) - tp

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 1.0 when nothing was predicted and nothing expected."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
