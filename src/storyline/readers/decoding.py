"""Bytes to text: binary detection, declared charsets, encoding detection, and JSON read with
a bounded depth (`loads_bounded`).

Every reader decodes through `decode()`, so a mislabelled or missing charset is handled the
same way everywhere: a byte-order mark wins; then a declared charset if the bytes decode
cleanly with it and nothing says it is wrong; then UTF-8; then charset-normalizer.
"""

from __future__ import annotations

import codecs
import json
import re

from charset_normalizer import from_bytes

from ..errors import ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never occur in text: C0 controls other than tab, newlines, form feed and escape.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_BINARY_SAMPLE = 8192
_BINARY_RATIO = 0.1

# Browsers read these labels as windows-1252 (WHATWG Encoding Standard), and so do we.
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1", "us_ascii"}
# When detection hesitates between this family and another, pick this one: the Western
# encodings are by far the most common legacy charset in news text, and charset-normalizer
# otherwise reads short French or German text as Baltic or Central European.
_WESTERN = ("cp1252", "iso8859_15", "latin_1")
_WESTERN_SLACK = 0.1


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than a tenth control bytes, in the first 8 KiB (unless a UTF-16 or
    UTF-32 byte-order mark, or UTF-16's pattern, says the NULs are text)."""
    sample = data[:_BINARY_SAMPLE]
    if bom_encoding(sample) in ("utf-16", "utf-32") or utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(c) for c in _CONTROL)
    return bool(sample) and controls / len(sample) > _BINARY_RATIO


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text in UTF-16 with no byte-order mark: mostly ASCII
    words, so every other byte is NUL and the text decodes cleanly; else None."""
    sample = data[:_BINARY_SAMPLE]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    for name, zeros, chars in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) == 0:
            try:
                text = data[: len(data) // 2 * 2].decode(name)
            except UnicodeDecodeError:
                continue
            head = text[:4096]
            ascii_text = sum(c.isascii() and (c.isprintable() or c.isspace()) for c in head)
            if ascii_text >= 0.8 * len(head) and " " in head:  # words, not a pattern of bytes
                return name
    return None


def codec_name(label: str | None) -> str | None:
    """Python's name for an encoding label, or None if Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if name.replace("-", "_") in _AS_CP1252 else name


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.chaos > best.chaos + _WESTERN_SLACK:
            continue
        for western in _WESTERN:
            if western in match.could_be_from_charset:
                text = _strict(data, western)
                if text is not None:
                    return text, western
    text = _strict(data, best.encoding)
    if text is None:
        return None
    return text, codec_name(best.encoding) or best.encoding


def decode(
    data: bytes, origin: str, declared: list[str | None] | tuple = (), locator: str | None = None
) -> tuple[str, str]:
    """`data` as text, and the name of the encoding used. `declared` lists the charsets the
    input claims, most authoritative first (an HTTP header, then a <meta> tag).

    A declared single-byte charset decodes anything, so bytes that are valid UTF-8 with
    non-ASCII in them are read as UTF-8 whatever the label says: that mistake (a page saved
    as UTF-8 but labelled latin-1) is common, and the reverse cannot produce valid UTF-8 by
    accident. Raises ReaderError if no encoding reads the bytes cleanly."""
    bom = bom_encoding(data) or utf16_without_bom(data)
    if bom:
        text = _strict(data, bom)
        if text is not None:
            return text, bom
    utf8 = _strict(data, "utf-8")
    for label in declared:
        name = codec_name(label)
        if name is None or name.startswith(("utf-16", "utf-32")):
            continue  # unknown, or not ASCII-compatible although we read the label as ASCII
        text = _strict(data, name)
        if text is None:
            continue  # mislabelled: the bytes are not in the declared charset
        if utf8 is not None and name != "utf-8" and not data.isascii():
            return utf8, "utf-8"
        return text, name
    if utf8 is not None:
        return utf8, "utf-8"
    found = _detect(data)
    if found is None:
        raise ReaderError(
            origin, "cannot tell the text encoding: the bytes are not valid in any known charset", locator
        )
    return found


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)["']""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([-\w.:]+)""", re.IGNORECASE)


def declared_in_markup(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KiB, if any."""
    head = data[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            return found.group(1).decode("ascii", "replace")
    return None


def charset_of_content_type(value: str | None) -> str | None:
    """'text/html; charset=ISO-8859-1' -> 'ISO-8859-1'."""
    if not value:
        return None
    found = _HEADER_CHARSET.search(value)
    return found.group(1) if found else None


class TooDeep(ValueError):
    """JSON nested deeper than the `max_json_depth` setting."""


def loads_bounded(text: str | bytes, max_depth: int) -> object:
    """`json.loads`, refusing nesting deeper than `max_depth` (TooDeep): past Python's recursion
    limit the decoder would raise RecursionError, and a shallower but deep value would cost
    every later step that walks it."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise TooDeep(f"nested too deep (over {max_depth} levels; max_json_depth)") from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > max_depth:
                raise TooDeep(f"nested too deep (over {max_depth} levels; max_json_depth)")
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return value
