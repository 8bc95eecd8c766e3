"""Bytes to text: UTF-8 first, a detected legacy encoding next, and binary junk refused with a reason."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from according.records import ErrorRecord

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SURROGATE_RE = re.compile("[\ud800-\udfff]")
MAX_CHAOS = 0.2
DETECT_BYTES = 200_000


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not text."""
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and controls / len(sample) > 0.05


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def garbled(text: str) -> bool:
    """Decoded text that is still mostly non-printable (a wrong guess) is not worth reading."""
    sample = text[:4096]
    bad = sum(1 for ch in sample if (not ch.isprintable() and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bool(sample) and bad / len(sample) > 0.05


def detect(data: bytes) -> str | None:
    """The legacy encoding charset-normalizer finds, when it is sure: little chaos and a language that
    reads coherently in it. Short or odd byte strings get None (a wrong encoding is an error, not a guess)."""
    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is None or best.chaos > MAX_CHAOS or best.coherence <= 0:
        return None
    return best.encoding


def mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with stray bytes: valid multi-byte characters (rare by chance in legacy encodings) at
    least as many as the broken sequences."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    return valid > 0 and valid >= broken


def decode_bytes(data: bytes, source: str) -> str | ErrorRecord:
    """Text from ``data`` (UTF-8, a BOM's encoding or a detected one), or an error record saying why not."""
    if not data.strip():
        return ErrorRecord(input=source, stage="read", reason="empty input")
    encoding = bom_encoding(data)
    if encoding is None and looks_binary(data):
        return ErrorRecord(input=source, stage="read", reason="binary data, not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        text = decoded_otherwise(data, encoding)
    if text is None:
        reason = "not UTF-8, and no other text encoding fits with confidence"
        return ErrorRecord(input=source, stage="decode", reason=reason)
    if garbled(text):
        return ErrorRecord(input=source, stage="decode", reason="decoded text is garbled")
    if not text.strip("\ufeff \t\r\n"):
        return ErrorRecord(input=source, stage="read", reason="empty input")
    return text.lstrip("\ufeff")


def decoded_otherwise(data: bytes, bom: str | None) -> str | None:
    """Text that is not clean UTF-8: UTF-8 with stray bytes replaced, or a confidently detected encoding."""
    if bom is None and mostly_utf8(data):
        return data.decode("utf-8", "replace")
    name = None if bom else detect(data)
    if name is None:
        return None
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def scrub_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes or odd PDF fonts) as U+FFFD, so the text encodes as UTF-8."""
    return SURROGATE_RE.sub("\ufffd", text)


def has_bad_bytes(text: str) -> bool:
    """Text carrying undecodable bytes (kept as surrogate escapes by ``decode_container``)."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def decode_container(data: bytes, source: str) -> str | ErrorRecord:
    """A JSONL/CSV file as text. A UTF-8 file (one with valid multi-byte characters) keeps any bad bytes
    escaped, so only the rows holding them become errors; a file with no UTF-8 in it goes to detection."""
    if not data.strip():
        return ErrorRecord(input=source, stage="read", reason="empty input")
    if bom_encoding(data) or looks_binary(data):
        return decode_bytes(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    if any(ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return decode_bytes(data, source)
