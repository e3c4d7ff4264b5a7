"""People as LinkedIn files name them: a name and maybe a profile URL, and the keys that tell
one person from another when the URL is missing. The same few people fill a whole messages.csv,
so what is read from their cells is cached."""

from __future__ import annotations

import re
from functools import lru_cache

from goodwill.sources.handles import HandleError, normalize_linkedin_url
from goodwill.sources.records import HandleRecord, Participant

# Degrees and titles that follow a comma inside one person's name ('Ana Božić, Ph.D.').
_NAME_SUFFIX = re.compile(
    r"^(ph\.?\s?d\.?|m\.?d\.?|mba|msc|m\.?sc\.?|bsc|cpa|pmp|cfa|jr\.?|sr\.?|ii|iii|iv|esq\.?|"
    r"dr\.?|prof\.?|p\.?eng\.?)$",
    re.IGNORECASE,
)


def linkedin_handle(raw: str) -> HandleRecord | None:
    """The profile URL as a handle, or None when the cell is empty or holds no profile URL."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return HandleRecord("linkedin", raw, normalize_linkedin_url(raw))
    except HandleError:
        return None


@lru_cache(maxsize=65536)
def participant(name: str, url: str = "") -> Participant:
    """A person named in a LinkedIn file, with their profile when the file gives one."""
    return Participant(" ".join(name.split()), linkedin_handle(url))


def participant_key(person: Participant) -> str:
    """What tells two people apart: the profile when known, else the name, case-folded."""
    if person.linkedin is not None:
        return person.linkedin.normalized
    return f"name:{person.name.casefold()}"


@lru_cache(maxsize=65536)
def split_people(names: str, urls: str) -> tuple[Participant, ...]:
    """The recipients of a message from its TO and RECIPIENT PROFILE URLS cells. Names are
    separated by commas, but a name may hold one too ('Ana Božić, Ph.D.'), so pieces that look
    like a degree are joined back to the name before them; URLs decide how many people there are."""
    url_list = [url.strip() for url in re.split(r"[,;]", urls) if url.strip()]
    name_list = [piece.strip() for piece in names.split(",") if piece.strip()]
    if len(name_list) != len(url_list):
        joined: list[str] = []
        for piece in name_list:
            if joined and _NAME_SUFFIX.match(piece):
                joined[-1] = f"{joined[-1]}, {piece}"
            else:
                joined.append(piece)
        name_list = joined
    if url_list and len(name_list) != len(url_list):
        # The names cannot be paired with the profiles; the profiles are what matching uses.
        name_list = [""] * len(url_list)
    count = max(len(name_list), len(url_list))
    return tuple(
        participant(
            name_list[index] if index < len(name_list) else "",
            url_list[index] if index < len(url_list) else "",
        )
        for index in range(count)
    )
