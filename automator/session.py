"""The saved browser session: after a sign-in, the browser's cookies are kept (file mode 0600)
so the next run skips the sign-in form, and with it another CAPTCHA or two-factor prompt.

One file per site origin, so a replay on 127.0.0.1 never mixes with coursera.org. The files
hold session cookies, never the password; `automator logout` deletes them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from automator.errors import ConfigError

DATA_DIR_ENV = "AUTOMATOR_DATA_DIR"


def data_dir(env: dict[str, str] | None = None) -> Path:
    """$AUTOMATOR_DATA_DIR, else the user's data folder (~/.local/share/automator on Linux)."""
    env = dict(os.environ) if env is None else env
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("automator")


def session_file(base: Path, base_url: str) -> Path:
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}_{parts.hostname}_{parts.port or ''}".rstrip("_")
    return base / "sessions" / (re.sub(r"[^A-Za-z0-9._-]", "_", origin) + ".json")


def load_session(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The saved state if usable, else None and why (a damaged file is set aside, not fatal)."""
    if not path.is_file():
        return None, None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict) or not isinstance(state.get("cookies"), list):
            raise ValueError("not a browser storage state")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        damaged = path.with_suffix(".damaged")
        path.replace(damaged)
        return None, f"the saved session {path} was damaged ({exc}); it was moved to {damaged.name}"
    return state, None


def save_session(path: Path, state: dict[str, Any]) -> None:
    """Write with mode 0600 in a 0700 folder, atomically, so it is never half-written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path.parent, 0o700)
        temporary = path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle)
        os.chmod(temporary, 0o600)
        temporary.replace(path)
    except OSError as exc:
        raise ConfigError(f"cannot save the session in {path.parent}: {exc.strerror or exc}") from exc


def delete_sessions(base: Path, base_url: str | None = None) -> list[Path]:
    """Delete the saved session for one site, or all of them; returns what was deleted."""
    folder = base / "sessions"
    targets = [session_file(base, base_url)] if base_url else sorted(folder.glob("*.json"))
    deleted = []
    for target in targets:
        if target.is_file():
            target.unlink()
            deleted.append(target)
    return deleted
