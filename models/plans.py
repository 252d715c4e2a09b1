"""Storing units and plans, and reading the active plan back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from thidua.core.plan import PlanSpec
from thidua.core.units import UnitSpec
from thidua.models.originals import OriginalsStore, store_original
from thidua.models.tables import Plan, PlanItem, SourceFile, Unit


def sync_units(session: Session, units: list[UnitSpec]) -> dict[str, Unit]:
    """Insert or update the units from the units file; return them by name."""
    existing = {u.name: u for u in session.scalars(select(Unit))}
    for spec in units:
        row = existing.get(spec.name)
        if row is None:
            row = Unit(name=spec.name)
            session.add(row)
            existing[spec.name] = row
        row.role = spec.role
        row.aliases = list(spec.aliases)
    session.flush()
    return existing


def register_source_file(
    session: Session, path: Path, originals: OriginalsStore | str | Path, status: str = "received"
) -> SourceFile:
    """Store a file's original and return its row (the existing row when the bytes were seen before).

    `originals`: the store, or its root; the row keeps the original's key relative to the root.
    """
    digest, key = store_original(path, originals)
    row = session.scalar(select(SourceFile).where(SourceFile.sha256 == digest))
    if row is None:
        row = SourceFile(
            sha256=digest,
            original_name=Path(path).name,
            stored_path=key,
            size=Path(path).stat().st_size,
            status=status,
        )
        session.add(row)
        session.flush()
    return row


def save_plan(session: Session, spec: PlanSpec, source: SourceFile | None = None) -> Plan:
    """Store a plan as the active plan of its year (earlier plans of that year stay, inactive)."""
    session.execute(update(Plan).where(Plan.year == spec.year).values(active=False))
    plan = Plan(year=spec.year, title=spec.title, source_file_id=source.id if source else None, active=True)
    plan.items = [
        PlanItem(
            code=i.id,
            quarter=i.quarter,
            number=i.number,
            content=i.content,
            responsible_kind=i.responsible,
            responsible_units=list(i.responsible_units),
            responsible_text=i.responsible_text,
            due_hint=i.due,
            due_date=i.due_date,
            place=i.place,
        )
        for i in spec.items
    ]
    session.add(plan)
    session.flush()
    return plan


def active_plan(session: Session, year: int | None = None) -> Plan | None:
    """The active plan of a year, or of the latest year when none is given."""
    q = select(Plan).where(Plan.active.is_(True)).options(selectinload(Plan.items))
    if year is not None:
        q = q.where(Plan.year == year)
    return session.scalars(q.order_by(Plan.year.desc(), Plan.id.desc())).first()


def plan_item_dict(item: PlanItem) -> dict[str, object]:
    """A plan item as the JSON `thidua plan show --json` prints."""
    return {
        "id": item.code,
        "quarter": item.quarter,
        "number": item.number,
        "content": item.content,
        "responsible": {
            "kind": item.responsible_kind,
            "units": list(item.responsible_units or []),
            "text": item.responsible_text,
        },
        "due": {"hint": item.due_hint, "date": item.due_date.isoformat() if isinstance(item.due_date, dt.date) else None},
        "place": item.place,
    }


def plan_spec(plan: Plan) -> PlanSpec:
    """The stored plan back as the PlanSpec the extractor produced (for matching)."""
    from thidua.core.plan import PlanItemSpec

    return PlanSpec(
        year=plan.year,
        title=plan.title,
        items=[
            PlanItemSpec(
                id=i.code,
                quarter=i.quarter,
                number=i.number,
                content=i.content,
                responsible=i.responsible_kind,
                responsible_units=list(i.responsible_units or []),
                responsible_text=i.responsible_text or "",
                due=i.due_hint,
                due_date=i.due_date,
                place=i.place,
            )
            for i in sorted(plan.items, key=lambda i: (i.quarter, i.number))
        ],
    )
