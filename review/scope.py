"""Which cluster a review-page request sees (models/scoping.py filters every query to it).

A reviewer sees only the clusters assigned to them (`user_clusters`; admins see all), one at a
time: the cluster chosen with `?cluster=KEY` (kept in the login session), else the first one.
`current_user` (review/deps.py) restricts the request's session to it, so reports, findings,
matches, plans, units, originals, corrections and scores of other clusters are not found at all
(a page asking for one answers 404), whatever query a router or the read model runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from thidua.models.clusters import list_clusters, visible_cluster_ids
from thidua.models.scoping import install, restrict
from thidua.models.tables import Cluster, User

#: Login-session key of the chosen cluster.
SESSION_KEY = "cluster"

__all__ = ["SESSION_KEY", "ClusterChoice", "apply", "choose", "install"]


@dataclass(frozen=True, slots=True)
class ClusterChoice:
    """A cluster as the page header shows it (key, name, province)."""

    id: int
    key: str
    name: str
    province: str

    @classmethod
    def of(cls, row: Cluster) -> "ClusterChoice":
        """The choice of a cluster row."""
        return cls(row.id, row.key, row.name, row.province or "")


def choose(s: Session, user: User, asked: str | None, remembered: str | None) -> tuple[Cluster | None, list[Cluster]]:
    """The cluster the request shows and the clusters the user may switch to.

    `asked` (a `?cluster=` key) wins when the user may see it, then `remembered`, then the first.
    """
    allowed_ids = visible_cluster_ids(s, user)
    every = list_clusters(s)
    allowed = every if allowed_ids is None else [c for c in every if c.id in set(allowed_ids)]
    by_key = {c.key: c for c in allowed}
    for key in (asked, remembered):
        if key and key in by_key:
            return by_key[key], allowed
    return (allowed[0] if allowed else None), allowed


def apply(s: Session, cluster: Cluster | None) -> None:
    """From now on this session sees only `cluster` (nothing when None)."""
    restrict(s, [cluster.id] if cluster is not None else [])
