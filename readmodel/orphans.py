"""Corrections in force whose key no longer has a machine finding (listed for re-checking)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.models.tables import Unit
from thidua.readmodel.corrections import in_force, made_on_machine_value
from thidua.readmodel.queries import corrections_of, machine_figures, machine_tasks
from thidua.readmodel.values import OrphanCorrection


def orphan_corrections(session: Session, year: int) -> list[OrphanCorrection]:
    """Corrections in force whose key has no finding in the current reports any more.

    Reviewers' additions (a "change" on a key the machine never had, made on no finding) are not
    orphans; a "reject" or "accept" with nothing to act on, or a change of a finding that is gone,
    are. Their values still count in the matrix (a reviewer's decision is never dropped); the
    review page lists them so someone re-checks them against the new reading.
    """
    units = {u.id: u.name for u in session.scalars(select(Unit))}
    unit_ids = list(units)
    tasks = machine_tasks(session, year, unit_ids)
    figures = machine_figures(session, year, unit_ids)
    out = []
    for target, name, machine in (("task", "plan_item_code", tasks), ("figure", "metric", figures)):
        for key, c in in_force(corrections_of(session, target, year, unit_ids), name).items():
            moved_from = (c.new_value or {}).get("moved_from")
            backed = key in machine or (moved_from is not None and (key[0], key[1], str(moved_from)) in machine)
            if backed:
                continue
            if c.field in ("reject", "accept", "plan_item"):
                reason = "không còn phát hiện nào của máy cho mục này"
            elif made_on_machine_value(c):
                reason = "phát hiện được sửa không còn trong báo cáo hiện hành"
            else:
                continue
            out.append(
                OrphanCorrection(
                    c.id, target, units.get(key[0]), key[1], key[2], c.field, dict(c.new_value or {}),
                    c.created_at, reason,
                )
            )
    return sorted(out, key=lambda o: o.correction_id)
