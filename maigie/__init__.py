"""Maigie backend project package."""

from maigie.celery import app as celery_app

__all__ = ["celery_app"]
