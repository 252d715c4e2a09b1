"""Engines, sessions and schema upgrades (Alembic) for the configured database."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from thidua.core.errors import StorageError
from thidua.core.settings import Settings

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_engines: dict[str, Engine] = {}
_upgraded: set[str] = set()
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Foreign keys are off by default in SQLite; WAL lets readers work beside the flow's writer.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def get_engine(url: str) -> Engine:
    """One engine per database URL for the process; SQLite folders are created on demand."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"timeout": 30})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            _engines[url] = engine
        return engine


def alembic_config(url: str):  # type: ignore[no-untyped-def]
    """An Alembic Config pointing at the project's migrations and the given database."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


#: Key of the PostgreSQL advisory lock that serializes schema upgrades ("thidua" + "schema").
MIGRATION_LOCK_KEY = 0x7468_6964_7561_0001
#: Seconds an upgrade of a SQLite file waits for another process's upgrade of the same file.
SQLITE_UPGRADE_WAIT_SECONDS = 300.0


def sqlite_upgrade_lock_path(url: str) -> Path | None:
    """The lock file that serializes upgrades of a SQLite database file (None: not a SQLite file)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.database.startswith("file:"):  # a URI filename; no lock rather than a wrong one
        return None
    db_file = Path(parsed.database)
    return db_file.with_name(db_file.name + ".upgrade.lock")


@contextlib.contextmanager
def _sqlite_upgrade_lock(url: str) -> Iterator[None]:
    """Hold the SQLite file's upgrade lock (filelock: an flock, released when the process dies).

    SQLite runs Alembic's DDL outside one transaction, so two processes upgrading a new file at
    once both create the first tables and one fails ("table already exists"). With the lock, the
    later ones wait, then find the schema at the newest migration. A folder where the lock file
    cannot be created (read-only) upgrades unlocked, as before.
    """
    path = sqlite_upgrade_lock_path(url)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=SQLITE_UPGRADE_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise StorageError(
            f"một lần nâng cấp lược đồ khác vẫn giữ khóa {path} sau {SQLITE_UPGRADE_WAIT_SECONDS:.0f} giây"
        ) from None
    except OSError:
        yield
        return
    try:
        yield
    finally:
        lock.release()


def upgrade(url: str) -> None:
    """Bring the database schema to the newest migration.

    Several processes upgrading a new database at once (three `thidua db upgrade`, or workers
    starting together) run one after the other, and the later ones find the schema already at the
    newest migration: on PostgreSQL the upgrade holds a transaction-scoped advisory lock, on
    SQLite a lock file beside the database file (`<file>.upgrade.lock`).
    """
    from alembic import command

    try:
        with _sqlite_upgrade_lock(url):
            engine = get_engine(url)
            with engine.connect() as conn:
                sqlite = conn.dialect.name == "sqlite"
                if sqlite:
                    # SQLite alters a table by rebuilding it (migration 0006): foreign keys are off
                    # meanwhile (settable outside a transaction only) and checked once it is done.
                    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                    conn.commit()
                try:
                    with conn.begin():
                        if conn.dialect.name == "postgresql":
                            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                        cfg = alembic_config(url)
                        cfg.attributes["connection"] = conn
                        command.upgrade(cfg, "head")
                        if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                            raise StorageError("nâng cấp lược đồ làm hỏng khoá ngoại; đã huỷ nâng cấp")
                finally:
                    if sqlite:
                        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                        conn.commit()
    except OperationalError as exc:
        raise StorageError(f"không kết nối được cơ sở dữ liệu ({exc.orig})") from None
    _upgraded.add(url)


def current_revision(url: str) -> str | None:
    """The migration the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with get_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(url: str) -> Engine:
    """Upgrade once per process on first use (the automatic upgrade), then return the engine."""
    if url not in _upgraded:
        upgrade(url)
    return get_engine(url)


def session_factory(settings: Settings | None = None) -> sessionmaker[Session]:
    """A session factory for the configured database, schema upgraded."""
    settings = settings or Settings.from_env()
    return sessionmaker(ensure_schema(settings.database_url), expire_on_commit=False)


@contextlib.contextmanager
def session_scope(settings: Settings | None = None) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    with transaction(session_factory(settings)) as session:
        yield session


@contextlib.contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session of this factory in one transaction: committed on success, rolled back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        raise StorageError(f"lỗi cơ sở dữ liệu ({exc.orig})") from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def table_names(url: str) -> list[str]:
    """The tables in the database (for checks and tests)."""
    return sorted(inspect(get_engine(url)).get_table_names())


__all__ = [
    "SQLAlchemyError",
    "alembic_config",
    "current_revision",
    "ensure_schema",
    "get_engine",
    "session_factory",
    "session_scope",
    "sqlite_upgrade_lock_path",
    "table_names",
    "upgrade",
]
