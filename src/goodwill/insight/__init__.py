"""Pure functions over plain data: who is due, who waits, who went silent, and why."""
