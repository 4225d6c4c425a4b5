"""Plans, subscriptions, checkout and portal, webhooks, tier limits."""
