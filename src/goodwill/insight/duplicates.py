"""Which contacts are probably one person although they share no handle, and why.

Two contacts are suggested when their names are alike (accents folded, initials and nicknames
tolerated) and something else ties them: the same organization, or an email address at the same
company domain (a personal provider such as gmail.com ties nobody). Comparisons run only inside
blocks of contacts that share a family name, a first initial and that tie, so the work grows with
the number of contacts, not with the number of pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

# Mail providers anyone can sign up to: sharing one says nothing about two people.
PERSONAL_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "ymail.com",
        "rocketmail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "hotmail.it",
        "outlook.com",
        "outlook.de",
        "live.com",
        "live.co.uk",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "web.de",
        "t-online.de",
        "freenet.de",
        "mail.com",
        "mail.ru",
        "yandex.com",
        "yandex.ru",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "naver.com",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "zoho.com",
        "tutanota.com",
        "tuta.io",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "virgilio.it",
        "btinternet.com",
        "sky.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "bigpond.com",
    ]
)

# Short forms of given names, each with the full names it stands for.
NICKNAMES: dict[str, frozenset[str]] = {
    short: frozenset(full.split())
    for short, full in {
        "abby": "abigail",
        "al": "albert alan alfred alexander",
        "alex": "alexander alexandra alexis",
        "andy": "andrew andreas",
        "ben": "benjamin",
        "beth": "elizabeth",
        "betty": "elizabeth",
        "bill": "william",
        "billy": "william",
        "bob": "robert",
        "bobby": "robert",
        "cathy": "catherine cathleen",
        "chris": "christopher christine christina christian",
        "dan": "daniel",
        "danny": "daniel",
        "dave": "david",
        "dick": "richard",
        "drew": "andrew",
        "ed": "edward edwin edmund",
        "eddie": "edward",
        "fred": "frederick alfred",
        "greg": "gregory",
        "jack": "john jackson",
        "jake": "jacob",
        "jeff": "jeffrey geoffrey",
        "jen": "jennifer",
        "jenny": "jennifer",
        "jim": "james",
        "jimmy": "james",
        "joe": "joseph",
        "jon": "jonathan john",
        "josh": "joshua",
        "kate": "katherine catherine kathryn",
        "kathy": "katherine kathryn",
        "katie": "katherine catherine",
        "larry": "lawrence",
        "liz": "elizabeth",
        "maggie": "margaret",
        "matt": "matthew",
        "meg": "margaret megan",
        "mike": "michael",
        "mick": "michael",
        "nate": "nathan nathaniel",
        "nick": "nicholas nicolas",
        "pat": "patrick patricia",
        "peggy": "margaret",
        "rich": "richard",
        "rick": "richard",
        "rob": "robert",
        "sam": "samuel samantha",
        "sandy": "sandra alexandra",
        "sasha": "alexander alexandra",
        "steve": "stephen steven",
        "sue": "susan suzanne",
        "ted": "edward theodore",
        "tom": "thomas",
        "tony": "anthony antonio",
        "vicky": "victoria",
        "will": "william",
    }.items()
}

_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"])
_SUFFIXES = frozenset(
    ["jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "msc", "bsc", "cpa", "pmp", "cfa", "esq"]
)
# Words that name the kind of company rather than the company.
_LEGAL_FORMS = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "llp",
        "ltd",
        "limited",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "the",
        "oy",
        "ab",
        "as",
        "aps",
        "srl",
        "spa",
        "kg",
    ]
)
_NOT_LETTERS = re.compile(r"[^\w\s]")
# Blocks larger than this are names like "John Smith" at one large company: comparing every
# pair would be slow and mostly wrong, so such blocks compare only identical given names.
LARGE_BLOCK = 60


@dataclass(frozen=True, slots=True)
class ContactFacts:
    """What duplicate detection needs to know of one contact; `email_domains` are the domains
    of all their email addresses (personal providers are left out here)."""

    contact_id: int
    full_name: str
    organization: str = ""
    email_domains: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two contacts that are probably one person (first_id < second_id), with the reasons."""

    first_id: int
    second_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name folded for comparison: given name, middle names and family name."""

    given: str
    middle: tuple[str, ...]
    family: str


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"}
)  # fmt: skip


def fold(text: str) -> str:
    """Text without accents or case, for comparing names: 'Zoë Łukasz' -> 'zoe lukasz'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def person_name(full_name: str) -> PersonName | None:
    """The folded parts of a person's name ('Doe, Jane' reads as Jane Doe), or None when it is
    not a name of two or more words (an email address, a single word, a company)."""
    if "@" in full_name:
        return None
    text = fold(full_name)
    if text.count(",") == 1:
        head, tail = (part.strip() for part in text.split(","))
        head_words = [word for word in _words(head) if word not in _TITLES]
        tail_words = _words(tail)
        if tail_words and all(word in _SUFFIXES for word in tail_words):
            text = head
        elif len(head_words) == 1 and tail_words:
            text = f"{tail} {head_words[0]}"
    words = [word for word in _words(text) if word not in _TITLES and word not in _SUFFIXES]
    if len(words) < 2:
        return None
    return PersonName(words[0], tuple(words[1:-1]), words[-1])


def _words(text: str) -> list[str]:
    # Apostrophes and dots join (O'Brien is obrien, Ph.D. is phd); other punctuation
    # separates (Smith-Jones).
    text = text.replace("'", "").replace("\u2019", "").replace(".", "")
    return _NOT_LETTERS.sub(" ", text).split()


@lru_cache(maxsize=65536)
def organization_key(name: str) -> str:
    """An organization's name folded, without legal forms: 'Acme, Inc.' and 'ACME' are one."""
    words = [word for word in _words(fold(name)) if word not in _LEGAL_FORMS]
    return " ".join(words)


def company_domain(address: str) -> str:
    """The domain of an email address when it belongs to a company, or '' for a personal
    provider (gmail.com and the like) or something that is no address."""
    _, at, domain = address.rpartition("@")
    domain = domain.strip().lower()
    if not at or "." not in domain or domain in PERSONAL_MAIL_DOMAINS:
        return ""
    return domain


def given_names_match(first: str, second: str) -> str | None:
    """Why two folded given names may be one person's ('J' is an initial of 'jane', 'bob' is
    short for 'robert'), '' when they are the same, None when they are not alike."""
    if first == second:
        return ""
    short, long = sorted((first, second), key=len)
    if len(short) == 1 and long.startswith(short):
        return f"{short.upper()}. is the initial of {long.capitalize()}"
    if len(short) >= 3 and long.startswith(short):
        return f"{short.capitalize()} is short for {long.capitalize()}"
    if long in NICKNAMES.get(short, ()) or short in NICKNAMES.get(long, ()):
        return f"{short.capitalize()} is short for {long.capitalize()}"
    if NICKNAMES.get(short, frozenset()) & NICKNAMES.get(long, frozenset()):
        return f"{first.capitalize()} and {second.capitalize()} may be one name"
    return None


def _initials(given: str) -> set[str]:
    # Bob is blocked with the R names too, so that Bob Smith meets Robert Smith.
    return {given[0], *(full[0] for full in NICKNAMES.get(given, ()))}


def _middles_agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    # 'Jane A. Doe' and 'Jane Doe' agree; 'Jane Ann Doe' and 'Jane Beth Doe' do not.
    if not first or not second:
        return True
    return first[0][0] == second[0][0]


def _ties(facts: ContactFacts) -> list[tuple[str, str]]:
    ties = []
    if key := organization_key(facts.organization):
        ties.append(("organization", key))
    domains = {company_domain(f"@{domain}") for domain in facts.email_domains}
    ties.extend(("domain", domain) for domain in sorted(domains) if domain)
    return ties


def duplicate_pairs(contacts: Iterable[ContactFacts]) -> list[DuplicatePair]:
    """Every pair of contacts that are probably one person, each with its reasons, ordered by
    the pair's ids. Contacts with a name of one word are never paired: too little to go on."""
    blocks: dict[tuple[str, str, str, str], list[tuple[ContactFacts, PersonName]]] = defaultdict(
        list
    )
    for facts in contacts:
        name = person_name(facts.full_name)
        if name is None:
            continue
        for tie_kind, tie in _ties(facts):
            for initial in _initials(name.given):
                blocks[(name.family, initial, tie_kind, tie)].append((facts, name))
    found: dict[tuple[int, int], list[str]] = {}
    for (_, _, tie_kind, tie), members in blocks.items():
        if len(members) < 2:
            continue
        for (one, one_name), (other, other_name) in _pairs(members):
            if one.contact_id == other.contact_id:
                continue
            why_given = given_names_match(one_name.given, other_name.given)
            if why_given is None or not _middles_agree(one_name.middle, other_name.middle):
                continue
            first, second = sorted((one, other), key=lambda facts: facts.contact_id)
            reasons = found.setdefault((first.contact_id, second.contact_id), [])
            if not reasons:
                reasons.append(_name_reason(first.full_name, second.full_name, why_given))
            tie_reason = _tie_reason(tie_kind, tie, first)
            if tie_reason not in reasons:
                reasons.append(tie_reason)
    return [
        DuplicatePair(first, second, tuple(reasons))
        for (first, second), reasons in sorted(found.items())
    ]


def _pairs(
    members: list[tuple[ContactFacts, PersonName]],
) -> Iterable[tuple[tuple[ContactFacts, PersonName], tuple[ContactFacts, PersonName]]]:
    if len(members) <= LARGE_BLOCK:
        return combinations(members, 2)
    by_given: dict[str, list[tuple[ContactFacts, PersonName]]] = defaultdict(list)
    for member in members:
        by_given[member[1].given].append(member)
    return (
        pair
        for same in by_given.values()
        if 1 < len(same) <= LARGE_BLOCK
        for pair in combinations(same, 2)
    )


def _name_reason(first: str, second: str, why_given: str) -> str:
    if first == second:
        return f"the same name: {first}"
    detail = f" ({why_given})" if why_given else ""
    return f"names alike: {first} and {second}{detail}"


def _tie_reason(tie_kind: str, tie: str, first: ContactFacts) -> str:
    if tie_kind == "organization":
        return f"both at {first.organization}"
    return f"both have an email address at {tie}"
