"""Feeds and sharing: the feeds the user follows, their articles, and what each contact wants."""
