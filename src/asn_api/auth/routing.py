"""The route class for answers that carry a credential: transactional, but never stored for replay."""

from __future__ import annotations

from typing import Any

from asn_api.core.transaction import TransactionalRoute


class CredentialRoute(TransactionalRoute):
    """A `TransactionalRoute` that ignores `Idempotency-Key`: its answer is never stored for replay.

    For routes whose answer is a credential shown once (issued tokens, a new client secret). Storing
    that answer for replay would keep the credential in plain text in `idempotency_keys` for 24 h; and a
    replayed refresh token would already have been rotated away.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, idempotent=False, **kwargs)
