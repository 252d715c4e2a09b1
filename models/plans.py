"""Storing units and plans, and reading the active plan back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from thidua.core.plan import PlanSpec
from thidua.core.units import UnitSpec
from thidua.models.originals import OriginalsStore, store_original
from thidua.models.tables import Cluster, Plan, PlanItem, SourceFile, Unit


def sync_units(session: Session, units: list[UnitSpec], cluster: Cluster | None = None) -> dict[str, Unit]:
    """Insert or update a cluster's units (default: the only cluster, models.clusters.resolve_cluster)."""
    from thidua.models.clusters import resolve_cluster, sync_cluster_units

    return sync_cluster_units(session, cluster or resolve_cluster(session), units)


def register_source_file(
    session: Session,
    path: Path,
    originals: OriginalsStore | str | Path,
    status: str = "received",
    cluster: Cluster | None = None,
) -> SourceFile:
    """Store a file's original and return its row (the existing row when the bytes were seen before).

    `originals`: the store, or its root; the row keeps the original's key relative to the root.
    `cluster`: the cluster it came for (kept on a new row).
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
            cluster_id=cluster.id if cluster else None,
        )
        session.add(row)
        session.flush()
    return row


def save_plan(
    session: Session, spec: PlanSpec, source: SourceFile | None = None, cluster: Cluster | None = None
) -> Plan:
    """Store a plan as its cluster's active plan of its year (earlier plans of that year stay, inactive).

    `cluster`: default the only cluster (models.clusters.resolve_cluster).
    """
    from thidua.models.clusters import resolve_cluster

    cluster = cluster or resolve_cluster(session)
    session.execute(
        update(Plan).where(Plan.year == spec.year, Plan.cluster_id == cluster.id, Plan.active.is_(True)).values(active=False)
    )
    session.flush()
    plan = Plan(
        cluster_id=cluster.id, year=spec.year, title=spec.title, source_file_id=source.id if source else None, active=True
    )
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


def active_plan(session: Session, year: int | None = None, cluster_id: int | None = None) -> Plan | None:
    """The active plan of a year (the latest year when none is given) of a cluster (any when None)."""
    q = select(Plan).where(Plan.active.is_(True)).options(selectinload(Plan.items))
    if cluster_id is not None:
        q = q.where(Plan.cluster_id == cluster_id)
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
