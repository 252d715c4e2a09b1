"""A province in one database: clusters, migration 0006 in place, per-cluster units and plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from thidua.core.errors import ClusterError
from thidua.core.settings import Settings
from thidua.core.units import load_units
from thidua.models.clusters import (
    add_cluster,
    cluster_key,
    cluster_units,
    import_units,
    resolve_cluster,
)
from thidua.models.db import alembic_config, get_engine, session_scope
from thidua.models.db import upgrade as db_upgrade
from thidua.models.plans import active_plan, save_plan
from thidua.models.results import find_unit
from thidua.models.tables import Cluster, Plan, Report, Score, SourceFile, Unit, User

from tests.conftest import SAMPLE_DOCS

WORLD1_UNITS = SAMPLE_DOCS / "units.toml"
WORLD2_UNITS = SAMPLE_DOCS / "world2" / "units.toml"


def _seed_0005(url: str) -> None:
    """Rows of a single-cluster database at migration 0005 (raw SQL: the models are at head)."""
    with get_engine(url).begin() as conn:
        conn.execute(text("INSERT INTO units (id, name, role, aliases) VALUES (1, 'Hà Quảng', 'head', '[]'), (2, 'Hòa An', 'member', '[]')"))
        conn.execute(text(
            "INSERT INTO source_files (id, sha256, original_name, stored_path, size, received_at, status, attempts) "
            "VALUES (1, :h1, 'plan.docx', 'ab/cd/x.docx', 1, CURRENT_TIMESTAMP, 'processed', 0), "
            "(2, :h2, 'r.docx', 'ab/cd/y.docx', 1, CURRENT_TIMESTAMP, 'processed', 0)"
        ), {"h1": "1" * 64, "h2": "2" * 64})
        for pid, active in ((1, False), (2, True)):
            conn.execute(text(
                "INSERT INTO plans (id, year, title, source_file_id, imported_at, active) "
                "VALUES (:i, 2022, 'KH', 1, CURRENT_TIMESTAMP, :a)"
            ), {"i": pid, "a": active})
        conn.execute(text(
            "INSERT INTO reports (id, source_file_id, unit_id, year, period_kind, source_format, extracted_at, "
            "extractor_version, is_current) VALUES (1, 2, 2, 2022, 'Q1', 'docx', CURRENT_TIMESTAMP, 'x', :t)"
        ), {"t": True})
        conn.execute(text(
            "INSERT INTO scores (id, year, unit_id, criterion, points, max_points, evidence, unreviewed, computed_at) "
            "VALUES (1, 2022, 2, 'c1', 1.0, 2.0, '[]', :t, CURRENT_TIMESTAMP)"
        ), {"t": True})
        conn.execute(text(
            "INSERT INTO users (id, username, password_hash, role, active, created_at) VALUES "
            "(1, 'duyet', 'x', 'reviewer', :t, CURRENT_TIMESTAMP), (2, 'quantri', 'x', 'admin', :t, CURRENT_TIMESTAMP)"
        ), {"t": True})
        if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for table in ("units", "source_files", "plans", "reports", "scores", "users"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))


def test_migration_0006_assigns_existing_rows_to_one_cluster(settings: Settings) -> None:
    """A single-cluster database at 0005 upgrades in place: one cluster from the units file, every row in it."""
    from alembic import command

    cfg = alembic_config(settings.database_url)
    command.upgrade(cfg, "0005")
    _seed_0005(settings.database_url)
    db_upgrade(settings.database_url)  # as every command does: foreign keys on, SQLite tables rebuilt
    with session_scope(settings) as s:
        clusters = s.scalars(select(Cluster)).all()
        assert [(c.key, c.name, c.province) for c in clusters] == [
            ("cum-thi-dua-cac-huyen-mien-tay", "Cụm thi đua các huyện miền Tây", "Cao Bằng")
        ]
        cid = clusters[0].id
        for model in (Unit, Plan, SourceFile, Report, Score):
            assert {r.cluster_id for r in s.scalars(select(model))} == {cid}, model.__tablename__
        users = {u.username: u for u in s.scalars(select(User))}
        assert [c.key for c in users["duyet"].clusters] == [clusters[0].key]
        assert users["quantri"].clusters == []  # admins see every cluster anyway
        assert active_plan(s, 2022, cid).id == 2  # type: ignore[union-attr]
        # Now a district name may repeat in another cluster, but not within one.
        other = add_cluster(s, "khac", "Cụm khác", "Tỉnh khác")
        s.add(Unit(name="Hòa An", role="member", aliases=[], cluster_id=other.id))
        s.flush()
    with pytest.raises(IntegrityError):
        with session_scope(settings) as s:
            s.add(Unit(name="Hòa An", role="member", aliases=[], cluster_id=cid))
            s.flush()
    # A second active plan of the same cluster and year is refused by the database.
    with pytest.raises(IntegrityError):
        with session_scope(settings) as s:
            s.add(Plan(cluster_id=cid, year=2022, title="dup", active=True))
            s.flush()
    with session_scope(settings) as s:  # downgrading needs names unique again
        s.execute(text("DELETE FROM units WHERE cluster_id <> :c"), {"c": cid})
    command.downgrade(cfg, "0005")
    with get_engine(settings.database_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM units")).scalar_one() == 2
    command.upgrade(cfg, "head")


def test_migration_0006_on_an_empty_database_makes_no_cluster(settings: Settings) -> None:
    """A new database has no cluster until a command needs one (then from THIDUA_UNITS_FILE)."""
    with session_scope(settings) as s:
        assert s.scalars(select(Cluster)).all() == []
        made = resolve_cluster(s, None, settings)
        assert (made.key, made.province) == ("cum-thi-dua-cac-huyen-mien-tay", "Cao Bằng")
        assert resolve_cluster(s, None, settings).id == made.id


def test_two_clusters_same_district_name(settings: Settings, tmp_path: Path) -> None:
    """Two clusters, a district name in both: units, plans and unit lookup stay per cluster."""
    from thidua.extractors.plan import extract_plan
    from thidua.extractors.readers import read_document

    # A third cluster whose member shares a name with world 1's ("Hòa An").
    clash = tmp_path / "clash.toml"
    clash.write_text(
        'cluster = "Cụm thi đua B"\nprovince = "Tỉnh B"\n'
        '[[unit]]\nname = "Hòa An"\nrole = "head"\n[[unit]]\nname = "Tân Lập"\nrole = "member"\n',
        encoding="utf-8",
    )
    with session_scope(settings) as s:
        w1 = add_cluster(s, "mien-tay", "Cụm thi đua các huyện miền Tây", "Cao Bằng")
        w2 = add_cluster(s, "phia-bac", "Cụm thi đua các huyện phía Bắc", "Lạng Sơn")
        b = add_cluster(s, "cum-b", "Cụm thi đua B", "Tỉnh B")
        import_units(s, w1, WORLD1_UNITS)
        import_units(s, w2, WORLD2_UNITS)
        import_units(s, b, clash)
        with pytest.raises(ClusterError, match="--cluster"):
            resolve_cluster(s, None, settings)
        assert resolve_cluster(s, "phia-bac", settings).id == w2.id
        with pytest.raises(ClusterError, match="không có Cụm"):
            resolve_cluster(s, "nowhere", settings)
        hoa_an_1 = find_unit(s, "Hoà An", w1.id)
        hoa_an_b = find_unit(s, "hoa an", b.id)
        assert hoa_an_1 is not None and hoa_an_b is not None and hoa_an_1.id != hoa_an_b.id
        assert (hoa_an_1.role, hoa_an_b.role) == ("member", "head")
        assert find_unit(s, "Tràng Định", w1.id) is None
        assert [u.name for u in cluster_units(s, w2)] == [u.name for u in load_units(WORLD2_UNITS)]
        p1 = save_plan(s, extract_plan(read_document(SAMPLE_DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.docx"),
                                       [u.name for u in load_units(WORLD1_UNITS)]), cluster=w1)
        p2 = save_plan(s, extract_plan(read_document(SAMPLE_DOCS / "world2" / "plan" / "ke_hoach_cum_thi_dua_phia_bac_2023.docx"),
                                       [u.name for u in load_units(WORLD2_UNITS)]), cluster=w2)
        # A plan of the same year for another cluster leaves the first one active.
        p1b = save_plan(s, extract_plan(read_document(SAMPLE_DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.docx"),
                                        [u.name for u in load_units(WORLD1_UNITS)]), cluster=b)
        assert active_plan(s, p1.year, w1.id).id == p1.id  # type: ignore[union-attr]
        assert active_plan(s, p1.year, b.id).id == p1b.id  # type: ignore[union-attr]
        assert active_plan(s, None, w2.id).id == p2.id  # type: ignore[union-attr]


def test_cluster_keys_and_errors(settings: Settings) -> None:
    """Keys are folder-safe slugs; a taken or bad key and an empty name are refused."""
    assert cluster_key("Cụm thi đua các huyện phía Bắc") == "cum-thi-dua-cac-huyen-phia-bac"
    assert cluster_key("Đồng Đăng") == "dong-dang"
    assert cluster_key("") == "default"
    with session_scope(settings) as s:
        add_cluster(s, "a", "Cụm A")
        with pytest.raises(ClusterError, match="đã có"):
            add_cluster(s, "a", "Cụm A")
        with pytest.raises(ClusterError, match="không hợp lệ"):
            add_cluster(s, "../x", "Cụm X")
        with pytest.raises(ClusterError, match="trống"):
            add_cluster(s, "b", " ")
        with pytest.raises(ClusterError, match="chưa có đơn vị"):
            cluster_units(s, s.scalars(select(Cluster)).one())


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    """After 0006 the database is what models/tables.py declares (Alembic finds nothing to add)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from thidua.models.db import upgrade
    from thidua.models.tables import Base

    upgrade(db_url)
    with get_engine(db_url).connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diffs if "cluster" in repr(d)] == []


def test_reviewers_keep_their_view_when_a_second_cluster_comes(settings: Settings) -> None:
    """A reviewer without clusters sees the only one; a second cluster gives them the first, not both."""
    from thidua.models.clusters import visible_cluster_ids
    from thidua.review.security import create_user

    with session_scope(settings) as s:
        early = create_user(s, "som", "mat-khau-dai-1")  # before any cluster: none assigned
        assert early.clusters == []
        first = resolve_cluster(s, None, settings)
        assert visible_cluster_ids(s, early) == [first.id]
        later = create_user(s, "muon", "mat-khau-dai-1")  # one cluster: assigned to it
        assert [c.key for c in later.clusters] == [first.key]
        admin = create_user(s, "quantri", "mat-khau-dai-1", "admin")
        second = add_cluster(s, "thu-hai", "Cụm thứ hai")
        assert [c.id for c in early.clusters] == [first.id]
        assert visible_cluster_ids(s, early) == visible_cluster_ids(s, later) == [first.id]
        assert visible_cluster_ids(s, admin) is None
        nobody = create_user(s, "chua-co", "mat-khau-dai-1")  # several clusters: none until given
        assert visible_cluster_ids(s, nobody) == []
        assert second.id not in (visible_cluster_ids(s, early) or [])
