"""Template filters for Goodwill's pages."""
