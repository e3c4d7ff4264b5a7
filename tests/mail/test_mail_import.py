"""Importing a Maildir or an mbox: threads become interactions with contacts, bulk mail is left
out and counted, re-imports store nothing twice, and people written with both ways are
suggested."""

from __future__ import annotations

import mailbox
from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from goodwill.mail import selectors, services
from goodwill.mail.ingest import mailbox_import, records_import
from goodwill.mail.models import Correspondent, MailThread, Message
from goodwill.network.models import Contact, Direction, Interaction
from goodwill.sources.mail_parse import every_message
from goodwill.sources.mail_read import read_message_file
from goodwill.sources.records import SkippedRecord
from tests.cli.conftest import invoke
from tests.mail.conftest import LORI, ME, Maildir, days_ago, message

SHARED_FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "data" / "fixtures"


def _conversation(maildir: Maildir) -> datetime:
    """Lori writes, Alice answers, Lori answers back: one thread, three messages.

    Returns when the last one was sent (read once: the clock moves on a busy machine).
    """
    last_at = days_ago(88)
    maildir.inbox(
        message(
            sender=f"Lori Chen <{LORI}>",
            to=f"Alice <{ME}>",
            subject="Spring campaign",
            body="The brief is attached. We start in April.",
            date=days_ago(90),
            message_id="m1@northwind.example",
        )
    )
    maildir.sent(
        message(
            sender=f"Alice <{ME}>",
            to=f"Lori Chen <{LORI}>",
            subject="Re: Spring campaign",
            body="Thanks, the brief reads well.",
            date=days_ago(89),
            message_id="m2@alice-studio.example",
            in_reply_to="m1@northwind.example",
        )
    )
    maildir.inbox(
        message(
            sender=f"Lori Chen <{LORI}>",
            to=f"Alice <{ME}>",
            subject="Re: Spring campaign",
            body="Great, talk soon.",
            date=last_at,
            message_id="m3@northwind.example",
            in_reply_to="m2@alice-studio.example",
        )
    )
    return last_at


def test_a_conversation_with_a_contact_becomes_one_interaction_and_resets_the_clock(
    owner: User, lori_contact: Contact, maildir: Maildir
) -> None:
    last_at = _conversation(maildir)

    result = mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    interaction = Interaction.objects.get(owner=owner, source="mail")
    assert result.run.stored == 3
    assert interaction.summary == "Spring campaign"
    assert interaction.direction == Direction.BOTH
    assert interaction.details.startswith("Lori Chen: ")
    assert list(interaction.contacts.all()) == [lori_contact]
    lori_contact.refresh_from_db()
    assert lori_contact.last_touch_at == last_at


def test_reimporting_the_same_maildir_stores_nothing_twice(
    owner: User, lori_contact: Contact, maildir: Maildir
) -> None:
    _conversation(maildir)
    mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    again = mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    assert (again.run.read, again.run.stored, again.run.known) == (0, 0, 3)
    assert Message.objects.filter(owner=owner).count() == 3
    assert Interaction.objects.filter(owner=owner, source="mail").count() == 1


def test_a_reply_arriving_later_joins_its_thread_and_moves_the_interaction(
    owner: User, lori_contact: Contact, maildir: Maildir
) -> None:
    _conversation(maildir)
    mailbox_import(owner=owner, path=maildir.root, me=(ME,))
    sent_at = days_ago(2)
    maildir.sent(
        message(
            sender=ME,
            to=LORI,
            subject="Re: Spring campaign",
            body="One more thing about the schedule.",
            date=sent_at,
            in_reply_to="m3@northwind.example",
        )
    )

    later = mailbox_import(owner=owner, path=maildir.root)

    assert later.run.stored == 1
    assert MailThread.objects.filter(owner=owner).count() == 1
    interaction = Interaction.objects.get(owner=owner, source="mail")
    assert interaction.occurred_at == sent_at
    assert interaction.details == "You: One more thing about the schedule."


def test_reimporting_an_mbox_stores_nothing_twice(
    owner: User, lori_contact: Contact, tmp_path: Path
) -> None:
    path = tmp_path / "Inbox.mbox"
    box = mailbox.mbox(path)
    for number in range(3):
        box.add(message(sender=LORI, to=ME, subject=f"Note {number}", body="Hello."))
    box.flush()

    first = mailbox_import(owner=owner, path=path, me=(ME,))
    again = mailbox_import(owner=owner, path=path, me=(ME,))

    assert first.run.stored == 3
    assert (again.run.stored, again.run.known) == (0, 3)
    assert Interaction.objects.filter(owner=owner, source="mail").count() == 3


def test_bulk_mail_is_left_out_and_counted_by_reason(owner: User, maildir: Maildir) -> None:
    maildir.inbox(
        message(
            sender="news@shop.example",
            to=ME,
            body="Our sale starts now.",
            headers={"List-Id": "<news.shop.example>"},
        )
    )
    maildir.inbox(message(sender="no-reply@bank.example", to=ME, body="Your statement."))
    maildir.inbox(message(sender=LORI, to=ME, body="Lunch on Friday?"))

    result = mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    assert result.run.stored == 1
    assert result.run.left_out == {
        "mailing list (List-Id)": 1,
        "robot sender (no-reply, mailer-daemon)": 1,
    }


def test_someone_written_with_both_ways_who_is_not_a_contact_is_suggested(
    owner: User, maildir: Maildir
) -> None:
    _conversation(maildir)
    maildir.inbox(message(sender="stranger@elsewhere.example", to=ME, body="Hello there."))

    mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    suggested = list(selectors.suggestions_for_owner(owner=owner))
    assert [c.address for c in suggested] == [LORI]
    assert suggested[0].name == "Lori Chen"


def test_accepting_a_suggestion_makes_a_contact_with_the_mail_as_interactions(
    owner: User, maildir: Maildir
) -> None:
    _conversation(maildir)
    mailbox_import(owner=owner, path=maildir.root, me=(ME,))
    lori = Correspondent.objects.get(owner=owner, address=LORI)

    contact = services.suggestion_accept(correspondent=lori)

    assert contact.full_name == "Lori Chen"
    assert Interaction.objects.filter(owner=owner, contacts=contact).count() == 1
    assert not selectors.suggestions_for_owner(owner=owner)


def test_by_default_only_headers_a_short_snippet_and_detections_are_stored(
    owner: User, lori_contact: Contact, maildir: Maildir
) -> None:
    long_text = "This is a long paragraph about the project. " * 40
    maildir.inbox(message(sender=LORI, to=ME, body=long_text, date=days_ago(3)))

    mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    stored = Message.objects.get(owner=owner)
    assert stored.body == ""
    assert 0 < len(stored.snippet) <= 280


def test_keep_bodies_keeps_the_text(owner: User, lori_contact: Contact, maildir: Maildir) -> None:
    maildir.inbox(message(sender=LORI, to=ME, body="The whole text, kept.", date=days_ago(3)))

    mailbox_import(owner=owner, path=maildir.root, me=(ME,), keep_bodies=True)

    assert Message.objects.get(owner=owner).body == "The whole text, kept."


def test_a_path_that_is_no_mailbox_is_one_line_and_exit_status_2(
    owner: User, tmp_path: Path
) -> None:
    not_mail = tmp_path / "notes.txt"
    not_mail.write_text("shopping list\n")

    result = invoke("mail", "import", str(not_mail), "--user", "alice")

    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"goodwill: {not_mail}, line 1: is neither an mbox (it does not begin with a 'From ' "
        "line) nor a Maildir folder"
    ]


def test_mail_import_prints_what_it_read_and_left_out(owner: User, maildir: Maildir) -> None:
    maildir.inbox(message(sender=LORI, to=ME, body="Hello."))
    maildir.inbox(
        message(sender="news@shop.example", to=ME, body="Sale.", headers={"Precedence": "bulk"})
    )

    result = invoke("mail", "import", str(maildir.root), "--me", ME, "--user", "alice")

    assert result.exit_code == 0, result.output
    assert "2 read, 1 new, 0 already stored, 1 left out, 0 unreadable" in result.output
    assert "1 left out: bulk mail (Precedence: bulk, list or junk)" in result.output


@pytest.mark.parametrize("name", ["notmuch", "mail-parser", "ruby-mail"])
def test_every_shared_real_world_message_imports_without_raising(owner: User, name: str) -> None:
    folder = SHARED_FIXTURES / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (the shared data sits beside the clone)")
    files = [path for path in sorted(folder.rglob("*")) if path.is_file()]
    records = [read_message_file(path, bodies=every_message) for path in files]

    result = records_import(owner=owner, records=records, source=str(folder))

    unreadable = sum(1 for record in records if isinstance(record, SkippedRecord))
    run = result.run
    assert (run.read, run.unreadable) == (len(files), unreadable)
    assert run.read == run.stored + run.known + run.left_out_total + run.unreadable
    assert run.stored > 0
    assert Message.objects.filter(owner=owner, thread__isnull=True).count() == 0


def test_a_body_with_nul_characters_is_stored_without_them(
    owner: User, lori_contact: Contact, maildir: Maildir
) -> None:
    maildir.inbox(message(sender=LORI, to=ME, body="Half\x00way there.", date=days_ago(3)))

    mailbox_import(owner=owner, path=maildir.root, me=(ME,), keep_bodies=True)

    stored = Message.objects.get(owner=owner)
    assert "\x00" not in stored.body + stored.snippet
    assert stored.body.startswith("Half")


def test_old_mail_with_someone_who_is_not_a_contact_gets_no_snippet(
    owner: User, lori_contact: Contact, maildir: Maildir
) -> None:
    maildir.inbox(message(sender=LORI, to=ME, body="From a contact.", date=days_ago(400)))
    maildir.inbox(message(sender="ann@elsewhere.example", to=ME, body="Old.", date=days_ago(400)))
    maildir.inbox(message(sender="ann@elsewhere.example", to=ME, body="New.", date=days_ago(2)))

    mailbox_import(owner=owner, path=maildir.root, me=(ME,))

    snippets = dict(Message.objects.filter(owner=owner).values_list("snippet", "sender_address"))
    assert set(snippets) == {"From a contact.", "", "New."}


def test_goodwill_import_mail_imports_a_mailbox_as_the_issue_names_it(
    owner: User, maildir: Maildir
) -> None:
    maildir.inbox(message(sender=LORI, to=ME, body="Hello."))

    result = invoke("import", "mail", str(maildir.root), "--user", "alice")

    assert result.exit_code == 0, result.output
    assert "1 read, 1 new" in result.output
    assert Message.objects.filter(owner=owner).count() == 1


def test_goodwill_import_mail_refuses_options_it_cannot_honour(
    owner: User, maildir: Maildir
) -> None:
    result = invoke("import", "mail", str(maildir.root), "--dry-run", "--user", "alice")

    assert result.exit_code == 2
    assert "no --format or --dry-run" in result.output
    assert not Message.objects.filter(owner=owner).exists()
