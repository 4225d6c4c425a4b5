"""Realtime infrastructure: WebSocket auth, the updates consumer, event publishing."""
