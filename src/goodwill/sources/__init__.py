"""Parsers: bytes in, frozen records out. No Django here.

The way in is detect.read_source(path_or_bytes, name=..., format=None, default_region="US"): it
reads the format from the content and yields records.py's records, with a SkippedRecord for each
record it could not use, or raises errors.SourceError (one line) for a file it cannot read at all.
"""
