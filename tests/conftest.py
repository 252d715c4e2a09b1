"""Shared fixtures: a fresh database per test on SQLite and, when it answers, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from thidua.core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DOCS = ROOT / "sample_docs"
PLAN_DOCX = SAMPLE_DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.docx"
PLAN_PDF = SAMPLE_DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.pdf"
REALDOCS = ROOT.parent / "shared" / "realdocs"
PG_ADMIN_URL = os.environ.get("THIDUA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_up() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


POSTGRES_UP = _postgres_up()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'thidua.db'}"
        return
    if not POSTGRES_UP:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    name = f"thidua_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        from thidua.models import db as dbmod

        engine = dbmod._engines.pop(url, None)
        if engine is not None:
            engine.dispose()
        dbmod._upgraded.discard(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def settings_in(folder: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings on a database and a data folder under `folder` (also set in the environment)."""
    data = folder / "data"
    monkeypatch.setenv("THIDUA_DATA_DIR", str(data))
    monkeypatch.setenv("THIDUA_DATABASE_URL", db_url)
    monkeypatch.setenv("THIDUA_INBOX", str(data / "inbox"))
    monkeypatch.setenv("THIDUA_SECRET_KEY", "test-secret")
    # The sample cluster's own file, as a secretariat sets it (its scoring table lies beside it).
    monkeypatch.setenv("THIDUA_UNITS_FILE", str(ROOT / "sample_docs" / "units.toml"))
    return Settings.from_env()


@pytest.fixture
def settings(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings pointing at the test database and a fresh data folder (also set in the environment)."""
    return settings_in(tmp_path, db_url, monkeypatch)


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    """A session on the upgraded test database."""
    from thidua.models.db import session_factory

    s = session_factory(settings)()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[str]:
    """One Prefect test server for the whole session (starting one takes ~18 s); yields its API URL."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # offline: no telemetry calls
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield str(PREFECT_API_URL.value())
