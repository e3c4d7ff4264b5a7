"""The outreach coach: how a draft reads against the habits of give-first networking.

Six rules, each a plain reading of the draft's words that quotes what it saw: talking about
yourself more than about the reader, a pitch before any value offered, a vague "let me know if
there's anything I can do" with nothing concrete behind it, an ask to someone the user has never
given anything to, no personal reference to the reader, and far too many words for what it asks.
Asks and offers are read by insight/asks.py, the detector the reply radar uses. docs/coach.md
describes each rule and how often the coach agrees with a person on its set of drafts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from goodwill.insight.asks import IntentKind, detect_intents, offer_cue, split_sentences


class Rule(StrEnum):
    SELF_FOCUS = "self_focus"
    PITCH_FIRST = "pitch_first"
    VAGUE_OFFER = "vague_offer"
    ASK_BEFORE_GIVE = "ask_before_give"
    IMPERSONAL = "impersonal"
    TOO_LONG = "too_long"


class Verdict(StrEnum):
    READY = "ready to send"
    SECOND_PASS = "worth a second pass"
    REWRITE = "rewrite before sending"


@dataclass(frozen=True)
class Finding:
    """One thing the coach would change: which rule, the draft's own words it means (each an
    exact substring of the draft), why it matters and what to write instead."""

    rule: Rule
    quotes: tuple[str, ...]
    explanation: str
    suggestion: str


@dataclass(frozen=True)
class CoachReport:
    """What the coach makes of a draft: its findings in rule order and an overall verdict."""

    findings: tuple[Finding, ...]
    verdict: Verdict
    verdict_explanation: str
    word_count: int
    ask_count: int

    @property
    def rules(self) -> frozenset[Rule]:
        return frozenset(finding.rule for finding in self.findings)


# Words past this many, for each thing the draft asks or offers, are more than the reader needs.
WORDS_PER_REQUEST = 150
# Below this many first-person words a draft is too short to be "about you" in any way that shows.
SELF_WORDS_MINIMUM = 4
QUOTES_LIMIT = 3

_SELF_WORD_LIST = (
    "i me my mine myself i'm i've i'd i'll we us our ours ourselves we're we've we'd we'll"
)
_SELF_WORDS = frozenset(_SELF_WORD_LIST.split())
_READER_WORD_LIST = "you your yours yourself you're you've you'll you'd"
_READER_WORDS = frozenset(_READER_WORD_LIST.split())
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")

# Phrases that sell the user's services. "rates" alone is enough: few give-first notes quote them.
_PITCH = re.compile(
    r"\b(?:(?:our|my) (?:services|rates|packages|agency|portfolio|brochure)|we (?:offer|provide)|"
    r"(?:book|schedule|set up|arrange) a (?:\d+[- ]minute )?(?:call|demo|meeting)|"
    r"hire|hiring|rates|special offer|discount|free (?:audit|consultation|trial))\b",
    re.IGNORECASE,
)
# Value given without the offer patterns of asks.py: things handed over, people thought of.
_GIVING = re.compile(
    r"\b(?:here (?:is|are)|here's|i(?: have|'ve)? attached|attached (?:them|it|is|are)|"
    r"(?:happy|glad) to (?:share|send|pass)|i (?:can|could) (?:also )?share|"
    r"thought of you|put together|free to pass on|as promised|came across)\b|https?://",
    re.IGNORECASE,
)
# Offers that promise nothing in particular: the reader must think up the favour themselves.
_VAGUE_OFFER = re.compile(
    r"\b(?:(?:let (?:me|us) know )?(?:if )?(?:there(?:'s| is) )?(?:anything|something) "
    r"(?:else )?(?:at all )?(?:that )?(?:i|we) can (?:do|help(?: with)?)(?: for you)?|"
    r"if (?:i|we) can (?:ever )?(?:be of (?:any )?(?:help|assistance|use|service)|help)"
    r"(?: in any way)?|(?:don't|do not) hesitate to (?:reach out|ask|get in touch|contact me)|"
    r"if you (?:ever )?need anything|how can i help)\b",
    re.IGNORECASE,
)
# "your <noun>" that any reader could be sent: not a reference to something of theirs.
_GENERIC_YOUR_LIST = """
    time consideration attention reply response help convenience business company
    organisation organization needs goals traffic sales revenue growth inbox day week schedule
    calendar thoughts earliest
    """
_GENERIC_YOUR = frozenset(_GENERIC_YOUR_LIST.split())
_YOUR_THING = re.compile(r"\byour\s+(?:own\s+|new\s+|recent\s+)?([^\W\d_]+)", re.IGNORECASE)
_YOU_RECALLED = re.compile(
    r"\byou (?:mentioned|said|asked|told me|wrote|posted|shared|were looking|had been)\b",
    re.IGNORECASE,
)
# Only at the very start of the draft: a name before a comma further down is a sign-off.
_GREETING_NAME = re.compile(r"\W*(?:(?i:hi|hello|hey|dear|morning)\s+)?([A-Z][\w'-]+)\s*[,!:\n]")
_NOT_NAME_LIST = (
    "hi hello hey dear there all team everyone everybody friend friends sir madam folks"
)
_NOT_NAMES = frozenset(_NOT_NAME_LIST.split())


def coach_draft(
    text: str, *, reader_name: str | None = None, given_to_reader: bool | None = None
) -> CoachReport:
    """Read a draft message and say what to change, quoting its words, with a verdict.

    `reader_name` is who it is for (their first name is looked for in the draft); with
    `given_to_reader` False the user has never given them anything, and an ask is flagged.
    None means unknown, and the rule that needs it stays quiet."""
    sentences = _located_sentences(text)
    intents = detect_intents(text)
    asks = [d.sentence for d in intents if d.kind is IntentKind.ASK]
    words = _WORD.findall(text)
    giving = _giving_sentences(sentences, frozenset(asks))
    checks = (
        _self_focus(sentences, giving),
        _pitch_first(text, giving),
        _vague_offer(text, giving),
        _ask_before_give(text, asks, given_to_reader),
        _impersonal(text, reader_name),
        _too_long(text, len(words), asks, giving),
    )
    findings = tuple(finding for finding in checks if finding is not None)
    verdict, why = _verdict(findings)
    return CoachReport(findings, verdict, why, len(words), len(asks))


# ---------------------------------------------------------------------------------------------
# Sentences with their place in the draft, so quotes are the draft's own text.


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


def _located_sentences(text: str) -> list[_Sentence]:
    located = []
    position = 0
    for sentence in split_sentences(text):
        found = _find(text, sentence, position)
        if found is not None:
            located.append(found)
            position = found.end
    return located


def _find(text: str, sentence: str, position: int = 0) -> _Sentence | None:
    # split_sentences joins wrapped lines with one space; the draft may have any whitespace.
    pattern = r"\s+".join(re.escape(word) for word in sentence.split())
    match = re.compile(pattern).search(text, position) if pattern else None
    if match is None:
        return None
    return _Sentence(match.start(), match.end(), match.group())


def _containing(sentences: Sequence[_Sentence], position: int) -> _Sentence | None:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None


def _lower_words(text: str) -> list[str]:
    return [word.replace("\u2019", "'").lower() for word in _WORD.findall(text)]


# ---------------------------------------------------------------------------------------------
# The rules.


def _self_focus(sentences: Sequence[_Sentence], giving: Sequence[_Sentence]) -> Finding | None:
    # "I can introduce you to Tom" says "I" but is about the reader: sentences that give are
    # left out of the count.
    about_you = [s for s in sentences if s not in giving]
    words = [word for s in about_you for word in _lower_words(s.text)]
    mine = sum(word in _SELF_WORDS for word in words)
    yours = sum(word in _READER_WORDS for word in words)
    if mine < SELF_WORDS_MINIMUM or mine <= yours:
        return None
    by_self_words = sorted(
        about_you,
        key=lambda s: -sum(word in _SELF_WORDS for word in _lower_words(s.text)),
    )
    quotes = tuple(s.text for s in by_self_words[:QUOTES_LIMIT] if _has_self_word(s.text))
    return Finding(
        Rule.SELF_FOCUS,
        quotes,
        f"It says I/me/my/we/our {mine} times and you/your {yours} times: it is about you, "
        "and the reader looks for themselves in it.",
        "Open with them (their work, their news, what they asked for) and cut each sentence "
        "about you that they do not need in order to answer.",
    )


def _has_self_word(text: str) -> bool:
    return any(word in _SELF_WORDS for word in _lower_words(text))


def _giving_sentences(sentences: Sequence[_Sentence], asks: frozenset[str]) -> list[_Sentence]:
    """The sentences that give the reader something concrete: an offer other than a vague one,
    a link, something attached or passed on. A sentence that sells or asks gives nothing."""
    giving = []
    for sentence in sentences:
        # "I have attached our brochure" sells; "would you be willing to introduce me" asks.
        if _PITCH.search(sentence.text) or " ".join(sentence.text.split()) in asks:
            continue
        offered = offer_cue(sentence.text) and not _VAGUE_OFFER.search(sentence.text)
        if offered or _GIVING.search(sentence.text):
            giving.append(sentence)
    return giving


def _pitch_first(text: str, giving: Sequence[_Sentence]) -> Finding | None:
    pitch = _PITCH.search(text)
    if pitch is None:
        return None
    values = [sentence.start for sentence in giving]
    if values and min(values) < pitch.start():
        return None
    pitches = [match.group() for match in _PITCH.finditer(text)][:QUOTES_LIMIT]
    return Finding(
        Rule.PITCH_FIRST,
        tuple(pitches),
        "It sells before it gives: the first thing of value to the reader is a pitch"
        + (", and nothing is offered later either." if not values else "."),
        "Lead with something useful to them (an introduction, an answer, a resource) and leave "
        "your services for when they ask, or for a later message.",
    )


def _vague_offer(text: str, giving: Sequence[_Sentence]) -> Finding | None:
    vague = _VAGUE_OFFER.search(text)
    if vague is None or giving:
        return None
    return Finding(
        Rule.VAGUE_OFFER,
        (vague.group(),),
        "An open offer with nothing concrete behind it leaves the reader to invent a favour, "
        "and almost nobody does.",
        "Offer one specific thing instead: an introduction to a named person, a resource, "
        'a review of their draft ("I can introduce you to Tom at Inkwell Press").',
    )


def _ask_before_give(
    text: str, asks: Sequence[str], given_to_reader: bool | None
) -> Finding | None:
    if given_to_reader is not False or not asks:
        return None
    quotes = tuple(
        found.text for sentence in asks[:QUOTES_LIMIT] if (found := _find(text, sentence))
    )
    return Finding(
        Rule.ASK_BEFORE_GIVE,
        quotes,
        "You have never given this person anything, and this message asks them for something.",
        "Give first: send something useful with no ask attached, and ask in a later message; "
        "or offer something concrete in this one before the ask.",
    )


def _impersonal(text: str, reader_name: str | None) -> Finding | None:
    if reader_name:
        first = reader_name.split()[0]
        if re.search(rf"\b{re.escape(first)}\b", text, re.IGNORECASE):
            return None
    elif (greeting := _GREETING_NAME.match(text)) and greeting.group(1).lower() not in _NOT_NAMES:
        # With no reader named, a name in the greeting ("Hi Sam,") is taken to be theirs.
        return None
    for match in _YOUR_THING.finditer(text):
        if match.group(1).lower() not in _GENERIC_YOUR:
            return None
    if _YOU_RECALLED.search(text):
        return None
    opening = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Finding(
        Rule.IMPERSONAL,
        (opening,) if opening else (),
        "Nothing in it is about this reader: no name, nothing of theirs, nothing they said. "
        "It could have been sent to anyone, and it reads that way.",
        "Use their name and mention one thing of theirs: their work, a post, something "
        "they told you, news about them.",
    )


def _too_long(
    text: str, word_count: int, asks: Sequence[str], giving: Sequence[_Sentence]
) -> Finding | None:
    if not asks:
        return None
    offers = len(giving)
    allowed = WORDS_PER_REQUEST * (len(asks) + offers)
    if word_count <= allowed:
        return None
    quote = _find(text, asks[0])
    return Finding(
        Rule.TOO_LONG,
        (quote.text,) if quote else (),
        f"{word_count} words for {_things(len(asks), 'ask')} and {_things(offers, 'offer')}: "
        f"the ask is buried, and readers skim after about {WORDS_PER_REQUEST} words.",
        "Cut to the ask and the one or two sentences the reader needs to say yes; put the "
        "ask in the first paragraph.",
    )


def _things(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


_SERIOUS = frozenset({Rule.PITCH_FIRST, Rule.ASK_BEFORE_GIVE})


def _verdict(findings: Sequence[Finding]) -> tuple[Verdict, str]:
    if not findings:
        return (
            Verdict.READY,
            "Nothing to change: it is about them, gives before it asks, and is short.",
        )
    rules = [finding.rule.value.replace("_", " ") for finding in findings]
    serious = sum(finding.rule in _SERIOUS for finding in findings)
    if len(findings) >= 3 or serious == 2:
        return Verdict.REWRITE, (
            f"{len(findings)} findings ({', '.join(rules)}): as written it takes more than "
            "it gives; start again from what the reader gets."
        )
    return Verdict.SECOND_PASS, (
        f"{_things(len(findings), 'finding')} ({', '.join(rules)}): a few edits and it is ready."
    )
