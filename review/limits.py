"""Server-side session state of the review page: log-in rate limits and ended sessions."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

#: Failed log-ins allowed per account, and per client address, within WINDOW_SECONDS.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
WINDOW_SECONDS = 15 * 60
#: Where ended sessions are kept (in the data folder) until their cookie could no longer be valid.
REVOKED_FILE = "review-ended-sessions.json"


class LoginLimiter:
    """Counts failed log-ins per account and per address in a sliding window."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._fails: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        now = self._clock()
        q = self._fails.setdefault(key, deque())
        while q and now - q[0] > WINDOW_SECONDS:
            q.popleft()
        return q

    def blocked_for(self, username: str, address: str) -> int:
        """Seconds until this account or address may try again (0: not blocked)."""
        with self._lock:
            waits = []
            for key, limit in ((("user", username.strip().lower()), MAX_FAILURES_PER_ACCOUNT), (("addr", address), MAX_FAILURES_PER_ADDRESS)):
                q = self._recent(key)
                if len(q) >= limit:
                    waits.append(int(WINDOW_SECONDS - (self._clock() - q[0])) + 1)
            return max(waits, default=0)

    def failed(self, username: str, address: str) -> None:
        """Count one failed log-in."""
        with self._lock:
            now = self._clock()
            self._recent(("user", username.strip().lower())).append(now)
            self._recent(("addr", address)).append(now)

    def succeeded(self, username: str) -> None:
        """Forget an account's failures after a successful log-in."""
        with self._lock:
            self._fails.pop(("user", username.strip().lower()), None)


class EndedSessions:
    """Session ids ended by logging out, kept in a file so a copied cookie stays dead after a restart."""

    def __init__(self, data_dir: Path, max_age: float, clock: Callable[[], float] = time.time) -> None:
        self._path = Path(data_dir) / REVOKED_FILE
        self._max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._mtime = -1.0
        self._ended: dict[str, float] = self._load()

    def _load(self) -> dict[str, float]:
        try:
            self._mtime = self._path.stat().st_mtime
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            return {str(k): float(v) for k, v in raw.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def end(self, sid: str) -> None:
        """End a session: its cookie is refused from now on."""
        with self._lock:
            now = self._clock()
            self._ended = {k: t for k, t in {**self._load(), **self._ended}.items() if now - t <= self._max_age}
            self._ended[sid] = now
            self._path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._ended), encoding="utf-8")
            os.replace(tmp, self._path)

    def is_ended(self, sid: str) -> bool:
        """Whether a session was ended (by this server or another one sharing the data folder)."""
        with self._lock:
            if sid in self._ended:
                return True
            try:
                changed = self._path.stat().st_mtime != self._mtime
            except OSError:
                changed = False
            if changed:
                self._ended.update(self._load())
            return sid in self._ended
