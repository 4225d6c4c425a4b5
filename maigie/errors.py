"""Domain errors that services raise and the API renders in the one error shape."""


class Conflict(Exception):
    """The request is valid but conflicts with the current state (answered 409)."""

    def __init__(self, message: str, *, code: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class QuotaExceeded(Exception):
    """A plan's usage quota is used up until ``details["resets_at"]`` (answered 402 ``quota_exceeded``)."""

    code = "quota_exceeded"

    def __init__(self, message: str, *, details: dict[str, object]) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
