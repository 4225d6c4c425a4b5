"""Domain errors that services raise and the API renders in the one error shape."""


class Conflict(Exception):
    """The request is valid but conflicts with the current state (answered 409)."""

    def __init__(self, message: str, *, code: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class PaymentRequired(Exception):
    """The plan does not allow this; upgrading does (answered 402 with ``code`` and ``details``)."""

    code = "payment_required"

    def __init__(self, message: str, *, details: dict[str, object]) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class QuotaExceeded(PaymentRequired):
    """A plan's usage quota is used up until ``details["resets_at"]``."""

    code = "quota_exceeded"


class PlanLimitReached(PaymentRequired):
    """The plan's limit on how many of something a user keeps is reached, or an object is over it."""

    code = "plan_limit"


class NotConfigured(Exception):
    """A feature this deployment has not configured (answered 503 ``not_configured``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
