"""Domain errors that services raise and the API renders in the one error shape."""


class Conflict(Exception):
    """The request is valid but conflicts with the current state (answered 409)."""

    def __init__(self, message: str, *, code: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
