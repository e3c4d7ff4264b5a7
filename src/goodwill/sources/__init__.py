"""Parsers: bytes in, frozen records out. No Django here."""
