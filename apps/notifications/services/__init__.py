"""Notification services: delivery, devices, preferences, VAPID keys, digests, nudges."""
