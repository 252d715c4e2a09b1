"""Schema upgrades at once on a new database are serialized: a lock file on SQLite, an advisory lock on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from alembic.script import ScriptDirectory
from filelock import FileLock

from thidua.models.db import alembic_config, current_revision, sqlite_upgrade_lock_path, table_names

THIDUA = str(Path(sys.executable).with_name("thidua"))


def _upgrade_process(url: str, data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "THIDUA_DATABASE_URL": url, "THIDUA_DATA_DIR": str(data)}
    return subprocess.Popen([THIDUA, "db", "upgrade"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_three_upgrades_at_once_on_a_new_database(db_url: str, tmp_path: Path) -> None:
    """Three `thidua db upgrade` started together on an empty database (SQLite file, PostgreSQL) all succeed."""
    procs = [_upgrade_process(db_url, tmp_path / "data") for _ in range(3)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [(o + e).decode(errors="replace")[-2000:] for o, e in outs]
    heads = ScriptDirectory.from_config(alembic_config(db_url)).get_heads()
    assert current_revision(db_url) in heads
    assert {"source_files", "reports", "flow_runs"} <= set(table_names(db_url))


def test_sqlite_upgrade_waits_for_the_lock_file(tmp_path: Path) -> None:
    """An upgrade of a SQLite file waits while another process holds the lock beside the file, then runs."""
    db_file = tmp_path / "db" / "thidua.db"
    url = f"sqlite:///{db_file}"
    lock_path = sqlite_upgrade_lock_path(url)
    assert lock_path == db_file.with_name("thidua.db.upgrade.lock")
    lock_path.parent.mkdir(parents=True)
    with FileLock(str(lock_path)):
        proc = _upgrade_process(url, tmp_path / "data")
        time.sleep(8)  # long enough for the command to start and reach the upgrade
        assert proc.poll() is None, proc.communicate()
        assert current_revision(url) is None  # nothing upgraded while the lock is held
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, (out + err).decode(errors="replace")
    assert current_revision(url) in ScriptDirectory.from_config(alembic_config(url)).get_heads()


def test_no_lock_file_for_non_file_databases() -> None:
    """PostgreSQL (its advisory lock) and in-memory SQLite need no lock file."""
    assert sqlite_upgrade_lock_path("postgresql+psycopg://u@h:5432/thidua") is None
    assert sqlite_upgrade_lock_path("sqlite://") is None
    assert sqlite_upgrade_lock_path("sqlite:///:memory:") is None


def test_relative_sqlite_path_locks_beside_the_file() -> None:
    """A relative SQLite path gets its lock beside the file, relative the same way."""
    assert sqlite_upgrade_lock_path("sqlite:///relative/thidua.db") == Path("relative/thidua.db.upgrade.lock")
