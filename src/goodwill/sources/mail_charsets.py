"""Bytes to text for mail, whatever charset a message claims or forgets to claim.

Real mail mislabels its charsets all the time: Latin-1 that is really Windows-1252, GB2312 that
uses GBK characters, ASCII headers holding raw UTF-8. Decoding never fails here: the declared
charset is tried strictly, then UTF-8, then the declared charset (or Windows-1252) with
replacement characters, the order mail clients settled on.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

# Labels mail uses for which a wider or differently named codec is what the sender meant, as
# browsers and mail clients read them (WHATWG encoding standard).
_WIDER = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cn-gb": "gb18030",
    "euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "iso-8859-9": "cp1254",
    "x-mac-roman": "mac_roman",
    "iso-8859-8-i": "iso8859_8",
    "ucs-2": "utf-16",
    "iso-10646-ucs-2": "utf-16",
}


_SEVEN_BIT = frozenset(
    {"iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_kr", "utf-7", "hz"}
)


@lru_cache(maxsize=512)
def codec_for(charset: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label names no codec we have
    (empty, 'unknown-8bit', a typo)."""
    if not charset:
        return None
    label = charset.strip().strip("\"'").lower()
    # RFC 2231 lets a label carry a language: utf-8*en.
    label = label.split("*", 1)[0]
    label = _WIDER.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Text from bytes in the declared charset when they are valid in it, else UTF-8 when they
    are valid in that, else the declared charset (or Windows-1252) with replacement characters."""
    codec = codec_for(charset)
    # ISO-2022 and UTF-7 text is all ASCII bytes, so only they need decoding when data is.
    if data.isascii() and not (codec in _SEVEN_BIT and (b"\x1b" in data or b"+" in data)):
        return data.decode("ascii")
    # Eight-bit bytes under an ASCII label are nearly always UTF-8 the sender forgot to declare.
    if codec == "ascii":
        codec = None
    if codec is not None:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(codec or "cp1252", errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")
