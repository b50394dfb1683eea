"""ETag / If-Match on the integer `version` every resource carries."""

from __future__ import annotations

from fastapi import Response

from asn_api.core.errors import VersionMismatch


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def check_if_match(if_match: str | None, version: int) -> None:
    """No header means the caller accepts last-writer-wins; a stale one is refused with 412."""
    if if_match is None:
        return
    candidates = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if "*" in candidates or etag_for(version) in candidates:
        return
    raise VersionMismatch(
        f"If-Match {if_match} does not match the current version {etag_for(version)}; reload and retry"
    )
