"""Writes of the accounts app; every change of a user goes through here."""

from apps.accounts.services.audit import Client, security_event_record
from apps.accounts.services.jobs import job_create, job_payload, job_result_amend, job_update
from apps.accounts.services.notifications import notification_create
from apps.accounts.services.tokens import token_pair_for
from apps.accounts.services.users import user_create, user_ensure

__all__ = [
    "Client",
    "job_create",
    "job_payload",
    "job_result_amend",
    "job_update",
    "notification_create",
    "security_event_record",
    "token_pair_for",
    "user_create",
    "user_ensure",
]
