"""Stage 1: bytes -> text, the way a browser picks the encoding.

Order of evidence (WHATWG): byte-order mark, then the HTTP ``Content-Type`` charset,
then a ``<meta>`` charset in the first bytes, then UTF-8 if the bytes are valid UTF-8,
then statistical detection (charset-normalizer). Legacy labels map to the superset
that browsers actually use (ISO-8859-1 -> windows-1252, Shift_JIS -> cp932).
Binary input is refused here, before any parsing work.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from newsclean.errors import DocumentTooLargeError, EmptyDocumentError, NotHTMLError

MAX_BYTES = 20 * 1024 * 1024

# Magic numbers of formats that are sometimes served as text/html by mistake.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, epub
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"RIFF",  # webp, wav, avi
    b"OggS",
    b"ID3",
    b"fLaC",
    b"wOFF",
    b"wOF2",
    b"\x00\x00\x01\x00",  # ico
    b"\x7fELF",
    b"MZ",
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels whose real-world meaning is a superset codec (what browsers decode them as).
LABEL_ALIASES: Mapping[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
}

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_PREFIX_BYTES = 4096


def _codec(label: str | None) -> str | None:
    """Python codec name for an encoding label, or None if unknown or not ASCII-compatible."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot truly be UTF-16 without a BOM once it has been read as bytes with an
    # ASCII <meta>; browsers treat such a declaration as UTF-8 too.
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"
    return name


def header_charset(headers: Mapping[str, str] | None) -> str | None:
    """The charset named by a ``Content-Type`` header, if any (case-insensitive lookup).

    ``""`` when the header names a charset that is not known (it is then ignored).
    """
    if not headers:
        return None
    for key, value in headers.items():
        if str(key).lower() == "content-type":
            if isinstance(value, (list, tuple)):
                value = value[0] if value else ""
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            match = _HEADER_CHARSET.search(str(value))
            if not match:
                return None
            label = match.group(1).strip().lower()
            if label.startswith(("utf-16", "utf-32", "utf16", "utf32")):
                return None  # handled by the wide-encoding check, which reads the bytes
            return _codec(label) or ""  # "" means: a label was given, and no browser knows it
    return None


def check_binary(data: bytes) -> None:
    """Raise :class:`NotHTMLError` if the bytes look like a binary file."""
    head = data[:16]
    for signature in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise NotHTMLError(f"binary data (starts with {signature[:8]!r}), not HTML")
    sample = data[:8192]
    if sample.count(b"\x00") > max(8, len(sample) // 100):
        raise NotHTMLError("binary data (NUL bytes), not HTML")


def decode(data: bytes | str, headers: Mapping[str, str] | None = None, *, max_bytes: int = MAX_BYTES) -> str:
    """Decode a served page to text. Raises an :class:`~newsclean.InputError` subclass."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise DocumentTooLargeError(f"document of {len(data)} characters exceeds the limit of {max_bytes}")
        if data.count("\x00") > max(8, len(data) // 100):
            raise NotHTMLError("binary data (NUL characters), not text")
        text = data
    else:
        if len(data) > max_bytes:
            raise DocumentTooLargeError(f"document of {len(data)} bytes exceeds the limit of {max_bytes}")
        text = _decode_bytes(data, headers)
    text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyDocumentError("empty document")
    return text


def _decode_bytes(data: bytes, headers: Mapping[str, str] | None) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    wide = _wide_encoding(data)
    if wide is not None:  # UTF-16/32 without a BOM: its NULs are not binary
        return data.decode(wide, errors="replace")
    check_binary(data)
    declared = header_charset(headers)
    unknown_label = False
    if declared is None:
        match = _META_CHARSET.search(data[:_PREFIX_BYTES])
        declared = _codec(match.group(1).decode("ascii", "ignore")) if match else None
        unknown_label = match is not None and declared is None
    elif declared == "":
        declared, unknown_label = None, True
    if declared not in (None, "utf-8") and not data.isascii() and _mostly_utf8(data):
        # Valid multi-byte UTF-8 is almost never an accident, while "ISO-8859-1" labels are
        # often a server default: trust the bytes over a legacy label.
        return data.decode("utf-8", errors="replace")
    if declared == "utf-8" and _VALID_MULTIBYTE.search(data):
        # Labelled UTF-8 and written in UTF-8, with some broken bytes: a browser shows
        # U+FFFD for those, it does not re-read the whole page as windows-1252.
        return data.decode("utf-8", errors="replace")
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            # Mislabelled: fall through to detection, but keep the label as the last resort.
            pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    if unknown_label:
        # WHATWG: a label no browser knows is ignored and the legacy default applies.
        return data.decode("cp1252", errors="replace")
    detected = _detect(data)
    return data.decode(detected or declared or "cp1252", errors="replace")


# One well-formed multi-byte UTF-8 sequence (2 to 4 bytes).
_VALID_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the NULs of ASCII markup fall."""
    sample = data[:512]
    if len(sample) < 16 or b"\x00" not in sample[:64]:
        return None
    quads = len(sample) // 4 * 4
    if quads and all(sample[i + 1 : i + 4] == b"\x00\x00\x00" for i in range(0, min(quads, 64), 4)) and sample[0]:
        return "utf-32-le"
    if quads and all(sample[i : i + 3] == b"\x00\x00\x00" for i in range(0, min(quads, 64), 4)) and sample[3]:
        return "utf-32-be"
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            text = data[:512].decode(codec, errors="replace")
            if "<" in text:
                return codec
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with at most a few broken bytes (a truncated snippet, one bad paste)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if broken == 0:
        return True
    multibyte = sum(1 for ch in text if ord(ch) > 127) - broken
    return multibyte >= 20 * broken


def _detect(data: bytes) -> str | None:
    """Statistical detection; only reached for bytes that are neither labelled nor UTF-8."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return _codec(best.encoding) if best is not None else None
