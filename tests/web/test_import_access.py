"""Import, duplicates and exports are the signed-in user's alone, writes need the CSRF token, and
the real task worker runs what the page queues."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from goodwill.network import services
from goodwill.network.merging import contact_merge
from goodwill.network.models import Contact, ImportRun, MergeSuggestion
from tests.cli.conftest import invoke
from tests.conftest import PASSWORD
from tests.importing.helpers import vcard


@pytest.fixture(autouse=True)
def data_folder(settings: Settings, tmp_path: Path) -> None:
    settings.GOODWILL_HOME = tmp_path


@pytest.fixture
def janes(owner: User) -> tuple[Contact, Contact]:
    jane = services.contact_create(
        owner=owner,
        full_name="Jane Doe",
        organization_name="Acme",
        handles=[("email", "jane@acme.example")],
    )
    initial = services.contact_create(
        owner=owner,
        full_name="J. Doe",
        organization_name="Acme",
        handles=[("phone", "+14155550100")],
    )
    owner_client = Client()
    owner_client.force_login(owner)
    owner_client.post(reverse("duplicates_find"))
    return jane, initial


def test_an_upload_without_the_csrf_token_is_refused_and_nothing_is_kept(
    owner: User, tmp_path: Path
) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="alice", password=PASSWORD)

    response = client.post(
        reverse("import_page"),
        {"files": [SimpleUploadedFile("a.vcf", vcard("FN:Ana").encode())], "default_region": "US"},
    )

    assert response.status_code == 403
    assert not ImportRun.objects.exists()
    assert not list(tmp_path.glob("imports/*/*.upload"))


def test_the_duplicates_page_shows_each_pair_with_its_reasons(
    owner_client: Client, janes: tuple[Contact, Contact]
) -> None:
    html = owner_client.get(reverse("duplicates_page")).content.decode()

    assert "names alike: Jane Doe and J. Doe (J. is the initial of Jane)" in html
    assert "both at Acme" in html
    assert "Merge, keep J. Doe" in html
    assert "Not the same person" in html


def test_merging_from_the_page_keeps_the_chosen_contact_with_both_handles(
    owner: User, owner_client: Client, janes: tuple[Contact, Contact]
) -> None:
    _, initial = janes
    suggestion = MergeSuggestion.objects.get(owner=owner)

    response = owner_client.post(
        reverse("duplicate_merge", args=[suggestion.pk]), {"keep": initial.pk}, follow=True
    )

    assert "Merged Jane Doe into J. Doe." in response.content.decode()
    [kept] = Contact.objects.filter(owner=owner)
    assert kept.pk == initial.pk
    assert set(kept.handles.values_list("normalized", flat=True)) == {
        "jane@acme.example",
        "+14155550100",
    }


def test_merging_a_contact_outside_the_pair_is_refused(
    owner: User, owner_client: Client, janes: tuple[Contact, Contact]
) -> None:
    outsider = services.contact_create(owner=owner, full_name="Sam Okafor")
    suggestion = MergeSuggestion.objects.get(owner=owner)

    response = owner_client.post(
        reverse("duplicate_merge", args=[suggestion.pk]), {"keep": outsider.pk}, follow=True
    )

    assert "Choose which of the two contacts to keep." in response.content.decode()
    assert Contact.objects.filter(owner=owner).count() == 3


def test_not_the_same_person_from_the_page_is_remembered(
    owner: User, owner_client: Client, janes: tuple[Contact, Contact]
) -> None:
    suggestion = MergeSuggestion.objects.get(owner=owner)

    owner_client.post(reverse("duplicate_not_same", args=[suggestion.pk]))
    owner_client.post(reverse("duplicates_find"))

    html = owner_client.get(reverse("duplicates_page")).content.decode()
    assert "No possible duplicates." in html
    assert Contact.objects.filter(owner=owner).count() == 2


def test_the_stranger_sees_none_of_the_owners_suggestions_runs_or_contacts_in_exports(
    stranger: User, stranger_client: Client, janes: tuple[Contact, Contact]
) -> None:
    services.contact_create(owner=stranger, full_name="Mallory's Friend")
    pages = [
        stranger_client.get(reverse("duplicates_page")),
        stranger_client.get(reverse("import_page")),
        stranger_client.get(reverse("export_vcard")),
        stranger_client.get(reverse("export_csv")),
        stranger_client.get(reverse("export_backup")),
    ]

    bodies = []
    for response in pages:
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(body.decode())
    for text in bodies:
        assert "Doe" not in text
        assert "Acme" not in text
    assert "FN:Mallory's Friend" in bodies[2]
    assert "Mallory's Friend" in bodies[3]
    assert pages[2]["Content-Disposition"].startswith('attachment; filename="goodwill-mallory-')
    backup = json.loads(pages[4].content)
    assert backup["account"]["username"] == "mallory"


@pytest.fixture
def signal_handlers_restored() -> Iterator[None]:
    # The worker installs its own SIGINT and SIGTERM handlers; pytest needs its own back.
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


# The worker closes database connections between tasks, as a long-running process must, so this
# test commits for real.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("signal_handlers_restored")
def test_the_task_worker_runs_the_preview_and_then_the_import(owner: User) -> None:
    client = Client()
    client.force_login(owner)
    client.post(
        reverse("import_page"),
        {
            "files": [
                SimpleUploadedFile("a.vcf", vcard("FN:Ana Bozic", "EMAIL:ana@x.example").encode())
            ],
            "default_region": "US",
        },
    )
    preview = ImportRun.objects.get(owner=owner)
    assert preview.status == ImportRun.Status.PENDING

    invoke("worker", "--batch", "--quiet")
    preview.refresh_from_db()
    client.post(reverse("import_confirm", args=[preview.batch]))
    invoke("worker", "--batch", "--quiet")

    assert (preview.status, preview.added) == (ImportRun.Status.DONE, 1)
    real = ImportRun.objects.get(owner=owner, dry_run=False)
    assert (real.status, real.added) == (ImportRun.Status.DONE, 1)
    assert Contact.objects.filter(owner=owner, full_name="Ana Bozic").exists()


def test_a_merge_from_the_page_stays_listed_as_merged_on_its_day(
    owner: User, stranger: User, owner_client: Client, janes: tuple[Contact, Contact]
) -> None:
    jane, _ = janes
    theirs_keep = services.contact_create(owner=stranger, full_name="Mallory Keep")
    theirs_gone = services.contact_create(owner=stranger, full_name="Mallory Gone")
    contact_merge(keep=theirs_keep, absorb=theirs_gone)
    suggestion = MergeSuggestion.objects.get(owner=owner)

    owner_client.post(reverse("duplicate_merge", args=[suggestion.pk]), {"keep": jane.pk})
    html = owner_client.get(reverse("duplicates_page")).content.decode()

    suggestion.refresh_from_db()
    assert suggestion.status == MergeSuggestion.Status.MERGED
    assert suggestion.decided_at is not None
    day = suggestion.decided_at.strftime("%-d %b %Y")
    link = reverse("contact_detail", args=[jane.pk])
    assert f'J. Doe into <a href="{link}">Jane Doe</a>, merged on {day}' in html
    assert "both at Acme" in html  # the reasons stay with the history
    assert "Mallory" not in html
    assert "Merge, keep" not in html  # nothing left to review
