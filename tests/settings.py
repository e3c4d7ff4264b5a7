"""Settings for the test suite: the real ones, with a data folder of the run's own.

pytest-django imports this before any conftest runs, so it is the place to keep tests away from a
real GOODWILL_HOME (its secret key, its database, its demo password).
"""

from __future__ import annotations

import os
import tempfile

os.environ["GOODWILL_HOME"] = tempfile.mkdtemp(prefix="goodwill-test-")

from goodwill.settings import *  # noqa: F403

# Real hashing costs a third of a second per account; tests make three accounts each.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
