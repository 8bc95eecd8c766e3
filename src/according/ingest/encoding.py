"""Bytes to text: UTF-8 first, a detected legacy encoding next, and binary junk refused with a reason."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator

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
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_CHAOS = 0.2
DETECT_BYTES = 200_000


CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
MAX_CONTROL_SHARE = 0.05


def looks_binary(data: bytes) -> bool:
    """Control bytes (NUL included) over 5% of the whole input mean it is not text; fewer are replaced
    by spaces wherever they are (``clean_text``)."""
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    return bool(data) and controls / len(data) > MAX_CONTROL_SHARE


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


STRAY_PER_VALID = 4  # stray bytes per valid multi-byte character beyond which UTF-8 is not believed


def utf8_with_stray_bytes(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few stray bytes: the text with each stray byte as U+FFFD, and their count.

    Well-formed multi-byte characters are rare by chance in legacy encodings, so one of them says UTF-8
    unless stray bytes outnumber them more than STRAY_PER_VALID to one; with none, the bytes say nothing.
    """
    text, stray, valid = read_as_utf8(data)
    if valid == 0 or stray > STRAY_PER_VALID * valid:
        return None
    return text, stray


def read_as_utf8(data: bytes) -> tuple[str, int, int]:
    """``data`` as UTF-8 with each stray byte as U+FFFD; how many stray bytes, how many well-formed
    multi-byte characters."""
    text = data.decode("utf-8", "surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - stray
    return SURROGATE_RE.sub("\ufffd", text), stray, valid


MAX_STRAY_SHARE = 0.01  # stray bytes per character up to which text no encoding explains is still read


def few_stray_bytes(data: bytes) -> tuple[str, int] | None:
    """Text that no encoding explains with confidence (a short note in ASCII with one Latin-1 "é") but
    whose stray bytes are at most 1% of it: read as UTF-8 with each stray byte as U+FFFD, and their count,
    rather than lost. More stray bytes than that are an unknown encoding, and an error."""
    text, stray, _ = read_as_utf8(data)
    if stray > max(1, MAX_STRAY_SHARE * len(text)):
        return None
    return text, stray


def decode_bytes(data: bytes, source: str) -> str | ErrorRecord:
    """Text from ``data`` (UTF-8, a BOM's encoding or a detected one), or an error record saying why not."""
    decoded = decode_counting(data, source)
    return decoded if isinstance(decoded, ErrorRecord) else decoded[0]


def decode_counting(data: bytes, source: str) -> tuple[str, int] | ErrorRecord:
    """Text from ``data`` and how many stray bytes were replaced, or an error record saying why not."""
    if not data.strip():
        return ErrorRecord(input=source, stage="read", reason="empty input")
    encoding = bom_encoding(data)
    if encoding is None and looks_binary(data):
        return ErrorRecord(input=source, stage="read", reason="binary data, not text")
    stray = 0
    try:
        text: str | None = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        repaired = utf8_with_stray_bytes(data) if encoding is None else None
        text, stray = repaired if repaired else (decoded_otherwise(data, encoding), 0)
        if text is None and encoding is None and (kept := few_stray_bytes(data)):
            text, stray = kept
    if text is None:
        reason = "not UTF-8, and no other text encoding fits with confidence"
        return ErrorRecord(input=source, stage="decode", reason=reason)
    if garbled(text):
        return ErrorRecord(input=source, stage="decode", reason="decoded text is garbled")
    if not text.strip("\ufeff \t\r\n"):
        return ErrorRecord(input=source, stage="read", reason="empty input")
    return text.lstrip("\ufeff"), stray


def decoded_otherwise(data: bytes, bom: str | None) -> str | None:
    """Text in the encoding a BOM announces, or in one detected with confidence."""
    name = bom or detect(data)
    if name is None:
        return None
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def scrub_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes or odd PDF fonts) as U+FFFD, so the text encodes as UTF-8."""
    return SURROGATE_RE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Lone surrogates as U+FFFD and control characters other than tab, line breaks and form feed (NUL,
    DEL, C1 …) as spaces — one for one, so offsets into ``text`` stay valid."""
    return CONTROL_RE.sub(" ", SURROGATE_RE.sub("\ufffd", text))


def has_bad_bytes(text: str) -> bool:
    """Text carrying undecodable bytes (kept as surrogate escapes by ``decode_container``)."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def decode_container(data: bytes, source: str) -> str | ErrorRecord:
    """A JSONL/CSV file as text. A UTF-8 file (one with valid multi-byte characters) keeps any bad bytes
    escaped, so only the rows holding them become errors; a file with no UTF-8 in it goes to detection,
    and when no encoding fits with confidence it is read as UTF-8 in the same way."""
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
    detected = decoded_otherwise(data, None)
    if detected is None or garbled(detected):
        return text  # no encoding fits with confidence: as UTF-8, the rows holding stray bytes are errors
    return detected


def stream_encoding(head: bytes, source: str) -> str | ErrorRecord:
    """The encoding to read a file too big to hold whole in, judged by its first bytes as
    ``decode_container`` judges a whole file: a byte-order mark's, else UTF-8 (bad bytes kept escaped),
    else the legacy encoding detection is sure of; binary data or an unsure guess is an error."""
    if not head.strip():
        return ErrorRecord(input=source, stage="read", reason="empty input")
    if bom := bom_encoding(head):
        return bom
    if looks_binary(head):
        return ErrorRecord(input=source, stage="read", reason="binary data, not text")
    text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(head, final=False)
    if not has_bad_bytes(text) or any(ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff" for ch in text):
        return "utf-8"
    found = detect(head)
    if found is None:
        return ErrorRecord(input=source, stage="decode", reason="unknown text encoding")
    return found


def text_lines(read: Callable[[int], bytes], encoding: str, limit: int) -> Iterator[str]:
    """The physical lines (ends kept; ``\\r\\n``, ``\\r`` or ``\\n``, as csv counts them) of a byte stream
    decoded as it is read, ``read(n)`` giving the next bytes; a run of more than ``limit`` characters with
    no line end is cut there, so memory stays bounded."""
    errors = "surrogateescape" if codecs.lookup(encoding).name == "utf-8" else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    pending = ""
    while chunk := read(1 << 16):
        pending += decoder.decode(chunk)
        end = len(pending) - 1 if pending.endswith("\r") else len(pending)  # "\r" may open a "\r\n"
        cut = max(pending.rfind("\n", 0, end), pending.rfind("\r", 0, end)) + 1
        if cut == 0 and len(pending) > limit:
            cut = len(pending)
        if cut:
            yield from LINE_END_RE.findall(pending[:cut])
            pending = pending[cut:]
    pending += decoder.decode(b"", final=True)
    yield from (line for line in LINE_END_RE.findall(pending) if line)


LINE_END_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # physical lines, each non-empty
