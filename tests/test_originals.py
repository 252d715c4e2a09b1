"""The originals store: keys relative to its root (a folder or an fsspec URL), and a store moved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from thidua.core.errors import ConfigError, MissingFileError
from thidua.core.settings import Settings
from thidua.models.db import alembic_config, get_engine, session_scope
from thidua.models.originals import OriginalsStore, key_for, key_from_stored, original_path, sha256_of
from thidua.models.tables import Report, SourceFile
from tests.conftest import PLAN_DOCX
from tests.test_flow import DOCX_REPORTS, REPORTS, _docx_variant, _drop, _import_plan, _run


def test_local_store_keeps_relative_keys(tmp_path: Path) -> None:
    store = OriginalsStore(tmp_path / "kho")
    digest, key = store.put(PLAN_DOCX)
    assert digest == sha256_of(PLAN_DOCX) and key == key_for(digest, ".docx")
    assert not Path(key).is_absolute() and key.startswith(f"{digest[:2]}/{digest[2:4]}/")
    assert store.local_path(key).read_bytes() == PLAN_DOCX.read_bytes()
    assert store.put(PLAN_DOCX) == (digest, key)  # written once
    # The same folder named by a file:// URL is the same store.
    assert OriginalsStore(f"file://{tmp_path / 'kho'}").local_path(key) == store.local_path(key)


def test_remote_store_is_read_through_a_local_cache(tmp_path: Path) -> None:
    # fsspec's in-memory file system stands for an object store (nothing of it is on disk).
    store = OriginalsStore(f"memory://thidua-test-{tmp_path.name}", cache_dir=tmp_path / "cache")
    assert not store.is_local
    digest, key = store.put(PLAN_DOCX)
    assert store.exists(key)
    local = store.local_path(key)
    assert local.is_relative_to(tmp_path / "cache") and sha256_of(local) == digest
    with pytest.raises(MissingFileError):
        store.local_path(key_for("0" * 64, ".pdf"))


def test_absolute_paths_written_before_keys_still_resolve(tmp_path: Path) -> None:
    digest = "ab" + "cd" + "e" * 60
    root = str(tmp_path / "old" / "originals")
    assert key_from_stored(f"{root}/ab/cd/{digest}.docx", root) == f"ab/cd/{digest}.docx"
    # Another machine's root: the store's layout gives the key.
    assert key_from_stored(f"/mnt/other/originals/ab/cd/{digest}.pdf") == f"ab/cd/{digest}.pdf"
    assert key_from_stored("/somewhere/else.docx") == "/somewhere/else.docx"
    assert key_from_stored(f"ab/cd/{digest}.docx", root) == f"ab/cd/{digest}.docx"


def test_remote_root_has_no_local_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("THIDUA_ORIGINALS", "s3://bucket/originals")
    settings = Settings.from_env()
    assert settings.originals_root == "s3://bucket/originals"
    with pytest.raises(ConfigError, match="THIDUA_ORIGINALS"):
        settings.originals_dir
    monkeypatch.delenv("THIDUA_ORIGINALS")
    assert Settings.from_env().originals_dir == tmp_path.resolve() / "originals"


def test_migration_rewrites_absolute_paths_to_keys(settings: Settings) -> None:
    from alembic import command

    cfg = alembic_config(settings.database_url)
    command.upgrade(cfg, "0004")
    root = settings.originals_root
    digest = sha256_of(PLAN_DOCX)
    under_root = f"{root}/{key_for(digest, '.docx')}"
    elsewhere = f"/mnt/elsewhere/originals/{key_for('f' * 64, '.pdf')}"
    with get_engine(settings.database_url).begin() as conn:
        for i, (sha, stored) in enumerate([(digest, under_root), ("f" * 64, elsewhere), ("1" * 64, "/x/loose.doc")]):
            conn.execute(
                text(
                    "INSERT INTO source_files (sha256, original_name, stored_path, size, received_at, status, attempts) "
                    "VALUES (:sha, :name, :stored, 1, CURRENT_TIMESTAMP, 'processed', 0)"
                ),
                {"sha": sha, "name": f"f{i}", "stored": stored},
            )
    command.upgrade(cfg, "head")
    with get_engine(settings.database_url).connect() as conn:
        stored = dict(conn.execute(text("SELECT original_name, stored_path FROM source_files")).all())
    assert stored == {"f0": key_for(digest, ".docx"), "f1": key_for("f" * 64, ".pdf"), "f2": "/x/loose.doc"}
    command.downgrade(cfg, "0004")
    with get_engine(settings.database_url).connect() as conn:
        back = dict(conn.execute(text("SELECT original_name, stored_path FROM source_files")).all())
    assert back["f0"] == under_root and back["f2"] == "/x/loose.doc"
    command.upgrade(cfg, "head")


def test_a_second_machine_mounting_the_store_elsewhere(
    settings: Settings, prefect_harness: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same database read with the store moved: re-dropped files are known and their originals found."""
    monkeypatch.setenv("THIDUA_ORIGINALS", str(tmp_path / "mount_a" / "originals"))
    first = Settings.from_env()
    _import_plan(first)
    report = REPORTS / DOCX_REPORTS[0]
    unknown = _docx_variant(  # a district outside the cluster: left for review, read again when re-sent
        REPORTS / "hoa_an_6m_2022.docx",
        tmp_path / "thach_an_6m_2022.docx",
        {"Hòa An": "Thạch An", "HÒA AN": "THẠCH AN", "Hà Quảng": "Trùng Khánh"},
    )
    _drop(first.inbox, report)
    _drop(first.inbox, unknown)
    summary = _run(first)
    assert summary["processed"] == 1 and len(summary["review"]) == 1

    # Machine B: its own data folder and inbox, the same database, the store mounted at another folder.
    shutil.move(tmp_path / "mount_a", tmp_path / "mount_b")
    data_b = tmp_path / "machine_b"
    monkeypatch.setenv("THIDUA_DATA_DIR", str(data_b))
    monkeypatch.setenv("THIDUA_INBOX", str(data_b / "inbox"))
    monkeypatch.setenv("THIDUA_ORIGINALS", f"file://{tmp_path / 'mount_b' / 'originals'}")
    second = Settings.from_env()
    _drop(second.inbox, report)
    _drop(second.inbox, unknown)
    again = _run(second)
    assert again["duplicates"] == 1 and again["failed"] == []
    assert [r["file"] for r in again["review"]] == ["thach_an_6m_2022.docx"]  # read again from the moved store
    with session_scope(second) as s:
        files = s.scalars(select(SourceFile)).all()
        assert len(files) == 3 and all(original_path(f.stored_path, second).is_file() for f in files)
        assert all(original_path(f.stored_path, second).is_relative_to(tmp_path / "mount_b") for f in files)
        assert s.scalar(select(SourceFile.status).where(SourceFile.original_name == unknown.name)) == "review"
        assert len(s.scalars(select(Report)).all()) >= 2
