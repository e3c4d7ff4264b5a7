"""Header fields are read in one pass by the email package's compat32 rules; these tests hold
that reading to the email package's own (BytesHeaderParser, raw_items) on awkward header blocks
written here, and on every file of the real mail corpora in ../shared/data/fixtures when they
are beside the repository."""

from __future__ import annotations

from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

import pytest

from goodwill.sources.mail_parse import _fields, header_block

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fixtures"
CORPORA = ("notmuch", "mail-parser", "ruby-mail")


def email_package_fields(block: bytes) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in BytesHeaderParser(policy=compat32).parsebytes(block).raw_items():
        fields.setdefault(name.strip().lower(), []).append(str(value))
    return fields


AWKWARD = [
    b"From: a@example.com\nTo: b@example.com\nSubject: plain\n\nbody\n",
    b"From: a@example.com\r\nSubject: crlf\r\n folded\r\n\tagain\r\n\r\nbody",
    b"Subject: lone carriage returns\rFrom: a@example.com\r\rbody",
    b" continuation first\nFrom: a@example.com\n\n",
    b"From sender@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: x\n\n",
    b"From: a@example.com\nSubject: then a From_ line last\nFrom nobody\n",
    b"From: a@example.com\nFrom somewhere in the middle\nSubject: x\n\n",
    b": no name\nFrom: a@example.com\n continued after no name\n\n",
    b"From: a@example.com\nSubject  : space before the colon\nTo: b@example.com\n\n",
    b"From: a@example.com\nnot a header line\nTo: b@example.com\n\n",
    b"Subject: =?utf-8?q?caf=C3=A9?=\nFrom: \xc3\xa9milie <e@example.com>\n\n",
    b"X-8bit-N\xe4me: value\nFrom: a@example.com\n\n",
    b"Subject:no space\nSubject:   two spaces \t\nTo:\n\n",
    b"Subject: value without an end",
    b"",
    b"\n\nbody only",
    b"From: a@example.com\nReferences: <1@x>\n <2@x>\n\t<3@x>\nSubject: x\n\n",
    b"From: a@example.com\x0bvertical tab\nSubject: form\x0cfeed\n\n",
    b"From: a@example.com\nSubject: \xe2\x80\xa8 line separator inside\n\n",
]


@pytest.mark.parametrize("raw", AWKWARD)
def test_awkward_header_blocks_read_as_the_email_package_reads_them(raw: bytes) -> None:
    assert _fields(raw) == email_package_fields(raw)
    block = header_block(raw)
    assert _fields(block) == email_package_fields(block)


def _corpus_files() -> list[Path]:
    return sorted(
        path
        for corpus in CORPORA
        if (FIXTURES / corpus).is_dir()
        for path in (FIXTURES / corpus).rglob("*")
        if path.is_file()
    )


@pytest.mark.skipif(not _corpus_files(), reason=f"no mail corpora at {FIXTURES}")
def test_every_real_message_reads_as_the_email_package_reads_it() -> None:
    differ = []
    files = _corpus_files()
    for path in files:
        raw = path.read_bytes()
        for block in (header_block(raw), raw[:65536]):
            if _fields(block) != email_package_fields(block):
                differ.append(str(path))
    assert len(files) > 100
    assert differ == []
