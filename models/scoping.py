"""One cluster's view of the database: a filter on every ORM query of a session.

A session restricted to some clusters (`restrict`) finds only their units, plans, plan items,
original files, reports, findings, matches, corrections and scores, whatever query runs on it:
the read model, scoring and the review page need no cluster parameter of their own. The hook
is installed on a session factory (`install`); `cluster_session` gives a command one cluster's view.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import and_, event, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from thidua.core.settings import Settings
from thidua.models.tables import Cluster, Correction, Finding, Match, Plan, PlanItem, Report, Score, SourceFile, Unit

#: session.info key holding the cluster ids a session may see (absent: no filter).
INFO_KEY = "cluster_ids"


def _criteria(ids: list[int]) -> list[Any]:
    """Loader criteria restricting every cluster-owned table to these clusters."""
    reports = select(Report.id).where(Report.cluster_id.in_(ids))
    units = select(Unit.id).where(Unit.cluster_id.in_(ids))
    plans = select(Plan.id).where(Plan.cluster_id.in_(ids))
    items = select(PlanItem.id).where(PlanItem.plan_id.in_(plans))
    return [
        with_loader_criteria(Cluster, Cluster.id.in_(ids)),
        with_loader_criteria(Unit, Unit.cluster_id.in_(ids)),
        with_loader_criteria(Plan, Plan.cluster_id.in_(ids)),
        with_loader_criteria(PlanItem, PlanItem.plan_id.in_(plans)),
        with_loader_criteria(SourceFile, SourceFile.cluster_id.in_(ids)),
        with_loader_criteria(Report, Report.cluster_id.in_(ids)),
        with_loader_criteria(Finding, Finding.report_id.in_(reports)),
        with_loader_criteria(Match, Match.plan_item_id.in_(items)),
        # A correction of a report whose unit is unknown belongs where the finding decided on does.
        with_loader_criteria(
            Correction,
            or_(
                Correction.unit_id.in_(units),
                and_(Correction.unit_id.is_(None), Correction.finding_id.in_(select(Finding.id).where(Finding.report_id.in_(reports)))),
            ),
        ),
        with_loader_criteria(Score, Score.cluster_id.in_(ids)),
    ]


def _scope_query(state: ORMExecuteState) -> None:
    ids = state.session.info.get(INFO_KEY)
    if ids is None or not (state.is_select or state.is_update or state.is_delete):
        return
    state.statement = state.statement.options(*_criteria(list(ids)))


def install(factory: sessionmaker[Session]) -> None:
    """Let sessions of this factory be restricted to clusters (`restrict`)."""
    event.listen(factory, "do_orm_execute", _scope_query)


def restrict(session: Session, cluster_ids: list[int] | None) -> None:
    """From now on the session sees only these clusters (None: all; []: none)."""
    if cluster_ids is None:
        session.info.pop(INFO_KEY, None)
    else:
        session.info[INFO_KEY] = list(cluster_ids)
    session.expire_all()  # objects loaded before are reloaded under the filter


def cluster_settings(settings: Settings, cluster: Cluster) -> Settings:
    """The settings with the cluster's own units file (its lexicon, the scoring table beside it)."""
    from thidua.models.clusters import cluster_units_file

    path = cluster_units_file(cluster)
    if path is None or Path(path) == settings.units_file:
        return settings
    return settings.model_copy(update={"units_file": Path(path)})


@contextlib.contextmanager
def cluster_session(settings: Settings | None = None, key: str | None = None) -> Iterator[tuple[Session, Cluster, Settings]]:
    """A session in one transaction that sees one cluster only, the cluster, and its settings.

    `key`: the cluster's (default THIDUA_CLUSTER or the only one; models.clusters.resolve_cluster).
    """
    from thidua.models.clusters import resolve_cluster
    from thidua.models.db import session_factory, transaction

    settings = settings or Settings.from_env()
    factory = session_factory(settings)
    install(factory)
    with transaction(factory) as session:
        cluster = resolve_cluster(session, key, settings)
        session.flush()
        restrict(session, [cluster.id])
        yield session, cluster, cluster_settings(settings, cluster)


def session_settings(session: Session, settings: Settings | None = None) -> Settings:
    """The settings of the one cluster a restricted session sees (its units file), else the settings."""
    settings = settings or Settings.from_env()
    ids = session.info.get(INFO_KEY)
    if not ids or len(ids) != 1:
        return settings
    cluster = session.get(Cluster, ids[0])
    return cluster_settings(settings, cluster) if cluster is not None else settings
