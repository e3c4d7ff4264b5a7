"""Who would enjoy this: the user's contacts ranked by how well an article suits them, each with
the words that matched and where we know them from.

BM25-style scoring: each contact is a small document made of fields (interests, job title,
organization, notes, subjects of past conversations, what they shared with the user), each field
weighted by how much it says about what the contact cares for. A ShareIndex is built once from
every contact's profile (an inverted index, term to contacts), so one article is scored by
walking only the postings of its own terms: 10,000 contacts take milliseconds, not seconds.

Rare words weigh more than common ones, measured on the user's own network (idf); two words
that follow each other in both the article and the profile ("cash flow") can count once more
as a phrase (Tuning.phrase_weight, off: it did not help on the evaluation set). A contact who
asked for no articles is never indexed; a contact who already has the item is skipped; only
contacts with enough evidence are suggested, at most a handful, and none at all when nobody
matches well: showing fewer than five is right when few contacts suit.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from goodwill.insight.terms import terms, words

DEFAULT_LIMIT = 5

FIELDS = ("interests", "position", "organization", "notes", "conversations", "shared_with_you")
FIELD_LABELS: dict[str, str] = {
    "interests": "their interests",
    "position": "their work",
    "organization": "their organization",
    "notes": "your notes",
    "conversations": "past conversations",
    "shared_with_you": "what they shared with you",
}

# How a conversation was had is not what it was about: "Call about home batteries" says
# nothing of calls. The first word of a conversation's subject is dropped when it is one of
# these (and an email subject's "Re:"/"Fwd:").
_MEDIUM_TEXT = """
    call calls called phone email emails mail mails meeting meet met coffee lunch dinner
    breakfast drinks chat chatted video zoom message messages text texted meetup visit walk
    workshop event talk intro introduction catch re fw fwd
"""
MEDIUM_WORDS = frozenset(_MEDIUM_TEXT.split())
_PHRASE_BREAK = re.compile(r"[.;:!?()\[\]\n]+")


@dataclass(frozen=True)
class Tuning:
    """The ranker's constants, in one place so bench/share_tune.py can search them. The
    defaults are the setting it chose on the development half of the evaluation set (the
    held-out half was not looked at; see docs/sharing.md)."""

    # How much one occurrence of a word in a field says about the contact. Interests are what
    # the user wrote down on purpose; a job title says what they do all day; an organization's
    # name matters when the article names it; notes and conversations are longer and noisier.
    interests: float = 2.0
    position: float = 1.5
    organization: float = 1.0
    notes: float = 1.2
    conversations: float = 1.0
    shared_with_you: float = 1.0
    # BM25's usual constants: k1 saturates repeated words, b discounts long profiles.
    k1: float = 1.2
    b: float = 0.5
    title_weight: float = 1.5
    # Two adjacent words matched as a phrase add this share of a word's weight (0: off).
    phrase_weight: float = 0.0
    # A suggestion must reach this share of the best contact's score: below it the article
    # suits them far less than it suits the others.
    relative_cutoff: float = 0.2
    # Evidence: the matching words, each counted by how rare it is in the user's network
    # (its idf divided by the idf of a word only one contact has: 1.0 for such a word, near
    # 0 for a word most contacts have). A suggestion needs at least this much: one shared
    # common word ("design", "call") is a coincidence, two telling words are a reason.
    min_evidence: float = 1.5
    # And at least this score, in units of "one rare word matched once in a field of weight
    # 1" (the score divided by the idf of a word only one contact has), so it means the same
    # in a network of 30 contacts and of 10,000.
    min_score: float = 2.0
    # A small network says little about which words are common: with two contacts who both
    # care for solar, "solar" is in every profile and yet telling. Rarity is measured as if the
    # network had at least this many contacts (the others having none of the words).
    min_network: int = 30
    # The older rule: at least this many different words must match.
    min_terms: int = 2
    # Drop the first word of a conversation subject when it says how, not what (MEDIUM_WORDS).
    strip_medium: bool = False

    def field_weight(self, name: str) -> float:
        return float(getattr(self, name))


DEFAULT_TUNING = Tuning()
# Kept for readers of the old constants.
FIELD_WEIGHTS: dict[str, float] = {name: DEFAULT_TUNING.field_weight(name) for name in FIELDS}


@dataclass(frozen=True)
class ContactProfile:
    """What the user knows of one contact, as plain text, for matching articles."""

    contact_id: int
    name: str
    interests: tuple[str, ...] = ()
    position: str = ""
    organization: str = ""
    notes: str = ""
    conversations: tuple[str, ...] = ()
    shared_with_you: tuple[str, ...] = ()
    # Keys of the items already shared with them (see ArticleText.key).
    already_shared: frozenset[str] = frozenset()
    no_articles: bool = False

    def field_parts(self) -> dict[str, tuple[str, ...]]:
        """Each field as its separate items (one interest, one conversation subject)."""
        return {
            "interests": self.interests,
            "position": (self.position,),
            "organization": (self.organization,),
            "notes": (self.notes,),
            "conversations": self.conversations,
            "shared_with_you": self.shared_with_you,
        }

    def field_texts(self) -> dict[str, str]:
        return {
            "interests": " ; ".join(self.interests),
            "position": self.position,
            "organization": self.organization,
            "notes": self.notes,
            "conversations": " ; ".join(self.conversations),
            "shared_with_you": " ; ".join(self.shared_with_you),
        }


@dataclass(frozen=True)
class ArticleText:
    """An article to share: its address (key: the same item however the URL was written), its
    title and its text."""

    key: str
    title: str
    text: str


@dataclass(frozen=True)
class MatchReason:
    """Where a match comes from (e.g. "their interests") and the article's words that matched."""

    source: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ShareSuggestion:
    """A contact the article suits, how well, and why."""

    contact_id: int
    name: str
    score: float
    reasons: tuple[MatchReason, ...]

    @property
    def matched_words(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for reason in self.reasons:
            for word in reason.words:
                seen.setdefault(word)
        return tuple(seen)

    @property
    def why(self) -> str:
        """The reasons in one sentence: "Matches their interests (solar) and your notes (roofs)"."""
        parts = [f"{reason.source} ({', '.join(reason.words)})" for reason in self.reasons]
        if not parts:
            return ""
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Matches {listed}."


@dataclass
class _Posting:
    contact: list[int] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)


def _phrase(first: str, second: str) -> str:
    # A space never occurs inside a term, so a phrase cannot collide with a word.
    return f"{first} {second}"


def _field_terms(name: str, items: Iterable[str], tuning: Tuning) -> Iterator[tuple[str, bool]]:
    """(term, is_phrase) for each word of a field's items, and each pair of adjacent words
    within a sentence when phrases count."""
    for item in items:
        for sentence in _PHRASE_BREAK.split(item):
            found = [term for term, _word in terms(sentence)]
            if (
                tuning.strip_medium
                and name == "conversations"
                and found
                and _first_word(sentence) in MEDIUM_WORDS
            ):
                found = found[1:]
            for term in found:
                yield term, False
            if tuning.phrase_weight:
                for first, second in itertools.pairwise(found):
                    yield _phrase(first, second), True


def _plain(name: str, tuning: Tuning) -> bool:
    """Whether a field's terms are just its words (no phrases, nothing dropped)."""
    return not tuning.phrase_weight and not (tuning.strip_medium and name == "conversations")


def _first_word(text: str) -> str:
    for word in words(text):
        return word
    return ""


class ShareIndex:
    """Every contact's profile as weighted terms, built once and reused for many articles."""

    def __init__(self, profiles: Iterable[ContactProfile], tuning: Tuning = DEFAULT_TUNING) -> None:
        self.tuning = tuning
        self._profiles: list[ContactProfile] = [p for p in profiles if not p.no_articles]
        raw: list[dict[str, float]] = []
        lengths: list[float] = []
        for profile in self._profiles:
            weighted: defaultdict[str, float] = defaultdict(float)
            length = 0.0
            for name, items in profile.field_parts().items():
                weight = tuning.field_weight(name)
                if _plain(name, tuning):  # the common case, kept fast: words only
                    for item in items:
                        for term, _word in terms(item):
                            weighted[term] += weight
                            length += weight
                    continue
                for term, is_phrase in _field_terms(name, items, tuning):
                    if is_phrase:
                        weighted[term] += weight * tuning.phrase_weight
                    else:
                        weighted[term] += weight
                        length += weight
            raw.append(weighted)
            lengths.append(length)
        average = (sum(lengths) / len(lengths)) if lengths else 1.0
        k1, b = tuning.k1, tuning.b
        postings: dict[str, _Posting] = {}
        for index, contact_terms in enumerate(raw):
            norm = k1 * (1 - b + b * (lengths[index] / average if average else 1.0))
            for term, tf in contact_terms.items():
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = _Posting()
                posting.contact.append(index)
                posting.weight.append(tf * (k1 + 1) / (tf + norm))
        count = max(len(self._profiles), tuning.min_network)
        self._postings = postings
        self._idf = {term: _idf(count, len(p.contact)) for term, p in postings.items()}
        # The idf of a word only one contact has: the unit of evidence and of the score floor.
        self._unit = _idf(count, 1) if count > 1 else 1.0

    def __len__(self) -> int:
        return len(self._profiles)

    def suggest(
        self, article: ArticleText, *, limit: int = DEFAULT_LIMIT, exclude: Iterable[int] = ()
    ) -> list[ShareSuggestion]:
        """The contacts the article suits best, best first, at most `limit`, each with its reasons;
        never one who already has the item, asked for no articles, or is in `exclude`; none
        whose match is too weak, so the list may be short or empty."""
        tuning = self.tuning
        query = _article_terms(article, tuning)
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        evidence: dict[int, float] = {}
        unit = self._unit
        for term, (weight, _word) in query.items():
            posting = self._postings.get(term)
            if posting is None:
                continue
            idf = self._idf[term]
            boost = weight * idf
            is_word = " " not in term
            rarity = idf / unit
            for index, contact_weight in zip(posting.contact, posting.weight, strict=True):
                scores[index] = scores.get(index, 0.0) + boost * contact_weight
                if is_word:
                    matched[index] = matched.get(index, 0) + 1
                    evidence[index] = evidence.get(index, 0.0) + rarity
        floor = tuning.min_score * unit
        scores = {
            index: score
            for index, score in scores.items()
            if matched.get(index, 0) >= tuning.min_terms
            and evidence.get(index, 0.0) >= tuning.min_evidence
            and score >= floor
        }
        excluded = set(exclude)
        ranked = heapq.nlargest(limit * 4 + len(excluded), scores.items(), key=lambda kv: kv[1])
        suggestions: list[ShareSuggestion] = []
        best = 0.0
        for index, score in ranked:
            profile = self._profiles[index]
            if profile.contact_id in excluded or article.key in profile.already_shared:
                continue
            best = best or score
            if score < best * tuning.relative_cutoff:
                break
            suggestions.append(
                ShareSuggestion(
                    contact_id=profile.contact_id,
                    name=profile.name,
                    score=round(score, 3),
                    reasons=_reasons(profile, query, self._idf, tuning),
                )
            )
            if len(suggestions) == limit:
                break
        return suggestions


def _idf(count: int, having: int) -> float:
    """BM25's idf, always above 0: rare words weigh more than common ones."""
    return math.log(1 + (count - having + 0.5) / (having + 0.5))


def suggest_contacts(
    profiles: Sequence[ContactProfile],
    article: ArticleText,
    *,
    limit: int = DEFAULT_LIMIT,
    tuning: Tuning = DEFAULT_TUNING,
) -> list[ShareSuggestion]:
    """One-off ranking; build a ShareIndex instead to rank many articles against one network."""
    return ShareIndex(profiles, tuning).suggest(article, limit=limit)


def _article_terms(article: ArticleText, tuning: Tuning) -> dict[str, tuple[float, str]]:
    """Each term of the article with its weight (title words count more) and first word; and
    each pair of adjacent words, when phrases count."""
    counts: defaultdict[str, float] = defaultdict(float)
    first_word: dict[str, str] = {}
    for text, weight in ((article.title, tuning.title_weight), (article.text, 1.0)):
        for sentence in _PHRASE_BREAK.split(text):
            found = list(terms(sentence))
            for term, word in found:
                counts[term] += weight
                first_word.setdefault(term, word)
            if tuning.phrase_weight:
                for (first, word), (second, _) in itertools.pairwise(found):
                    phrase = _phrase(first, second)
                    counts[phrase] += weight
                    first_word.setdefault(phrase, word)
    # Repeating a word makes an article more about it, with diminishing returns.
    return {term: (1 + math.log(count), first_word[term]) for term, count in counts.items()}


def _reasons(
    profile: ContactProfile,
    query: dict[str, tuple[float, str]],
    idf: dict[str, float],
    tuning: Tuning,
) -> tuple[MatchReason, ...]:
    """Each field's matching words, the rarer (more telling) first; a word is named once, in
    the first field it appears in."""
    reasons: list[MatchReason] = []
    claimed: set[str] = set()
    for name, items in profile.field_parts().items():
        matched: dict[str, float] = {}
        for term, is_phrase in _field_terms(name, items, tuning):
            if not is_phrase and term in query and term not in claimed:
                matched[query[term][1]] = idf.get(term, 0.0)
                claimed.add(term)
        if matched:
            words_found = sorted(matched, key=lambda word: -matched[word])[:5]
            reasons.append(MatchReason(source=FIELD_LABELS[name], words=tuple(words_found)))
    return tuple(reasons)
