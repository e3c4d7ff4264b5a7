"""Real files from other projects (../shared/data/fixtures beside the repository): every vCard
imports into a fresh account without an error, and a second import of it changes nothing; no
file of any kind makes an import raise anything but SourceError (one line, for a person)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.importing import import_path
from goodwill.network.models import Contact, ImportRun
from goodwill.sources.errors import SourceError
from tests.importing.helpers import snapshot

FIXTURES = Path(__file__).parents[2] / ".." / "shared" / "data" / "fixtures"
VCARDS = sorted(FIXTURES.glob("**/*.vcf")) if FIXTURES.is_dir() else []

pytestmark = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"the shared real-world fixtures are not at {FIXTURES}"
)


@pytest.fixture
def fresh_account(db: None) -> User:
    return services.user_create(username="fresh", password="x")


@pytest.mark.parametrize("path", VCARDS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_real_vcard_imports_into_a_fresh_account(fresh_account: User, path: Path) -> None:
    run = import_path(owner=fresh_account, path=path)

    assert run.status == ImportRun.Status.DONE, run.error
    assert run.added + run.updated + run.unchanged + run.skipped > 0
    assert Contact.objects.filter(owner=fresh_account).count() == run.added
    before = snapshot()
    again = import_path(owner=fresh_account, path=path)
    assert (again.added, again.updated) == (0, 0)
    assert snapshot() == before


def test_no_real_file_of_any_kind_makes_an_import_raise_anything_but_source_error(
    fresh_account: User,
) -> None:
    unexpected = []
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        try:
            import_path(owner=fresh_account, path=path)
        except SourceError:
            continue
        except Exception as exc:  # the point is to catch everything else
            unexpected.append(f"{path.relative_to(FIXTURES)}: {type(exc).__name__}: {exc}")
    assert unexpected == []
