"""Recording work: validation, the chain of introductions, the gives that go with it, owners."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from goodwill.network import services
from goodwill.network.models import Contact, Give
from goodwill.work.models import Work
from goodwill.work.selectors import work_chain, work_for_contact, work_for_owner
from goodwill.work.services import WorkFields, work_delete, work_record, work_update


@pytest.fixture
def sam(owner: User) -> Contact:
    return services.contact_create(owner=owner, full_name="Sam Okafor")


@pytest.fixture
def priya(owner: User) -> Contact:
    return services.contact_create(owner=owner, full_name="Priya Raman")


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_work_that_came_through_a_contact_is_kept_with_its_chain_and_a_give_from_them(
    owner: User, lori: Contact, sam: Contact, priya: Contact
) -> None:
    work = work_record(
        owner=owner,
        fields=WorkFields(
            title="  Brand   refresh ",
            referred_by=lori,
            via=[sam, priya],
            value="1,200.5",
            currency="eur",
            came_on=date(2026, 3, 4),
        ),
    )
    work.refresh_from_db()
    assert work.title == "Brand refresh"
    assert work.value == Decimal("1200.50")
    assert work.currency == "EUR"
    assert [c.full_name for c in work_chain(work_for_owner(owner=owner).get())] == [
        "Sam Okafor",
        "Priya Raman",
    ]
    give = Give.objects.get(owner=owner)
    assert (give.contact, give.kind, give.direction) == (lori, "referral", "in")
    assert give.occurred_at.date() == date(2026, 3, 4)
    assert work.give == give


def test_work_that_came_through_a_contact_can_be_recorded_without_a_give(
    owner: User, lori: Contact
) -> None:
    work_record(owner=owner, fields=WorkFields(title="Logo", referred_by=lori, record_give=False))
    assert not Give.objects.filter(owner=owner).exists()


def test_passing_work_on_records_a_referral_given(owner: User, lori: Contact) -> None:
    work = work_record(
        owner=owner, fields=WorkFields(title="Copywriting", direction="out", passed_to=lori)
    )
    give = Give.objects.get(owner=owner)
    assert (give.contact, give.kind, give.direction) == (lori, "referral", "out")
    assert "Copywriting" in give.summary
    assert work.came_on == give.occurred_at.date()


def test_editing_work_moves_its_give_to_the_new_referrer(
    owner: User, lori: Contact, sam: Contact
) -> None:
    work = work_record(owner=owner, fields=WorkFields(title="Site", referred_by=lori))
    work_update(work=work, fields=WorkFields(title="Site v2", referred_by=sam))
    give = Give.objects.get(owner=owner)
    assert give.contact == sam
    assert "Site v2" in give.summary


def test_deleting_work_deletes_its_give_and_nothing_else(owner: User, lori: Contact) -> None:
    other = services.give_record(contact=lori, kind="help", direction="in", summary="Advice")
    work = work_record(owner=owner, fields=WorkFields(title="Site", referred_by=lori))
    work_delete(work=work)
    assert list(Give.objects.filter(owner=owner)) == [other]
    assert not Work.objects.exists()


def test_deleting_a_contact_keeps_the_work_that_came_through_them(
    owner: User, lori: Contact
) -> None:
    work_record(
        owner=owner, fields=WorkFields(title="Site", referred_by=lori, value="10", currency="USD")
    )
    lori.delete()
    work = Work.objects.get()
    assert work.referred_by is None
    assert work.value == Decimal("10.00")


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (WorkFields(title="   "), "title", "Say what the work is"),
        (WorkFields(title="x", direction="sideways"), "direction", "came to you"),
        (WorkFields(title="x", direction="out"), "passed_to", "who you passed"),
        (WorkFields(title="x", value="12", currency=""), "currency", "three-letter"),
        (WorkFields(title="x", value="12", currency="euro"), "currency", "not a currency"),
        (WorkFields(title="x", value="twelve", currency="EUR"), "value", "not an amount"),
        (WorkFields(title="x", value="-5", currency="EUR"), "value", "zero or more"),
        (WorkFields(title="x", value="1e15", currency="EUR"), "value", "more than"),
    ],
)
def test_bad_work_is_refused_with_the_field_and_a_reason(
    owner: User, fields: WorkFields, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        work_record(owner=owner, fields=fields)
    assert words in _errors(excinfo)[field][0]
    assert not Work.objects.exists()


def test_a_chain_may_not_name_the_referrer_or_anyone_twice(
    owner: User, lori: Contact, sam: Contact
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        work_record(owner=owner, fields=WorkFields(title="x", referred_by=lori, via=[lori]))
    assert "Lori Chen referred it" in _errors(excinfo)["via"][0]
    with pytest.raises(ValidationError) as excinfo:
        work_record(owner=owner, fields=WorkFields(title="x", via=[sam, sam]))
    assert "twice" in _errors(excinfo)["via"][0]


def test_passed_on_work_has_no_referrer_and_work_that_came_no_recipient(
    owner: User, lori: Contact, sam: Contact
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        work_record(
            owner=owner,
            fields=WorkFields(title="x", direction="out", passed_to=lori, referred_by=sam),
        )
    assert "referred_by" in _errors(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        work_record(owner=owner, fields=WorkFields(title="x", passed_to=lori))
    assert "passed_to" in _errors(excinfo)


def test_a_currency_without_a_value_is_left_out(owner: User) -> None:
    work = work_record(owner=owner, fields=WorkFields(title="x", currency="EUR"))
    assert (work.value, work.currency) == (None, "")


def test_contacts_of_another_account_are_refused(
    owner: User, stranger: User, lori: Contact
) -> None:
    for fields in (
        WorkFields(title="x", referred_by=lori),
        WorkFields(title="x", via=[lori]),
        WorkFields(title="x", client_contact=lori),
        WorkFields(title="x", direction="out", passed_to=lori),
    ):
        with pytest.raises(ValidationError, match="another account"):
            work_record(owner=stranger, fields=fields)
    assert not Work.objects.exists()
    assert not Give.objects.exists()


def test_merging_contacts_moves_their_work_to_the_contact_kept(
    owner: User, lori: Contact, sam: Contact, priya: Contact
) -> None:
    from goodwill.network.merging import contact_merge

    work_record(owner=owner, fields=WorkFields(title="Site", referred_by=sam, via=[priya]))
    work_record(owner=owner, fields=WorkFields(title="Mural", direction="out", passed_to=sam))
    contact_merge(keep=lori, absorb=sam)
    contact_merge(keep=lori, absorb=priya)
    site, mural = Work.objects.get(title="Site"), Work.objects.get(title="Mural")
    assert site.referred_by == lori
    assert [step.contact for step in site.introductions.all()] == [lori]
    assert mural.passed_to == lori


def test_a_contacts_work_value_is_the_same_read_from_the_rows_or_summed_in_sql(
    owner: User, sam: Contact
) -> None:
    for value, currency in [("10.5", "EUR"), ("4.25", "EUR"), ("7", "USD"), (None, "")]:
        work_record(
            owner=owner,
            fields=WorkFields(title="Job", referred_by=sam, value=value, currency=currency),
        )
    expected = {"EUR": Decimal("14.75"), "USD": Decimal("7.00")}
    # Every row read (added up in Python), and a limit the rows reach (summed by the database).
    assert work_for_contact(contact=sam).came_through_value == expected
    capped = work_for_contact(contact=sam, limit=2)
    assert len(capped.came_through) == 2
    assert capped.came_through_value == expected
    assert list(capped.came_through_value) == ["EUR", "USD"]
    assert work_for_contact(contact=sam).passed_to_value == {}
