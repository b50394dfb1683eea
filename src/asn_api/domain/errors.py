"""The one exception type raised by the pure domain rules.

It carries the offending field and a stable snake_case code so the HTTP layer can turn it into an
RFC 9457 field error without parsing the message. It deliberately knows nothing about HTTP.
"""

from __future__ import annotations


class DomainRuleError(ValueError):
    """A business rule was violated by the value of ``field``.

    ``code`` is stable (clients branch on it); ``message`` is a complete English sentence.
    """

    def __init__(self, *, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"DomainRuleError(field={self.field!r}, code={self.code!r}, message={self.message!r})"

    # Keyword-only __init__ breaks the default exception pickling (cls(*args)); keep it picklable
    # so the error survives process pools and log handlers that copy records.
    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.field, self.code, self.message))


def _rebuild(field: str, code: str, message: str) -> DomainRuleError:
    return DomainRuleError(field=field, code=code, message=message)
