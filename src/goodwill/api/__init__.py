"""The REST API under /api/v1: the network for scripts, with tokens instead of sessions."""
