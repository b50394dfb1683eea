"""`TransactionalRoute`: one database transaction per request, committed before the response leaves.

The route class (not a dependency) owns the transaction so that the idempotency record, the audit
trail and the change feed are written atomically with the change, and a failure while building the
response still rolls everything back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from asn_api.core import idempotency

# request -> idempotency owner (the caller's stable identity) or None when it cannot be told
IdentifyCaller = Callable[[Request], Awaitable[str | None]]


class TransactionalRoute(APIRoute):
    def __init__(self, *args: Any, idempotent: bool = True, **kwargs: Any) -> None:
        # get_route_handler() runs inside APIRoute.__init__, so decide before calling it.
        methods = {m.upper() for m in kwargs.get("methods") or ()}
        self.idempotent = idempotent and "POST" in methods
        super().__init__(*args, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        idempotent = self.idempotent

        async def run_in_transaction(request: Request) -> Response:
            sessionmaker = request.app.state.sessionmaker
            async with sessionmaker() as session, session.begin():
                request.state.db = session
                key = request.headers.get(idempotency.KEY_HEADER) if idempotent else None
                owner = await request.app.state.identify_caller(request) if key is not None else None
                if key is not None and owner is not None:
                    fingerprint = await idempotency.request_fingerprint(request)
                    replay = await idempotency.claim(session, owner, key, fingerprint)
                    if replay is not None:
                        return replay
                response = await handler(request)
                if key is not None and owner is not None and not isinstance(response, StreamingResponse):
                    await idempotency.remember(session, owner, key, response)
                return response

        return run_in_transaction
