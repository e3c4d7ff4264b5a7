"""Words to terms: lower-cased, stemmed, without the words every text has.

Used to compare an article with what the user knows of a contact. Each term keeps the first
word it was seen as, so a reason can say "solar, batteries" instead of "solar, batteri".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import snowballstemmer  # type: ignore[import-untyped]

_WORD = re.compile(r"[^\W_][^\W_'\u2019]*(?:['\u2019][^\W_]+)?[+#]*")
_STEMMER = snowballstemmer.stemmer("english")
# Stemming is the slow part of reading text; a network's vocabulary is a few ten thousand words.
_STEMS: dict[str, str] = {}
_STEM_CACHE_LIMIT = 200_000

_STOPWORD_TEXT = """
    a about above after again against all almost also although always am among an and another
    any anyone anything are around as at away back be became because been before being below
    best better between both but by can cannot could did do does doing done down during each
    either else enough even ever every few first for from full further get gets getting give
    go goes going good got great had has have having he her here hers herself him himself his
    how however i if in into is it its itself just keep know last less let like made make
    makes making many may me might more most much must my myself need new next no nor not now
    of off often on once one only or other others our ours ourselves out over own part per
    put rather re really right said same say says see seems several she should show shows
    since so some something still such take than that the their theirs them themselves then
    there these they thing things this those though three through thus to today too two under
    until up upon us use used using very via want was way ways we well were what when where
    whether which while who whom whose why will with within without would year years yet you
    your yours yourself yourselves
    read reads post posts blog article articles week weeks day days time times people
    look looks looked run runs ran running large big explain explained explains write writes
    wrote written work worked works try tried found find start started end lot lots kind
    http https www com org net html
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _stem(word: str) -> str:
    stem = _STEMS.get(word)
    if stem is None:
        stem = _STEMMER.stemWord(word)
        if len(_STEMS) < _STEM_CACHE_LIMIT:
            _STEMS[word] = stem
    return stem


def words(text: str) -> Iterator[str]:
    """The text's words, lower-cased, without stopwords, numbers and single letters."""
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("\u2019", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 2 or word in STOPWORDS or word.isdigit():
            continue
        yield word


def terms(text: str) -> Iterator[tuple[str, str]]:
    """(term, word) for each word of the text: the stem to compare, and the word as written."""
    for word in words(text):
        yield _stem(word), word
