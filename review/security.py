"""Passwords (argon2), the cookie-signing key, CSRF tokens and user accounts."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.core.errors import ConfigError, ThiduaError
from thidua.core.settings import Settings
from thidua.models.tables import Cluster, User

ROLES = ("reviewer", "admin")
#: Where a generated key is kept when THIDUA_SECRET_KEY is empty.
SECRET_KEY_FILE = "review-secret-key"

_hasher = PasswordHasher()
# Verified when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class UserError(ThiduaError):
    """A user account cannot be created or changed as asked."""


def hash_password(password: str) -> str:
    """An argon2id hash of a password."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether a password matches its hash (False for a broken hash)."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def create_user(
    session: Session, username: str, password: str, role: str = "reviewer", clusters: list[Cluster] | None = None
) -> User:
    """Create an account; raise UserError for a taken name, a bad role or a short password.

    `clusters`: those a reviewer may see; default the only cluster the session sees (on the
    review page: the cluster the admin is looking at). Admins see every cluster.
    """
    username = username.strip()
    if not username or len(username) > 80:
        raise UserError("tên đăng nhập phải có từ 1 đến 80 ký tự")
    if role not in ROLES:
        raise UserError(f"vai trò '{role}' không hợp lệ (reviewer hoặc admin)")
    if len(password) < 8:
        raise UserError("mật khẩu phải có ít nhất 8 ký tự")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UserError(f"tên đăng nhập '{username}' đã có")
    user = User(username=username, password_hash=hash_password(password), role=role, active=True)
    if role != "admin":
        if clusters is None:
            seen = list(session.scalars(select(Cluster).limit(2)))
            clusters = seen if len(seen) == 1 else []
        user.clusters = list(clusters)
    session.add(user)
    session.flush()
    return user


def secret_key(settings: Settings) -> str:
    """THIDUA_SECRET_KEY, or a random key generated once and kept in the data folder."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / SECRET_KEY_FILE
    try:
        if path.is_file():
            key = path.read_text(encoding="utf-8").strip()
            if key:
                return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Created readable by the owner only; O_EXCL so two starting servers agree on one key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(key + "\n")
        return key
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"không tạo được khoá bí mật ({exc})", path) from None


def new_csrf_token() -> str:
    """A fresh per-session CSRF token."""
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of the session's CSRF token with the one a form sent."""
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))
