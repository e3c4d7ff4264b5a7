"""Keeping the network active: Today's daily list, events, reminders by calendar and email."""
