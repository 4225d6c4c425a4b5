"""Users, authentication, profile and preferences, notifications, staff API."""
