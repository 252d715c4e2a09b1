"""SQLAlchemy 2 typed models: clusters, units, plans, files, reports, findings, matches, reviews, scores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    func,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every table."""

    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


#: The rows of `reports` that count (migration 0004's partial unique indexes).
_CURRENT = "is_current AND unit_id IS NOT NULL AND year IS NOT NULL AND period_kind IS NOT NULL"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Cluster(Base):
    """An emulation cluster (Cụm or Khối thi đua) of a province: its own members, plans, inbox, reviewers."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The slug commands name it by (`--cluster KEY`) and its inbox's subfolder (`<inbox>/<key>/`).
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(Text)
    province: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The units file last imported for it: its [lexicon] table and the scoring table beside it.
    units_file: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


#: Which clusters a reviewer may see (admins see every cluster); migration 0006.
user_clusters = Table(
    "user_clusters",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
)


class Unit(Base):
    """A member district of a cluster; `role` is "head" (Trưởng Cụm) or "member"."""

    __tablename__ = "units"
    # District names repeat across provinces (and clusters): unique within one cluster only.
    __table_args__ = (UniqueConstraint("cluster_id", "name", name="uq_units_cluster_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default="member")
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class Plan(Base):
    """A cluster's plan for one year, imported from a Word or PDF file."""

    __tablename__ = "plans"
    # One active plan per cluster and year (migration 0006).
    __table_args__ = (
        Index(
            "uq_plans_active", "cluster_id", "year", unique=True,
            postgresql_where=text("active"), sqlite_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source_file_id: Mapped[int | None] = mapped_column(ForeignKey("source_files.id"))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    #: Only one plan per cluster and year is active: the last one imported.
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan", order_by="PlanItem.quarter, PlanItem.number", cascade="all, delete-orphan"
    )


class PlanItem(Base):
    """A task of the plan, with the stable id `Q<quarter>-<number>` as `code`."""

    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    #: "all" (every member), "head" (the cluster head only), or "units" (named in `responsible_units`).
    responsible_kind: Mapped[str] = mapped_column(String(20))
    responsible_units: Mapped[list[Any]] = mapped_column(default=list)
    responsible_text: Mapped[str] = mapped_column(Text, default="")
    due_hint: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="items")


class SourceFile(Base):
    """A file received, kept content-addressed by its SHA-256 forever."""

    __tablename__ = "source_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: The cluster whose inbox (or command) it came from; None for a file of no cluster yet.
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"), index=True)
    original_name: Mapped[str] = mapped_column(Text)
    #: The original's key relative to the originals store's root (THIDUA_ORIGINALS), never a path.
    stored_path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    #: "received", "processing", "processed", "failed" or "review" (needs a person, e.g. tool missing).
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    #: Who is processing it now (flow run id or host:pid) and since when: the claim lock.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    processed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Claims taken since the file last finished (a killed run or a timeout leaves one unfinished).
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Report(Base):
    """A district report read from a source file: who, which period, when."""

    __tablename__ = "reports"
    # One current version per unit, year and period (thematic: per document number); migration 0004.
    __table_args__ = (
        Index(
            "uq_reports_current_period", "unit_id", "year", "period_kind", unique=True,
            postgresql_where=text(_CURRENT + " AND period_kind <> 'OTHER'"),
            sqlite_where=text(_CURRENT + " AND period_kind <> 'OTHER'"),
        ),
        Index(
            "uq_reports_current_thematic", "unit_id", "year", "doc_number", unique=True,
            postgresql_where=text(_CURRENT + " AND period_kind = 'OTHER' AND doc_number IS NOT NULL"),
            sqlite_where=text(_CURRENT + " AND period_kind = 'OTHER' AND doc_number IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_file_id: Mapped[int] = mapped_column(ForeignKey("source_files.id"), index=True)
    #: The cluster the report was read for (its file's cluster): what scopes it for reviewers.
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    period_kind: Mapped[str | None] = mapped_column(String(10))
    doc_number: Mapped[str | None] = mapped_column(String(100))
    report_date: Mapped[dt.date | None] = mapped_column(Date)
    source_format: Mapped[str] = mapped_column(String(10), default="")
    extracted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    extractor_version: Mapped[str] = mapped_column(String(40), default="")
    #: False once a newer report of the same unit and period supersedes it (kept as history).
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))

    unit: Mapped[Unit | None] = relationship()
    source_file: Mapped[SourceFile] = relationship()
    findings: Mapped[list[Finding]] = relationship(back_populates="report", cascade="all, delete-orphan")


class Finding(Base):
    """One thing the extractor found in a report, with its provenance and confidence."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    #: "unit", "period", "report_date", "doc_number", "task" or "figure".
    kind: Mapped[str] = mapped_column(String(20), index=True)
    #: The metric for figures (`bang_khen_tinh.tap_the`), None otherwise.
    metric: Mapped[str | None] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(20))
    date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer)
    block: Mapped[int | None] = mapped_column(Integer)
    row: Mapped[int | None] = mapped_column(Integer)
    col: Mapped[int | None] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    report: Mapped[Report] = relationship(back_populates="findings")
    matches: Mapped[list[Match]] = relationship(back_populates="finding", cascade="all, delete-orphan")


class Match(Base):
    """A task finding linked to a plan item: the machine's view of one cell of the matrix."""

    __tablename__ = "matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), index=True)
    plan_item_id: Mapped[int] = mapped_column(ForeignKey("plan_items.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date | None] = mapped_column(Date)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text, default="")

    finding: Mapped[Finding] = relationship(back_populates="matches")
    plan_item: Mapped[PlanItem] = relationship()


class User(Base):
    """A person who logs in to the review page; `role` is "reviewer" or "admin"."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20), default="reviewer")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    #: The clusters a reviewer may see; ignored for admins, who see all.
    clusters: Mapped[list[Cluster]] = relationship(secondary=user_clusters, order_by="Cluster.key")


class Correction(Base):
    """A reviewer's decision, append-only, keyed to its meaning so it survives reprocessing.

    The key is (unit, year, period kind, plan item code) for tasks and (unit, year, period kind,
    metric) for figures; `field` says what was decided and `old_value`/`new_value` hold it.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, server_default=func.now())
    #: "task", "figure" or "report".
    target: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    period_kind: Mapped[str | None] = mapped_column(String(10))
    plan_item_code: Mapped[str | None] = mapped_column(String(20))
    metric: Mapped[str | None] = mapped_column(String(80))
    #: "accept", "reject", "status", "date", "value", "plan_item", "unit", "period"...
    field: Mapped[str] = mapped_column(String(30))
    old_value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    new_value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The finding the reviewer was looking at (context only: the key above is what counts).
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship()


class Score(Base):
    """Points of one unit on one criterion of a year's scoring table, with their evidence."""

    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("year", "unit_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    criterion: Mapped[str] = mapped_column(String(80))
    points: Mapped[float] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    #: True when any point rests on a finding no reviewer has confirmed.
    unreviewed: Mapped[bool] = mapped_column(Boolean, default=True)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class FlowRunSummary(Base):
    """What one run of the inbox flow did (files processed, failed, new findings)."""

    __tablename__ = "flow_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)


def _only_cluster(connection: Any) -> int | None:
    ids = connection.execute(select(Cluster.id).limit(2)).scalars().all()
    return ids[0] if len(ids) == 1 else None


@event.listens_for(Report, "before_insert")
def _report_cluster(_mapper: Any, connection: Any, target: Report) -> None:
    """A report stored without its cluster gets its unit's (else the only cluster): every report has one."""
    if target.cluster_id is None:
        if target.unit_id is not None:
            target.cluster_id = connection.execute(select(Unit.cluster_id).where(Unit.id == target.unit_id)).scalar()
        if target.cluster_id is None:
            target.cluster_id = _only_cluster(connection)


@event.listens_for(SourceFile, "before_insert")
def _source_file_cluster(_mapper: Any, connection: Any, target: SourceFile) -> None:
    """A file received for no cluster in a single-cluster database is that cluster's."""
    if target.cluster_id is None:
        target.cluster_id = _only_cluster(connection)
