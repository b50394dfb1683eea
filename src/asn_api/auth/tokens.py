"""JWT encode/decode — the only module that imports jose. The algorithm is pinned on decode."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from jose import JWTError, jwt

from asn_api.core import clock
from asn_api.core.config import Settings


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_in: int


def issue_access_token(
    settings: Settings, *, subject: str, username: str, role: str, unit: str | None, employee: str | None,
    scopes: list[str],
) -> IssuedToken:
    now = clock.now()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "sub": subject,
        "preferred_username": username,
        "role": role,
        "unit": unit,
        "emp": employee,
        "scope": " ".join(sorted(scopes)),
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=settings.jwt_algorithm)
    return IssuedToken(token=token, expires_in=int(lifetime.total_seconds()))


def decode_access_token(settings: Settings, token: str) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[settings.jwt_algorithm],
            options={"require_exp": True, "require_iat": True, "require_sub": True, "require_jti": True},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    if claims.get("typ") != "access" or "role" not in claims:
        raise InvalidToken("not an access token")
    # jose checks exp against the wall clock; our clock may be pinned in tests, so check it too.
    if int(claims["exp"]) <= int(clock.now().timestamp()):
        raise InvalidToken("token expired")
    return claims


def new_opaque_secret() -> str:
    """Refresh tokens and client secrets: random, shown once, stored only as a hash."""
    return secrets.token_urlsafe(32)


def fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
