"""The Import page: upload, a preview that changes nothing, confirm, progress, and the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from goodwill.network import services
from goodwill.network.models import Contact, ImportRun, MergeSuggestion
from tests.importing.helpers import (
    ANA,
    BEN,
    ME,
    connection_row,
    linkedin_export,
    message_row,
    snapshot,
    vcard,
)
from tests.web.conftest import HTMX

EXPORT = linkedin_export(
    connections=[connection_row(ANA, company="Lumen"), connection_row(BEN)],
    messages=[message_row(ANA, [ME], "Hello Sam"), message_row(ME, [ANA], "Hm", draft="Yes")],
)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: Settings, tmp_path: Path) -> None:
    """Tasks run inside the request, as if a worker took them at once; uploads are kept in a
    data folder of the test's own."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.GOODWILL_HOME = tmp_path


def upload(client: Client, *files: tuple[str, bytes], **data: str) -> object:
    return client.post(
        reverse("import_page"),
        {
            "files": [SimpleUploadedFile(name, content) for name, content in files],
            "default_region": "US",
            **data,
        },
    )


def kept_uploads(owner: User) -> list[Path]:
    folder = Path(settings.GOODWILL_HOME) / "imports" / str(owner.pk)
    return sorted(folder.glob("*.upload")) if folder.is_dir() else []


def test_the_import_page_has_the_upload_form_past_runs_and_exports(owner_client: Client) -> None:
    html = owner_client.get(reverse("import_page")).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert 'name="files" multiple' in html
    assert "Nothing imported yet." in html
    assert reverse("export_vcard") in html
    assert 'aria-current="page">Import</a>' in html


def test_an_upload_shows_a_preview_and_changes_nothing(owner: User, owner_client: Client) -> None:
    before = snapshot()

    response = upload(owner_client, ("Basic_LinkedInDataExport.zip", EXPORT))

    run = ImportRun.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("import_batch", args=[run.batch])
    assert snapshot() == before
    assert (run.dry_run, run.status, run.added, run.skipped) == (True, "done", 3, 1)
    assert len(kept_uploads(owner)) == 1
    html = owner_client.get(response["Location"]).content.decode()
    assert "Would add <strong>3</strong>" in html
    assert "is a draft that was never sent" in html
    assert "Import it" in html
    assert "hx-trigger" not in html  # finished: no more polling
    assert "LinkedIn data export" in owner_client.get(reverse("import_page")).content.decode()


def test_confirming_imports_for_real_and_removes_the_upload(
    owner: User, owner_client: Client
) -> None:
    preview = upload(
        owner_client,
        ("export.zip", EXPORT),
        ("phone.vcf", vcard("FN:Lori Chen", "EMAIL:lori@x.example").encode()),
    )
    batch = ImportRun.objects.filter(owner=owner).first().batch  # type: ignore[union-attr]

    response = owner_client.post(reverse("import_confirm", args=[batch]))

    real = ImportRun.objects.filter(owner=owner, dry_run=False).order_by("pk")
    assert [(r.file_name, r.status, r.added) for r in real] == [
        ("export.zip", "done", 3),
        ("phone.vcf", "done", 1),
    ]
    assert response["Location"] == reverse("import_batch", args=[real[0].batch])
    assert Contact.objects.filter(owner=owner).count() == 3
    assert kept_uploads(owner) == []
    html = owner_client.get(response["Location"]).content.decode()
    assert "Added <strong>3</strong>" in html
    assert "See your contacts" in html
    assert preview.status_code == 302  # type: ignore[attr-defined]


def test_confirming_twice_imports_nothing_twice(owner: User, owner_client: Client) -> None:
    upload(owner_client, ("export.zip", EXPORT))
    batch = ImportRun.objects.get(owner=owner).batch
    owner_client.post(reverse("import_confirm", args=[batch]))

    again = owner_client.post(reverse("import_confirm", args=[batch]), follow=True)

    assert "Nothing left to import here" in again.content.decode()
    assert ImportRun.objects.filter(owner=owner, dry_run=False).count() == 1


def test_discarding_a_preview_deletes_the_upload_and_imports_nothing(
    owner: User, owner_client: Client
) -> None:
    upload(owner_client, ("export.zip", EXPORT))
    batch = ImportRun.objects.get(owner=owner).batch

    owner_client.post(reverse("import_discard", args=[batch]))

    assert kept_uploads(owner) == []
    assert not Contact.objects.filter(owner=owner).exists()
    assert owner_client.post(reverse("import_confirm", args=[batch])).status_code == 302
    assert not ImportRun.objects.filter(owner=owner, dry_run=False).exists()


def test_a_file_of_the_wrong_kind_shows_one_line_naming_it(
    owner: User, owner_client: Client
) -> None:
    response = upload(owner_client, ("notes.csv", b"Title,Body\nGroceries,milk\n"))

    html = owner_client.get(response["Location"]).content.decode()  # type: ignore[attr-defined]
    assert "notes.csv, line 1: is not a LinkedIn export" in html
    assert "Import it" not in html


def test_while_a_run_waits_the_page_polls_every_second(owner: User, owner_client: Client) -> None:
    run = ImportRun.objects.create(
        owner=owner, file_name="export.zip", created_at=timezone.now(), dry_run=True
    )

    page = owner_client.get(reverse("import_batch", args=[run.batch])).content.decode()
    partial = owner_client.get(reverse("import_batch", args=[run.batch]), headers=HTMX)

    assert 'hx-trigger="every 1s"' in page
    assert "Waiting for the task worker" in page
    assert partial.content.decode().lstrip().startswith('<div id="batch-status"')


def test_an_upload_past_the_limit_is_refused_with_a_clear_message(
    owner: User, owner_client: Client, settings: Settings
) -> None:
    settings.GOODWILL_IMPORT_MAX_BYTES = 1024

    response = upload(owner_client, ("big.vcf", vcard("FN:x", "NOTE:" + "x" * 4000).encode()))

    assert response.status_code == 413  # type: ignore[attr-defined]
    assert "big.vcf is larger than" in response.content.decode()  # type: ignore[attr-defined]
    assert not ImportRun.objects.exists()
    assert kept_uploads(owner) == []


def test_an_upload_declared_far_past_the_limit_is_refused_before_it_is_read(
    owner_client: Client, settings: Settings
) -> None:
    settings.GOODWILL_IMPORT_MAX_BYTES = 10

    response = owner_client.post(
        reverse("import_page"),
        data=b"x" * (2 * 1024 * 1024),
        content_type="application/octet-stream",
    )

    assert response.status_code == 413
    assert "files of up to 0 MB can be imported" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_upload_without_a_file_says_so(owner_client: Client) -> None:
    response = owner_client.post(reverse("import_page"), {"default_region": "US"})

    assert response.status_code == 422
    assert "Choose one or more files to import." in response.content.decode()


def test_a_run_page_lists_every_skipped_record(owner: User, owner_client: Client) -> None:
    upload(owner_client, ("export.zip", EXPORT))
    run = ImportRun.objects.get(owner=owner)

    html = owner_client.get(reverse("import_run", args=[run.pk])).content.decode()

    assert "Skipped: export.zip/messages.csv, line 3: is a draft that was never sent" in html


def test_the_preview_says_how_many_duplicates_would_be_suggested(
    owner: User, owner_client: Client
) -> None:
    services.contact_create(owner=owner, full_name="Jane Doe", organization_name="Acme")

    response = upload(owner_client, ("phone.vcf", vcard("FN:J. Doe", "ORG:Acme").encode()))

    html = owner_client.get(response["Location"]).content.decode()  # type: ignore[attr-defined]
    assert "1 possible duplicate would be suggested; nothing is merged without you." in html
    assert not MergeSuggestion.objects.exists()  # a preview suggests nothing for real


def test_uploading_a_file_imported_before_says_nothing_is_to_do(
    owner: User, owner_client: Client
) -> None:
    upload(owner_client, ("Basic_LinkedInDataExport.zip", EXPORT))
    first = ImportRun.objects.get(owner=owner)
    owner_client.post(reverse("import_confirm", args=[first.batch]))
    before = snapshot()

    response = upload(owner_client, ("export-again.zip", EXPORT))
    again = ImportRun.objects.filter(owner=owner).order_by("-pk").first()
    assert again is not None
    page = owner_client.get(response["Location"]).content.decode()  # type: ignore[attr-defined]
    run_page = owner_client.get(reverse("import_run", args=[again.pk])).content.decode()

    assert again.dry_run
    assert again.same_as is not None
    assert not again.same_as.dry_run
    assert (again.added, again.unchanged, again.skipped) == (0, 3, 1)
    assert "Unchanged, nothing to do: the very same file was imported on" in page
    assert reverse("import_run", args=[again.same_as.pk]) in run_page
    assert snapshot() == before
