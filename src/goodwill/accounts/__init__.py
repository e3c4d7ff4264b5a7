"""Accounts: what protects them beyond Django's own auth (sign-in throttling)."""
