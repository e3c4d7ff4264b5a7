"""`goodwill asks`: the ask detector on your own sentences, one a line, with no database."""

from __future__ import annotations

from typing import BinaryIO

import click

from goodwill.cli import main
from goodwill.insight.asks import ASK_THRESHOLD, net_ask_score, sentence_intents


@main.command()
@click.argument("lines", type=click.File("rb"), default="-", metavar="[FILE]")
@click.option(
    "--why", is_flag=True, help="Add a tab and what made the score, and any offer or promise seen."
)
def asks(lines: BinaryIO, why: bool) -> None:
    """Say which lines of text ask the reader for something.

    For each line of standard input (or FILE), in order, prints `ask` or `no`, a tab, and the
    ask score from 0 to 1 (an ask from 0.5 up). Each line is read as one sentence, as the reply
    radar reads it: an offer such as "let me know if I can help" is not an ask (--why shows
    it). Needs no database; docs/asks.md says how the detector was trained and how often it is
    right.
    """
    # Bytes, decoded leniently: a stray Latin-1 byte in pasted mail must not stop the run.
    for raw in lines:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        score = net_ask_score(line)
        verdict = "ask" if score >= ASK_THRESHOLD else "no"
        if why:
            reasons = "; ".join(detection.why for detection in sentence_intents(line))
            click.echo(f"{verdict}\t{score:.2f}\t{reasons}")
        else:
            click.echo(f"{verdict}\t{score:.2f}")
