"""Bytes to text: UTF-8 first, a detected legacy encoding next, and binary junk refused with a reason."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from according.records import ErrorRecord

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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
    """The legacy encoding charset-normalizer finds most coherent, or None when nothing fits."""
    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    return best.encoding


def decode_bytes(data: bytes, source: str) -> str | ErrorRecord:
    """Text from ``data`` (UTF-8, a BOM's encoding or a detected one), or an error record saying why not."""
    if not data.strip():
        return ErrorRecord(input=source, stage="read", reason="empty input")
    encoding = bom_encoding(data)
    if encoding is None and looks_binary(data):
        return ErrorRecord(input=source, stage="read", reason="binary data, not text")
    candidates = [encoding] if encoding else ["utf-8", detect(data)]
    for name in candidates:
        if name is None:
            continue
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if garbled(text):
            return ErrorRecord(input=source, stage="decode", reason=f"text decoded as {name} is garbled")
        if not text.strip():
            return ErrorRecord(input=source, stage="read", reason="empty input")
        return text.lstrip("\ufeff")
    return ErrorRecord(input=source, stage="decode", reason="not UTF-8 and no other text encoding fits")


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
