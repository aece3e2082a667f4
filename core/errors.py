"""The one domain error. Services raise it with a message a person can read; views show that message."""


class DomainError(Exception):
    def __init__(self, message: str, *, code: str, field: str | None = None, details: list[str] | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field
        self.details = details or [str(message)]
