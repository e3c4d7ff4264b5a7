"""The author's own words: text/plain preferred, HTML stripped, quoted replies, forwarded
messages and signatures removed, snippets of at most 280 characters."""

from __future__ import annotations

from email.message import EmailMessage

from goodwill.sources.mail_parse import every_message, read_message
from goodwill.sources.mail_records import MailMessage, MailOrigin
from goodwill.sources.mail_text import author_text, html_to_text, own_words, snippet


def read(raw: bytes) -> MailMessage:
    record = read_message(
        raw,
        origin=MailOrigin("m.eml"),
        folder="INBOX",
        snippets=every_message,
        bodies=every_message,
    )
    assert isinstance(record, MailMessage)
    return record


def test_plain_text_is_preferred_to_html() -> None:
    message = EmailMessage()
    message["From"] = "ann@example.com"
    message.set_content("Plain words.")
    message.add_alternative("<p>HTML words.</p>", subtype="html")
    assert read(message.as_bytes()).body == "Plain words."


def test_an_html_only_body_is_read_as_its_visible_text() -> None:
    message = EmailMessage()
    message["From"] = "ann@example.com"
    message.set_content(
        "<html><head><style>p {color: red}</style><title>x</title></head><body>"
        "<p>Hi Bob,</p><p>Could you <b>introduce</b> me to Carla?&nbsp;Thanks &amp; cheers</p>"
        "<script>alert(1)</script>"
        '<div class="gmail_quote">On Mon, Bob wrote:<blockquote>old text</blockquote></div>'
        "</body></html>",
        subtype="html",
    )
    assert read(message.as_bytes()).body == (
        "Hi Bob,\n\nCould you introduce me to Carla? Thanks & cheers"
    )


def test_text_in_an_attachment_is_not_the_body() -> None:
    message = EmailMessage()
    message["From"] = "ann@example.com"
    message.set_content("See the notes attached.")
    message.add_attachment("secret notes", filename="notes.txt")
    assert read(message.as_bytes()).body == "See the notes attached."


def test_a_body_in_an_odd_charset_decodes() -> None:
    raw = (
        b"From: a@example.com\nContent-Type: text/plain; charset=koi8-r\n"
        b"Content-Transfer-Encoding: 8bit\n\n" + "Привет, как дела?".encode("koi8-r")
    )
    assert read(raw).body == "Привет, как дела?"


def test_a_quoted_printable_body_in_latin1_mislabelled_as_ascii_still_reads() -> None:
    raw = (
        b"From: a@example.com\nContent-Type: text/plain; charset=us-ascii\n"
        b"Content-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe\n"
    )
    assert read(raw).body == "Grüße"


def test_a_top_posted_reply_keeps_only_the_new_words() -> None:
    text = (
        "Yes, Thursday works.\n\n"
        "On Tue, Mar 5, 2024 at 10:00 AM Bob Example <bob@example.com>\nwrote:\n"
        "> Can we meet on Thursday?\n> Bob\n"
    )
    assert own_words(text) == "Yes, Thursday works."


def test_answers_written_between_quotes_are_kept() -> None:
    text = (
        "On 5 Mar 2024, Bob wrote:\n> Can you do Thursday?\nYes.\n\n"
        "> And bring the slides?\nOf course.\n"
    )
    assert own_words(text) == "Yes.\n\nOf course."


def test_outlook_replies_lose_the_quoted_header_block_and_all_below() -> None:
    text = (
        "Happy to help.\n\n________________________________\n"
        "From: Bob <bob@example.com>\nSent: Tuesday\nSubject: Help\n\nCould you help?\n"
    )
    assert own_words(text) == "Happy to help."
    without_line = "Happy to help.\n\nFrom: Bob <bob@example.com>\nSent: Tuesday\n\nHelp?\n"
    assert own_words(without_line) == "Happy to help."


def test_german_and_french_attributions_are_recognised() -> None:
    assert own_words("Gerne.\n\nAm 05.03.2024 um 10:00 schrieb Bob:\n> Hilfe?\n") == "Gerne."
    assert own_words("Volontiers.\n\nLe 5 mars 2024, Bob a écrit :\n> Aide ?\n") == ("Volontiers.")


def test_forwarded_messages_are_not_the_senders_words() -> None:
    text = "FYI, see below.\n\n---------- Forwarded message ---------\nFrom: x\n\nOld news\n"
    assert own_words(text) == "FYI, see below."


def test_signatures_and_mobile_footers_are_removed() -> None:
    assert own_words("Sounds good.\n-- \nAnn Example\nDesigner\n") == "Sounds good."
    assert own_words("Sounds good.\n\nSent from my iPhone\n") == "Sounds good."


def test_a_closing_and_the_short_lines_after_it_are_removed() -> None:
    text = "Could you review my draft?\n\nBest regards,\nAnn\nAnn Example | Studio Ann\n"
    assert own_words(text) == "Could you review my draft?"


def test_thanks_inside_a_sentence_is_kept() -> None:
    assert own_words("Thanks, that helped a lot.\nSee you.") == (
        "Thanks, that helped a lot.\nSee you."
    )


def test_snippets_are_one_line_of_at_most_280_characters() -> None:
    long_text = "word " * 200
    cut = snippet(long_text)
    assert len(cut) <= 280
    assert cut.endswith("…")
    assert snippet("two\n\nlines") == "two lines"


def test_the_snippet_is_made_of_the_authors_words() -> None:
    raw = (
        b"From: a@example.com\n\nYes please!\n\nOn Mon, 4 Mar 2024, Bob wrote:\n"
        b"> Shall I introduce you to Carla?\n"
    )
    assert read(raw).snippet == "Yes please!"


def test_only_the_start_of_a_huge_message_is_read_for_a_snippet() -> None:
    raw = b"From: a@example.com\n\nStart of a long story.\n" + b"x" * 5_000_000
    assert author_text(raw, limit=64 * 1024).startswith("Start of a long story.")


def test_broken_html_gives_what_could_be_read() -> None:
    assert html_to_text("<p>Hello <b>there<p>Second</div></span>") == "Hello there\nSecond"


def test_nested_parts_are_found_even_when_one_boundary_begins_with_the_other() -> None:
    raw = (
        b"From: a@example.com\nContent-Type: multipart/mixed; boundary=b1\n\n"
        b'preamble text\n--b1\nContent-Type: multipart/alternative; boundary="b1-alt"\n\n'
        b"--b1-alt\nContent-Type: text/html\n\n<p>HTML words.</p>\n"
        b"--b1-alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        b"UGxhaW4gd29yZHMgd2l0aCDDqS4=\n--b1-alt--\n"
        b"--b1\nContent-Type: application/pdf\nContent-Disposition: attachment\n\n"
        b"JVBERi0=\n--b1--\n"
    )
    assert read(raw).body == "Plain words with é."


def test_a_part_without_content_type_is_plain_text() -> None:
    raw = (
        b"From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n"
        b"--x\n\nNo type, so plain text.\n--x--\n"
    )
    assert read(raw).body == "No type, so plain text."


def test_a_text_part_cut_off_by_the_snippet_window_still_gives_its_start() -> None:
    raw = (
        b"From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n--x\n"
        b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        + b"SGVsbG8gdGhlcmUs IGZyaWVuZC4g\n"
        * 4000
    )
    assert author_text(raw, limit=64 * 1024).startswith("Hello there, friend. Hello there")


def test_a_uuencoded_body_is_left_to_the_email_package_and_still_reads() -> None:
    raw = (
        b"From: a@example.com\nContent-Transfer-Encoding: x-uuencode\n\n"
        b"begin 644 -\n%2&5L;&\\`\n`\nend\n"
    )
    assert read(raw).body == "Hello"
