from __future__ import annotations

import pytest

from goodwill.sources.handles import (
    HandleError,
    normalize_email,
    normalize_handle,
    normalize_linkedin_url,
    normalize_phone,
    normalize_url,
)


def test_an_email_matches_itself_whatever_its_case_and_wrapping() -> None:
    assert normalize_email(" <mailto:Lori@Northwind.Example> ") == "lori@northwind.example"


def test_text_that_is_no_email_is_refused_by_name() -> None:
    with pytest.raises(HandleError, match="'not an address' is not an email address"):
        normalize_email("not an address")


def test_a_phone_is_written_in_e164() -> None:
    assert normalize_phone("(617) 236-0442") == "+16172360442"
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"


def test_a_phone_without_country_code_is_read_in_the_default_region() -> None:
    assert normalize_phone("0351 223344", default_region="DE") == "+49351223344"
    assert normalize_phone("020 7946 0958", "gb") == "+442079460958"


def test_a_foreign_national_number_is_not_passed_off_as_one_of_the_default_region() -> None:
    with pytest.raises(HandleError, match="not a valid US number and has no country code"):
        normalize_phone("0351 223344", default_region="US")


def test_the_same_number_in_two_spellings_is_one_handle() -> None:
    assert normalize_phone("tel:+1-617-236-0442") == normalize_phone("617.236.0442")


def test_a_phone_extension_is_kept_so_two_desks_of_one_switchboard_stay_apart() -> None:
    assert normalize_phone("tel:+1-418-656-9254;ext=102") == "+14186569254;ext=102"
    assert normalize_phone("+1 418 656 9254 ext. 103") == "+14186569254;ext=103"


def test_a_phone_too_short_says_so() -> None:
    with pytest.raises(HandleError, match="'12345' is too short to be a phone number"):
        normalize_phone("12345")


def test_a_local_number_without_area_code_says_so() -> None:
    with pytest.raises(HandleError, match="has no area code"):
        normalize_phone("236-0442")


def test_words_are_not_a_phone_number() -> None:
    with pytest.raises(HandleError, match="'BusinessPhone' is not a phone number"):
        normalize_phone("BusinessPhone")


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(HandleError, match="'XX' is not a region code"):
        normalize_phone("+1 617 236 0442", default_region="XX")


def test_normalize_handle_passes_the_default_region_to_phones() -> None:
    assert normalize_handle("phone", "030 1234567", default_region="DE") == "+49301234567"
    assert normalize_handle("phone", "+1 415 555 0134") == "+14155550134"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane-doe/",
        "http://linkedin.com/in/jane-doe",
        "www.linkedin.com/in/jane-doe",
        "https://de.linkedin.com/in/jane-doe",
        "https://uk.linkedin.com/in/Jane-Doe?trk=public_profile",
        "https://www.linkedin.com/in/jane-doe/de",
        "https://m.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/mwlite/in/jane-doe",
        "linkedin.com/in/jane-doe#experience",
    ],
)
def test_every_spelling_of_a_linkedin_profile_is_one_handle(url: str) -> None:
    assert normalize_linkedin_url(url) == "linkedin.com/in/jane-doe"


def test_a_percent_encoded_profile_matches_the_same_profile_written_plainly() -> None:
    encoded = normalize_linkedin_url("https://www.linkedin.com/in/linn%C3%A9a-blixt")
    assert encoded == normalize_linkedin_url("https://www.linkedin.com/in/linnéa-blixt")
    assert encoded == "linkedin.com/in/linnéa-blixt"


def test_a_decomposed_accent_matches_the_precomposed_one() -> None:
    decomposed = "https://www.linkedin.com/in/linne\u0301a-blixt"
    assert normalize_linkedin_url(decomposed) == "linkedin.com/in/linnéa-blixt"


def test_an_old_pub_address_becomes_the_in_address_it_redirects_to() -> None:
    old = "https://sy.linkedin.com/pub/krzysztof-marzec/a7/576/b50?trk=biz_employee_pub"
    assert normalize_linkedin_url(old) == "linkedin.com/in/krzysztof-marzec-b50576a7"


def test_an_old_pub_address_pads_short_id_parts() -> None:
    assert normalize_linkedin_url("linkedin.com/pub/jo-li/1/2/3") == "linkedin.com/in/jo-li-0030021"


def test_an_old_numeric_profile_address_keeps_its_member_id() -> None:
    old = "http://www.linkedin.com/profile/view?id=12345&trk=tab_pro"
    assert normalize_linkedin_url(old) == "linkedin.com/profile/view?id=12345"


@pytest.mark.parametrize(
    "url",
    ["https://www.linkedin.com/company/acme", "https://example.com/in/jane", "linkedin.com/in/"],
)
def test_what_is_not_a_profile_is_refused(url: str) -> None:
    with pytest.raises(HandleError, match="is not a LinkedIn profile URL"):
        normalize_linkedin_url(url)


def test_a_website_keeps_its_shape() -> None:
    assert normalize_url("https://www.Example.com/Blog/") == "example.com/Blog"
    assert normalize_handle("website", "example.com/?p=1") == "example.com?p=1"
