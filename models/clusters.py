"""Clusters of a province in one database: adding, listing, choosing one, and importing its units."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thidua.core.errors import ClusterError
from thidua.core.settings import Settings
from thidua.core.units import UnitSpec, load_units
from thidua.models.tables import Cluster, Unit, User

#: What a cluster key may be: lower-case ASCII letters, digits and '-' (it names a folder).
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
#: The name of a cluster whose units file names none.
DEFAULT_NAME = "Cụm thi đua"


def cluster_key(name: str) -> str:
    """A key made from a cluster's name: lower-case ASCII words joined by '-' ("default" for none)."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:60].strip("-") or "default"


def units_file_names(path: Path) -> tuple[str, str]:
    """(cluster name, province) from a units file's `cluster =` and `province =` keys ("" when absent)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return "", ""
    return str(data.get("cluster") or "").strip(), str(data.get("province") or "").strip()


def list_clusters(session: Session) -> list[Cluster]:
    """Every cluster, by key."""
    return list(session.scalars(select(Cluster).order_by(Cluster.key)))


def get_cluster(session: Session, key: str) -> Cluster:
    """The cluster with this key; ClusterError naming the known keys otherwise."""
    row = session.scalar(select(Cluster).where(Cluster.key == key.strip()))
    if row is None:
        known = ", ".join(c.key for c in list_clusters(session)) or "chưa có Cụm nào"
        raise ClusterError(f"không có Cụm thi đua mã '{key}' (các mã hiện có: {known}); tạo bằng: thidua cluster add MÃ --name ...")
    return row


def add_cluster(
    session: Session, key: str, name: str, province: str = "", units_file: Path | str | None = None
) -> Cluster:
    """Create a cluster; ClusterError for a bad or taken key or an empty name.

    When the database held exactly one cluster, its reviewers without a cluster are assigned to it
    first: a second cluster neither shows them its reports nor hides their own from them.
    """
    key = key.strip()
    if not KEY_PATTERN.match(key):
        raise ClusterError(f"mã Cụm '{key}' không hợp lệ: chỉ chữ thường không dấu, chữ số và '-', tối đa 60 ký tự")
    if not name.strip():
        raise ClusterError("tên Cụm thi đua không được để trống (--name)")
    if session.scalar(select(Cluster).where(Cluster.key == key)) is not None:
        raise ClusterError(f"Cụm thi đua mã '{key}' đã có")
    existing = list_clusters(session)
    if len(existing) == 1:
        only = existing[0]
        for user in session.scalars(select(User).where(User.role != "admin")):
            if not user.clusters:
                user.clusters.append(only)
    row = Cluster(key=key, name=name.strip(), province=province.strip(), units_file=str(units_file) if units_file else None)
    session.add(row)
    session.flush()
    return row


def resolve_cluster(session: Session, key: str | None = None, settings: Settings | None = None) -> Cluster:
    """The cluster a command works on: `key`, else THIDUA_CLUSTER, else the only one.

    A database with no cluster yet makes one from THIDUA_UNITS_FILE's `cluster =`/`province =`
    (what a single-cluster secretariat expects); with several and none named, ClusterError.
    """
    settings = settings or Settings.from_env()
    key = key or settings.cluster or None
    if key:
        return get_cluster(session, key)
    rows = list_clusters(session)
    if len(rows) == 1:
        return rows[0]
    if rows:
        keys = ", ".join(c.key for c in rows)
        raise ClusterError(f"cơ sở dữ liệu có {len(rows)} Cụm thi đua ({keys}): hãy chọn một bằng --cluster MÃ hoặc THIDUA_CLUSTER")
    name, province = units_file_names(settings.units_file)
    return add_cluster(session, cluster_key(name or DEFAULT_NAME), name or DEFAULT_NAME, province, settings.units_file)


def sync_cluster_units(session: Session, cluster: Cluster, units: list[UnitSpec]) -> dict[str, Unit]:
    """Insert or update a cluster's units; return all of its units by name (others are kept)."""
    existing = {u.name: u for u in session.scalars(select(Unit).where(Unit.cluster_id == cluster.id))}
    for spec in units:
        row = existing.get(spec.name)
        if row is None:
            row = Unit(name=spec.name, cluster_id=cluster.id)
            session.add(row)
            existing[spec.name] = row
        row.role = spec.role
        row.aliases = list(spec.aliases)
    session.flush()
    return existing


def import_units(session: Session, cluster: Cluster, path: Path) -> list[UnitSpec]:
    """Read a units file (sample_docs/units.toml's format) into a cluster and keep it as the cluster's file."""
    specs = load_units(path)  # ConfigError naming the file when it is wrong
    sync_cluster_units(session, cluster, specs)
    cluster.units_file = str(Path(path).expanduser().resolve())
    session.flush()
    return specs


def cluster_units_file(cluster: Cluster) -> Path | None:
    """The cluster's units file when it is still there (its [lexicon] and scoring table), else None."""
    if cluster.units_file and Path(cluster.units_file).is_file():
        return Path(cluster.units_file)
    return None


def cluster_units(session: Session, cluster: Cluster) -> list[UnitSpec]:
    """The cluster's units: re-read from its units file when there (as before), else the stored ones.

    ClusterError when the cluster has none (no `thidua units import` yet).
    """
    path = cluster_units_file(cluster)
    if path is not None:
        specs = load_units(path)
        sync_cluster_units(session, cluster, specs)
        return specs
    rows = session.scalars(select(Unit).where(Unit.cluster_id == cluster.id).order_by(Unit.id))
    specs = [UnitSpec(u.name, u.role, tuple(u.aliases or ())) for u in rows]
    if not specs:
        raise ClusterError(
            f"Cụm '{cluster.key}' chưa có đơn vị nào; hãy chạy: thidua units import TỆP --cluster {cluster.key}"
        )
    return specs


def unit_count(session: Session, cluster: Cluster) -> int:
    """How many units the cluster has."""
    return int(session.scalar(select(func.count()).select_from(Unit).where(Unit.cluster_id == cluster.id)) or 0)


def visible_cluster_ids(session: Session, user: User) -> list[int] | None:
    """The clusters a user may see: None (all) for an admin; a reviewer's assigned clusters.

    A reviewer with none assigned sees the only cluster of a single-cluster database, else nothing.
    """
    if user.role == "admin":
        return None
    if user.clusters:
        return [c.id for c in user.clusters]
    rows = list_clusters(session)
    return [rows[0].id] if len(rows) == 1 else []
