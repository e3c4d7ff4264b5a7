"""Views, one module per page family; they read through selectors and write through services."""
