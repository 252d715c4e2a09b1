"""The read model: what the machine found in current reports, with reviewers' corrections applied.

Shared by `thidua status`, the review page and scoring: the completion matrix (units x plan items),
the effective figures and the orphaned corrections.

Machine results come from the units' *current* reports (`Report.is_current`): their task findings
linked to plan items (`Match`) and their figure findings. Reviewers' corrections
(`models.tables.Correction`, append-only) are keyed to meaning, (unit, year, period kind, plan
item code) for tasks and (unit, year, period kind, metric) for figures, and the newest correction
of a key is in force (models/corrections.py describes the values; readmodel/corrections.py applies them):

- "accept": the value the reviewer saw is confirmed (source "confirmed");
- "change": the reviewer's status/date (or figure value) replaces the machine's (source "changed");
  a move to another plan item is a "reject" on the old key plus a "change" on the new one;
- "reject": the key has no value (the statement does not report that item).

The older per-field decisions "status", "date", "value" (a change of that field only) and
"plan_item" (new_value {"plan_item": code}: the finding moves to that item) are applied too.

A cell's state is the one of the latest report period; the earlier periods are its history.
Corrections whose key no longer has a machine finding are listed by `orphan_corrections`.
"""

from thidua.readmodel.figures import effective_figures
from thidua.readmodel.matrix import completion_matrix
from thidua.readmodel.orphans import orphan_corrections
from thidua.readmodel.queries import done_items
from thidua.readmodel.values import (
    SOURCE_CHANGED,
    SOURCE_CONFIRMED,
    SOURCE_MACHINE,
    Cell,
    Evidence,
    FigureValue,
    Matrix,
    MatrixItem,
    MatrixUnit,
    OrphanCorrection,
    PeriodState,
    period_end,
)

__all__ = [
    "SOURCE_CHANGED",
    "SOURCE_CONFIRMED",
    "SOURCE_MACHINE",
    "Cell",
    "Evidence",
    "FigureValue",
    "Matrix",
    "MatrixItem",
    "MatrixUnit",
    "OrphanCorrection",
    "PeriodState",
    "completion_matrix",
    "done_items",
    "effective_figures",
    "orphan_corrections",
    "period_end",
]
