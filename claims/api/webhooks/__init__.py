"""Webhooks: subscriptions, signed deliveries with retries, and their log."""
