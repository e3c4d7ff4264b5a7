"""Which sentences ask the reader for something, and which offer help or promise something.

Asks come from a linear model learnt from 3,657 labelled email sentences: TF-IDF over word
n-grams and a few cues (a question mark, "could you", "please", "let me know", a verb first),
then logistic regression. scripts/train-ask-model trains and measures it (docs/asks.md has the
figures); the learnt weights ship in the package as data/ask_model.json.gz and are applied here
in plain Python, so nothing is downloaded and scikit-learn is not needed at run time.

Offers ("happy to help", "I can introduce you") and promises ("I'll send it over") have no
labelled data, so they come from phrase patterns, and each detection names the phrase it saw.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

# At or above this score a sentence counts as an ask.
ASK_THRESHOLD = 0.5

# Bump when sentence_features changes: a model trained on other features must not be loaded.
FEATURES_VERSION = 1
MODEL_FORMAT = "goodwill-ask-model"
MODEL_RESOURCE = "data/ask_model.json.gz"

# Rules give no probability: a matched phrase is a detection, and says which phrase it was.
RULE_SCORE = 1.0


class IntentKind(StrEnum):
    ASK = "ask"
    OFFER = "offer"
    PROMISE = "promise"


@dataclass(frozen=True, slots=True)
class Detection:
    """One intent found in one sentence: what kind, how sure, and what gave it away."""

    sentence: str
    kind: IntentKind
    score: float
    why: str


# ---------------------------------------------------------------------------------------------
# Features: shared by training (scripts/train-ask-model hands this function to scikit-learn as
# its analyzer) and by scoring here, so the two can never tokenise differently.

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def _straight(text: str) -> str:
    """The text with curly quotes and backticks as straight apostrophes. (Checking first is
    several times faster than translating every sentence: most have none.)"""
    if "\u2019" in text or "\u2018" in text or "`" in text:
        return text.translate(_APOSTROPHES)
    return text


# "$LINK" is how the training sentences mark a link that was taken out.
_TOKEN = re.compile(
    r"(?P<link>https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\$link\b)"
    r"|(?P<word>[^\W_]+(?:'[^\W_]+)?)"
    r"|(?P<mark>[?!:$])"
)
_YOU_MODAL = re.compile(
    r"\b(?:could|would|can|will|won't|wouldn't|couldn't|do|did|are|have)\s+(?:you|u|ya)\b"
)
_PLEASE = re.compile(r"\b(?:please|pls|plz|kindly)\b")
_LET_ME_KNOW = re.compile(r"\blet\s+(?:me|us)\s+know\b")
# A name or greeting before a comma ("Mark, ...", "Hi Sue - ...") is skipped before reading the
# opening words of a sentence, as are softeners that do not change its mood.
_VOCATIVE = re.compile(
    r"^\s*(?:(?:hi|hey|hello|dear)\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?\s*[,:-]+\s"
)
_YOU = frozenset({"you", "your", "yours", "u", "ya", "you're", "you'll", "you've", "you'd"})
_SOFTENERS = frozenset({"please", "pls", "kindly", "just", "also", "so", "and", "then", "now"})
# Verbs that open requests in mail (and the calls to action of marketing mail, which the model
# learns to tell apart from them by the words around them).
_IMPERATIVE_VERB_LIST = """
    add advise answer apply approve arrange ask attend book bring buy call cancel cc change check
    choose circle claim click come complete confirm connect consider contact continue copy
    coordinate create discuss do download draft drop email enjoy enter explore fax feel fill find
    fix follow forward get give go grab help hold include install introduce join keep learn let
    look loop mail make meet move note order pass pay pick ping print provide put read register
    remember remind remove reply respond return review ring save schedule see select send set
    share shop shoot sign sort start stop submit subscribe take tell think try update upgrade use
    visit watch write
    """
_IMPERATIVE_VERBS = frozenset(_IMPERATIVE_VERB_LIST.split())

# Cue features are named with a leading "#" and opening words with "^": tokens never contain
# either, so no n-gram collides with them.
CUE_DESCRIPTIONS: Mapping[str, str] = {
    "#ends_with_question_mark": "ends with a question mark",
    "#question_mark": "has a question mark",
    "#you_modal": 'asks "could/would/can you"',
    "#please": 'says "please"',
    "#let_me_know": 'says "let me know"',
    "#imperative": "opens with a verb",
    "#you": 'speaks to the reader ("you")',
    "#no_you": 'does not say "you"',
    "#link": "carries a link",
}


def _tokens(sentence: str, lowered: str | None = None) -> tuple[list[str], bool]:
    """The words of a sentence, lower-cased, links as "<link>"; and whether it had a link.
    `lowered` is the sentence already straightened and lower-cased, when the caller has it."""
    words: list[str] = []
    has_link = False
    if lowered is None:
        lowered = _straight(sentence).lower()
    for match in _TOKEN.finditer(lowered):
        if match.lastgroup == "link":
            words.append("<link>")
            has_link = True
        else:
            words.append(match.group())
    return words, has_link


def _opening_words(sentence: str, words: list[str] | None = None) -> list[str]:
    """The first two words that carry the mood, after any greeting or name and softeners.
    `words` are the sentence's tokens, when the caller has them (reused without a greeting)."""
    rest = _VOCATIVE.sub("", sentence, count=1)
    if words is None or rest != sentence:
        words, _ = _tokens(rest)
    opening = []
    for word in words:
        if word not in _SOFTENERS:
            opening.append(word)
            if len(opening) == 2:
                break
    return opening


def sentence_features(sentence: str) -> list[str]:
    """The features of one sentence: lower-cased word 1- to 3-grams with start and end marks
    ("<s> could you"), links as one word, its opening words after any greeting ("^send me"),
    and the cue features named in CUE_DESCRIPTIONS."""
    lowered = _straight(sentence).lower()
    words, has_link = _tokens(sentence, lowered)
    marked = ["<s>", *words, "</s>"]
    features = [*marked]
    features.extend(f"{a} {b}" for a, b in pairwise(marked))
    features.extend(f"{a} {b} {c}" for a, b, c in zip(marked, marked[1:], marked[2:], strict=False))
    opening = _opening_words(sentence, words)
    features.extend("^" + " ".join(opening[:size]) for size in range(1, len(opening) + 1))
    if lowered.rstrip(" \t\"')]*").endswith("?"):
        features.append("#ends_with_question_mark")
    if "?" in lowered:
        features.append("#question_mark")
    if _YOU_MODAL.search(lowered):
        features.append("#you_modal")
    if _PLEASE.search(lowered):
        features.append("#please")
    if _LET_ME_KNOW.search(lowered):
        features.append("#let_me_know")
    if opening and opening[0] in _IMPERATIVE_VERBS:
        features.append("#imperative")
    features.append("#you" if _YOU.intersection(words) else "#no_you")
    if has_link:
        features.append("#link")
    return features


# ---------------------------------------------------------------------------------------------
# The model: TF-IDF (sublinear term frequency, smoothed idf, L2 norm) and logistic regression,
# computed exactly as scikit-learn's TfidfVectorizer and LogisticRegression compute them.


class AskModelError(ValueError):
    """The ask model data is missing, damaged, or was trained on other features."""


@dataclass(frozen=True, slots=True)
class AskModel:
    """Learnt weights: for each feature its idf and its coefficient, and the intercept."""

    weights: Mapping[str, tuple[float, float]]
    intercept: float

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AskModel:
        """The model from its JSON form (see scripts/train-ask-model), checked for shape and
        for the features version it was trained on."""
        if data.get("format") != MODEL_FORMAT:
            raise AskModelError(f"not a {MODEL_FORMAT} file")
        if data.get("features_version") != FEATURES_VERSION:
            raise AskModelError(
                f"trained on features version {data.get('features_version')}, this code computes"
                f" version {FEATURES_VERSION}: run scripts/train-ask-model"
            )
        try:
            documents = int(data["documents"])
            terms, dfs, coefs = data["terms"], data["df"], data["coef"]
            intercept = float(data["intercept"])
        except (KeyError, TypeError, ValueError) as exc:
            raise AskModelError(f"missing or bad field: {exc}") from exc
        if not len(terms) == len(dfs) == len(coefs):
            raise AskModelError("terms, df and coef differ in length")
        weights = {
            term: (math.log((1 + documents) / (1 + df)) + 1.0, float(coef))
            for term, df, coef in zip(terms, dfs, coefs, strict=True)
        }
        return cls(weights=weights, intercept=intercept)

    def _weighted(self, sentence: str) -> tuple[list[tuple[str, float, float]], float]:
        """Each known feature with its TF-IDF value and coefficient, and the vector's L2 norm."""
        rows = []
        square_sum = 0.0
        for feature, count in Counter(sentence_features(sentence)).items():
            known = self.weights.get(feature)
            if known is None:
                continue
            idf, coef = known
            # Most features occur once, and 1 + log(1) is exactly 1.
            value = idf if count == 1 else (1.0 + math.log(count)) * idf
            square_sum += value * value
            rows.append((feature, value, coef))
        return rows, math.sqrt(square_sum)

    def score(self, sentence: str) -> float:
        """The probability that the sentence asks the reader for something."""
        return self._score(*self._weighted(sentence))

    def reasons(self, sentence: str, limit: int = 3) -> list[str]:
        """The features that pushed the sentence most towards an ask, strongest first, in words."""
        return self._reasons(*self._weighted(sentence), limit=limit)

    def score_and_reasons(self, sentence: str, threshold: float) -> tuple[float, list[str]]:
        """The score, and the reasons when the score reaches `threshold` (else none): the
        features are computed once for both."""
        rows, norm = self._weighted(sentence)
        score = self._score(rows, norm)
        return score, self._reasons(rows, norm) if score >= threshold else []

    def _score(self, rows: list[tuple[str, float, float]], norm: float) -> float:
        logit = self.intercept
        if norm:
            logit += sum(value * coef for _, value, coef in rows) / norm
        return _sigmoid(logit)

    def _reasons(
        self, rows: list[tuple[str, float, float]], norm: float, limit: int = 3
    ) -> list[str]:
        if not norm:
            return []
        pushes = sorted(
            ((value * coef / norm, feature) for feature, value, coef in rows if coef > 0),
            key=lambda push: (-push[0], push[1]),
        )
        reasons: list[str] = []
        for _, feature in pushes:
            reason = describe_feature(feature)
            # '"please"' adds nothing after 'says "please"'.
            if not any(reason in earlier for earlier in reasons):
                reasons.append(reason)
            if len(reasons) == limit:
                break
        return reasons


def _sigmoid(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    exp = math.exp(logit)
    return exp / (1.0 + exp)


def describe_feature(feature: str) -> str:
    """A feature as a person reads it: '"could you" at the start', 'ends with a question mark'."""
    if feature in CUE_DESCRIPTIONS:
        return CUE_DESCRIPTIONS[feature]
    if feature.startswith("^"):
        return f'opens with "{feature[1:]}"'
    words = feature.split(" ")
    at_start = words[0] == "<s>"
    at_end = words[-1] == "</s>"
    phrase = " ".join(word for word in words if word not in ("<s>", "</s>"))
    if not phrase:
        return "an empty sentence"
    if phrase == "?":
        return "ends with a question mark" if at_end else "has a question mark"
    place = " at the start" if at_start else " at the end" if at_end else ""
    return f'"{phrase}"{place}'


@cache
def shipped_model() -> AskModel:
    """The model that ships in the package, read once per process."""
    resource = files("goodwill.insight").joinpath(MODEL_RESOURCE)
    try:
        data = json.loads(gzip.decompress(resource.read_bytes()))
    except (OSError, ValueError) as exc:
        raise AskModelError(f"{MODEL_RESOURCE}: cannot read the ask model: {exc}") from exc
    return AskModel.from_json(data)


_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def _has_words(text: str) -> bool:
    if text.isascii():  # one search in C; the same answer as isalnum for ASCII
        return _ASCII_ALNUM.search(text) is not None
    return any(character.isalnum() for character in text)


# Formulas of courtesy that ask nothing, though their words ("meet", "take") often open asks in
# the training mail: the whole sentence must be one of them.
_COURTESY = re.compile(
    r"^\W*(?:hi|hey|hello|dear)?\W*(?:"
    r"(?:it was |it's |it is |so |really |very )*(?:nice|great|good|lovely|wonderful|a pleasure|"
    r"pleasure) (?:to )?(?:meet|meeting|see|seeing|hear from|hearing from|talk to|talking to|"
    r"speak with|speaking with|chat with|chatting with|e-meet) you"
    r"(?: too| again| all| both| yesterday| today| last week| the other day)?"
    r"|take care(?: of yourself)?"
    r"|(?:have|enjoy) (?:a |the |your )?(?:(?:great|good|nice|lovely|wonderful|fantastic|happy|"
    r"safe|relaxing|restful) )*(?:weekend|day|evening|night|trip|flight|holiday|holidays|"
    r"vacation|break|time|one|summer|week)"
    r"|(?:talk|speak|see you|catch you|chat) (?:soon|later|then|tomorrow|next week)"
    r"|hope (?:you're|you are|you've been|you have been|all is|all's|everything is|"
    r"this finds you|things are) (?:doing )?(?:well|good|great|fine)"
    r"|hope (?:this|that) helps"
    r"|(?:best|kind|warm|warmest) (?:regards|wishes)|regards|cheers|congratulations|congrats"
    r")\W*$"
)


def is_courtesy(sentence: str) -> bool:
    """Whether the sentence is only a formula of courtesy ("Nice to meet you!", "Take care"),
    after any name or greeting that opens it."""
    return bool(_COURTESY.match(_straight(_VOCATIVE.sub("", sentence, count=1)).lower()))


def _could_ask(sentence: str) -> bool:
    # Only a sentence with letters or digits that is more than a formula of courtesy is scored.
    return _has_words(sentence) and not is_courtesy(sentence)


def ask_score(sentence: str, model: AskModel | None = None) -> float:
    """How likely the sentence asks the reader to do something, from 0 to 1: the model's score,
    or 0 for a sentence with no letters or digits or one that is only a formula of courtesy.
    It counts as an ask at ASK_THRESHOLD and above."""
    if not _could_ask(sentence):
        return 0.0
    return (model or shipped_model()).score(sentence)


def ask_reasons(sentence: str, model: AskModel | None = None, limit: int = 3) -> list[str]:
    """Why the sentence reads as an ask: the features that pushed its score up most, in words."""
    if not _could_ask(sentence):
        return []
    return (model or shipped_model()).reasons(sentence, limit)


# ---------------------------------------------------------------------------------------------
# Offers and promises: phrase patterns, written out in full so what they catch can be read here;
# tests/insight/test_asks_rules.py holds sentences they must and must not catch. Each pattern
# names its cue, then runs on to the end of the clause ("I can introduce you | to Maria"): the
# whole clause belongs to the offer or promise, and is taken out before the rest of the sentence
# is scored as an ask.

_I = r"(?:i|we)"
_OFFERED_HELP = (
    r"(?:help|assist|introduce|intro|connect|put you in touch|review|take a look|look into|"
    r"answer|advise|recommend|refer|vouch|mentor|brainstorm|proofread|lend a hand|"
    r"make (?:an |the |some )?intro(?:duction)?s?|jump on a call|hop on a call|chat|talk)"
)
# Words around an offer that turn it into a polite imperative: "let me know if I can help",
# "if you need anything, just ask".
_LEAD_IN = (
    r"(?:(?:please\s+)?(?:do\s+)?(?:just\s+)?"
    r"(?:let (?:me|us) know|tell (?:me|us)|shout|give (?:me|us) a shout|just ask|ask|"
    r"reach out|get in touch|ping me|holler)\s*,?\s+)?"
)
_LEAD_OUT = (
    r"(?:\s*,?\s*(?:just\s+|please\s+|do\s+)*(?:ask|let (?:me|us) know|shout|give (?:me|us) a "
    r"shout|reach out|get in touch|ping me|holler)\b)?"
)
# A clause ends at punctuation or at a dash standing between spaces.
_CLAUSE_REST = r"(?P<rest>(?:(?!\s-\s)[^,;:.?!\u2013\u2014])*)"


@dataclass(frozen=True, slots=True)
class _Rule:
    """A phrase pattern, and words of which every match holds at least one. Looking for the
    words first (substring tests, in C) passes over the pattern for most sentences; one search
    for all the patterns at once cost more than running every one of them."""

    needs: tuple[str, ...]
    pattern: re.Pattern[str]


def _clause_rules(*rules: tuple[tuple[str, ...], str]) -> tuple[_Rule, ...]:
    return tuple(_Rule(needs, re.compile(f"(?:{cue}){_CLAUSE_REST}")) for needs, cue in rules)


_OFFER_RULES = _clause_rules(
    # "happy to help", "I'd be glad to introduce you", "we are more than happy to review it"
    (
        ("happy", "glad", "delighted", "willing", "keen"),
        rf"\b(?:{_I}(?:'m|'re|'d be|'ll be| am| are| would be| will be)\s+)?"
        r"(?:(?:more than|really|very|always|most|so)\s+)?"
        rf"(?:happy|glad|delighted|willing|keen)\s+to\s+(?:\w+\s+)?{_OFFERED_HELP}\b",
    ),
    # "I can introduce you to Maria", "we could help", "I can send you the deck"
    (
        ("can", "could", "able to"),
        rf"\b{_I}\s+(?:can|could|am able to|'d be able to|would be able to)\s+(?:also\s+)?"
        rf"(?:{_OFFERED_HELP}|send you|share (?:my|our|the|some)|pass (?:it|this|that|them|"
        r"your \w+) (?:on|along)|forward (?:it|this|that|your \w+))\b",
    ),
    # "let me know if there is anything I can do", "if I can be of any help"
    (
        ("can",),
        rf"{_LEAD_IN}\b(?:if|whether)\s+(?:there(?:'s| is)\s+)?(?:anything|something|any way)\s+"
        rf"(?:else\s+)?(?:at all\s+)?(?:that\s+)?{_I}\s+can\s+(?:do|help)\b{_LEAD_OUT}",
    ),
    (
        ("can",),
        rf"{_LEAD_IN}\bif\s+{_I}\s+can\s+(?:ever\s+)?(?:be of\s+(?:any\s+)?"
        rf"(?:help|assistance|use|service)|help|do anything|assist)\b{_LEAD_OUT}",
    ),
    (
        ("need",),
        rf"{_LEAD_IN}\bif\s+you\s+(?:ever\s+)?need\s+(?:anything|any help|a hand|help|"
        rf"an intro(?:duction)?|support|me|someone to talk to)\b{_LEAD_OUT}",
    ),
    # "Anything I can do?", "How can I help?", "Can I help?", "Want me to introduce you?"
    (("can",), rf"^\W*(?:is there\s+)?anything\s+(?:else\s+)?{_I}\s+can\s+do\b"),
    (("can",), rf"\bhow\s+can\s+{_I}\s+help\b"),
    (("help", "assist"), rf"\b(?:can|may|could|shall)\s+{_I}\s+(?:help|assist)\b"),
    (("like", "want"), r"\b(?:would|do)\s+you\s+(?:like|want)\s+me\s+to\b"),
    (("want",), r"^\W*want\s+me\s+to\b"),
    (
        ("shall", "should"),
        rf"\b(?:shall|should)\s+{_I}\s+(?:send|introduce|intro|connect|put you in touch|forward|"
        r"share|set up|ask)\b",
    ),
    # Standing offers of availability.
    (
        ("hesitate",),
        r"\b(?:don't|do not|never)\s+hesitate\s+to\s+(?:reach out|ask|contact|get in touch|call|"
        r"email|ping|let me know)\b",
    ),
    (
        ("feel free to",),
        r"\bfeel free to\s+(?:reach out|ask|get in touch|contact me|call me|ping me|email me|"
        r"lean on me)\b",
    ),
    (
        ("need",),
        r"\b(?:i'm|i am|we're|we are)\s+(?:always\s+)?(?:here|around|available)\s+"
        r"(?:if|whenever|should|when)\s+you\s+need\b",
    ),
    (("help",), rf"\b{_I}(?:'d| would)\s+(?:love|like)\s+to\s+help\b"),
    (
        ("know",),
        rf"\b{_I}\s+know\s+(?:someone|somebody|a person|people|a few people)\s+who\s+"
        r"(?:could|can|might|may|would)\b",
    ),
    (("help",), r"^\W*let\s+me\s+help\b"),
)

# Verbs after "I'll" that state a plan, a fact or a feeling rather than commit to doing something.
_NOT_PROMISED = frozenset(
    {"be", "not", "never", "see", "miss", "need", "want", "wait", "probably", "likely", "have"}
)
_PROMISE_RULES = _clause_rules(
    # "I'll keep you in mind", "we will send it over", "I'm going to follow up"
    (
        ("'ll", "will", "shall", "going to"),
        rf"\b{_I}\s*(?:'ll| will| shall|'m going to| am going to|'re going to| are going to)\s+"
        r"(?:(?:also|definitely|certainly|surely|gladly|happily|then|now|just|personally|"
        r"try to|make sure to|be sure to|be sure and)\s+)*(?P<verb>[a-z]+)\b",
    ),
    (
        ("'ll", "will"),
        rf"\b{_I}(?:'ll| will) be (?:in touch|sure to|back to you|back in touch)\b",
    ),
    (
        ("'ll", "will"),
        rf"\b{_I}(?:'ll| will) have (?:it|this|that|them|the \w+|something|an answer)\b",
    ),
    (("promise",), r"\bi promise\b"),
    (("will do",), r"^\W*will do\b"),
    (("consider it done",), r"\bconsider it done\b"),
    (("leave it with me",), r"\bleave it with me\b"),
    (("on it",), r"\b(?:i'm|i am|we're|we are) on it\b"),
)


def _lowered(sentence: str) -> str:
    # Same length as the sentence, so match positions index the original text too ("İ" would
    # lower to two characters, and is left as it is).
    lowered = _straight(sentence).lower()
    if len(lowered) == len(sentence):
        return lowered
    return "".join(
        low if len(low := character.lower()) == 1 else character
        for character in _straight(sentence)
    )


# "I hope we will meet soon" wishes; it does not promise.
_WISHED = re.compile(r"\b(?:hope|hoping|wish|wishing)\s+(?:that\s+)?$")


def _matches(
    rules: tuple[_Rule, ...], sentence: str, lowered: str | None = None
) -> list[re.Match[str]]:
    if lowered is None:
        lowered = _lowered(sentence)
    found = []
    for rule in rules:
        if not any(word in lowered for word in rule.needs):
            continue
        for match in rule.pattern.finditer(lowered):
            if match.groupdict().get("verb") in _NOT_PROMISED:
                continue
            if _WISHED.search(lowered, 0, match.start()):
                continue
            found.append(match)
    return sorted(found, key=lambda match: (match.start(), -match.end()))


def _cue(sentence: str, found: Sequence[re.Match[str]]) -> str | None:
    if not found:
        return None
    return sentence[found[0].start() : found[0].end()].strip(" ,")


def offer_cue(sentence: str) -> str | None:
    """The phrase that makes the sentence an offer of help ("happy to help"), or None."""
    return _cue(sentence, _matches(_OFFER_RULES, sentence))


def promise_cue(sentence: str) -> str | None:
    """The phrase that makes the sentence a promise ("I'll send"), or None."""
    return _cue(sentence, _matches(_PROMISE_RULES, sentence))


def _without(sentence: str, matches: Iterable[re.Match[str]]) -> str:
    kept = list(sentence)
    for match in matches:
        kept[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(kept)


# ---------------------------------------------------------------------------------------------
# Sentences.

# Words that end with a full stop without ending the sentence.
_ABBREVIATION_LIST = """
    mr mrs ms dr prof sr jr st vs etc eg ie e.g i.e a.m p.m inc ltd co corp dept approx fig
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri ave rd
    blvd u.s
    """
_ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")
_LIST_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*\u2022>]|\d+[.)])\s)")
_BOUNDARY = re.compile(r"(?:[.!?\u2026]+)[\"')\]]*\s+")


def split_sentences(text: str) -> list[str]:
    """The sentences of a mail body, in order. Paragraphs and list items always end a sentence;
    a line break inside a paragraph does not, since mail is often wrapped at 72 columns."""
    sentences: list[str] = []
    for block in _PARAGRAPHS.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        for item in _LIST_ITEM.split(block):
            sentences.extend(_split_block(" ".join(item.split())))
    return sentences


def _split_block(block: str) -> list[str]:
    sentences = []
    start = 0
    for boundary in _BOUNDARY.finditer(block):
        if not _ends_sentence(block, boundary):
            continue
        sentence = block[start : boundary.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = boundary.end()
    rest = block[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _ends_sentence(block: str, boundary: re.Match[str]) -> bool:
    following = block[boundary.end() : boundary.end() + 1]
    marks = boundary.group().rstrip()
    if "?" in marks or "!" in marks:
        return True
    # A full stop ends a sentence before a capital, a digit or an opening quote, and not after
    # an abbreviation or an initial ("J. Smith").
    if not (following.isupper() or following.isdigit() or following in "\"'(["):
        return False
    before = block[: boundary.start()].rsplit(None, 1)
    word = before[-1].lower().lstrip("(\"'") if before else ""
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


# ---------------------------------------------------------------------------------------------
# All together.


def _offers_promises_rest(
    sentence: str,
) -> tuple[list[re.Match[str]], list[re.Match[str]], str]:
    lowered = _lowered(sentence)
    offers = _matches(_OFFER_RULES, sentence, lowered)
    promises = _matches(_PROMISE_RULES, sentence, lowered)
    return offers, promises, _without(sentence, [*offers, *promises])


def net_ask_score(sentence: str, model: AskModel | None = None) -> float:
    """The ask score of what is left of a sentence once its offer and promise clauses are taken
    out: "let me know if I can help" offers, it does not ask. What detect_intents, the reply
    radar and `goodwill asks` go by."""
    _, _, rest = _offers_promises_rest(sentence)
    return ask_score(rest, model)


def sentence_intents(
    sentence: str, *, threshold: float = ASK_THRESHOLD, model: AskModel | None = None
) -> list[Detection]:
    """The ask, offer and promise in one sentence, in that order, each when present. The offer
    and promise clauses are taken out before the rest is scored as an ask, so "let me know if I
    can help" is only an offer, while "happy to help, could you send the deck?" is both."""
    offers, promises, rest = _offers_promises_rest(sentence)
    detections = []
    if _could_ask(rest):
        # ask_score and ask_reasons, from one reading of the features.
        score, reasons = (model or shipped_model()).score_and_reasons(rest, threshold)
        if score >= threshold:
            why = ", ".join(reasons)
            detections.append(Detection(sentence, IntentKind.ASK, round(score, 4), why))
    for kind, found in ((IntentKind.OFFER, offers), (IntentKind.PROMISE, promises)):
        cue = _cue(sentence, found)
        if cue is not None:
            detections.append(Detection(sentence, kind, RULE_SCORE, f'{kind} phrase "{cue}"'))
    return detections


def detect_intents(
    text: str, *, threshold: float = ASK_THRESHOLD, model: AskModel | None = None
) -> list[Detection]:
    """The asks, offers and promises in a text such as a mail body: its sentences in order,
    each read by sentence_intents."""
    model = model or shipped_model()
    return [
        detection
        for sentence in split_sentences(text)
        for detection in sentence_intents(sentence, threshold=threshold, model=model)
    ]
