"""Probable duplicates: alike names tied by an organization or a company email domain."""

from __future__ import annotations

import pytest

from goodwill.insight import duplicates
from goodwill.insight.duplicates import (
    ContactFacts,
    DuplicatePair,
    company_domain,
    duplicate_pairs,
    person_name,
)


def pairs(*contacts: ContactFacts) -> list[tuple[int, int]]:
    return [(pair.first_id, pair.second_id) for pair in duplicate_pairs(contacts)]


def test_an_initial_and_a_middle_initial_at_the_same_organization_are_suggested() -> None:
    found = duplicate_pairs(
        [ContactFacts(1, "Jane Doe", "Acme Inc."), ContactFacts(2, "J. A. Doe", "ACME")]
    )

    assert found == [
        DuplicatePair(
            1,
            2,
            (
                "names alike: Jane Doe and J. A. Doe (J. is the initial of Jane)",
                "both at Acme Inc.",
            ),
        )
    ]


def test_accents_and_case_are_folded() -> None:
    assert pairs(
        ContactFacts(1, "Zoë Müller", "Ørsted"), ContactFacts(2, "ZOE MULLER", "orsted")
    ) == [(1, 2)]


def test_a_nickname_matches_its_full_name() -> None:
    found = duplicate_pairs(
        [ContactFacts(7, "Bob Smith", "Zeta"), ContactFacts(3, "Robert Smith", "Zeta LLC")]
    )

    assert [(p.first_id, p.second_id) for p in found] == [(3, 7)]
    assert "Bob is short for Robert" in found[0].reasons[0]


def test_a_shared_company_email_domain_ties_two_names() -> None:
    found = duplicate_pairs(
        [
            ContactFacts(1, "Doe, Jane", email_domains=frozenset({"acme.com"})),
            ContactFacts(2, "Jane Doe", email_domains=frozenset({"acme.com", "gmail.com"})),
        ]
    )

    assert found[0].reasons == (
        "names alike: Doe, Jane and Jane Doe",
        "both have an email address at acme.com",
    )


def test_a_personal_mail_provider_ties_nobody() -> None:
    gmail = frozenset({"gmail.com"})

    assert (
        pairs(
            ContactFacts(1, "Jane Doe", email_domains=gmail),
            ContactFacts(2, "Jane Doe", email_domains=gmail),
        )
        == []
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [("Jane Doe", "John Doe"), ("Jane Doe", "Jane Dole"), ("Jane Ann Doe", "Jane Beth Doe")],
)
def test_different_names_at_one_organization_are_not_suggested(first: str, second: str) -> None:
    assert pairs(ContactFacts(1, first, "Acme"), ContactFacts(2, second, "Acme")) == []


def test_alike_names_at_different_organizations_are_not_suggested() -> None:
    assert pairs(ContactFacts(1, "Jane Doe", "Acme"), ContactFacts(2, "Jane Doe", "Zeta")) == []


def test_one_word_names_and_email_addresses_are_never_paired() -> None:
    assert person_name("Cher") is None
    assert person_name("jane@acme.com") is None
    assert pairs(ContactFacts(1, "Cher", "Acme"), ContactFacts(2, "Cher", "Acme")) == []


def test_titles_degrees_and_a_comma_do_not_change_the_name() -> None:
    assert person_name("Dr. Ana Božić, Ph.D.") == person_name("ana bozic")


def test_company_domain_leaves_out_personal_providers() -> None:
    assert company_domain("jane@Acme.com") == "acme.com"
    assert company_domain("jane@gmail.com") == ""
    assert company_domain("not an address") == ""


def _letters(number: int) -> str:
    # A distinct six-letter given name per number: none is another's initial or prefix.
    word = ""
    for _ in range(6):
        number, digit = divmod(number, 26)
        word += chr(ord("a") + digit)
    return word.capitalize()


def test_matching_stays_near_linear_with_many_contacts(monkeypatch: pytest.MonkeyPatch) -> None:
    # 40,000 contacts sharing 500 family names and 400 organizations, with two planted
    # duplicates: all pairs would be 800 million comparisons; blocking compares a few per contact.
    # The comparisons are counted, not timed (bench/import_bench.py measures the time).
    contacts = [
        ContactFacts(n, f"{_letters(n)} Family{n % 500}", f"Org {n % 400}") for n in range(40_000)
    ]
    contacts += [ContactFacts(50_001, "Jane Doe", "Org 1"), ContactFacts(50_002, "J. Doe", "Org 1")]
    comparisons = 0
    compare = duplicates.given_names_match

    def counting(first: str, second: str) -> str | None:
        nonlocal comparisons
        comparisons += 1
        return compare(first, second)

    monkeypatch.setattr(duplicates, "given_names_match", counting)

    found = pairs(*contacts)

    assert found == [(50_001, 50_002)]
    assert 0 < comparisons < 2 * len(contacts)
