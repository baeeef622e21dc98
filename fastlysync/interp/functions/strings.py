"""String, regex, encoding and address functions (std.*, regsub, substr, utf8.*, addr.*)."""

from __future__ import annotations

import ipaddress
import posixpath
from collections.abc import Iterable
from typing import Any

from .. import regex
from ..headers import get_subfield
from ..values import INT_MAX, INT_MIN, parse_ip, to_str
from . import builtin

_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def s(value: Any) -> str:
    return to_str(value)


@builtin("std.tolower")
def tolower(ex: Any, node: Any, text: Any) -> str:
    return s(text).translate(_LOWER)


@builtin("std.toupper")
def toupper(ex: Any, node: Any, text: Any) -> str:
    return s(text).translate(_UPPER)


@builtin("std.strlen")
def strlen(ex: Any, node: Any, text: Any) -> int:
    return len(s(text).encode())


@builtin("std.strrev")
def strrev(ex: Any, node: Any, text: Any) -> str:
    """Fastly's reference: no UTF-8 support; a non-ASCII input sets EUTF8 (the value Fastly
    returns then is not documented: this reverses code points)."""
    value = s(text)
    if not value.isascii():
        ex.st.vars["fastly.error"] = "EUTF8"
    return value[::-1]


@builtin("std.strrep")
def strrep(ex: Any, node: Any, text: Any, count: int) -> str:
    return s(text) * max(int(count), 0)


def _pad(text: Any, width: int, pad: Any) -> Any:
    """Pad a str or bytes to abs(width) units: on the left for a positive width, on the right
    for a negative one, the pad repeated and cut short."""
    need = abs(width) - len(text)
    if need <= 0 or not pad:
        return text
    fill = (pad * (need // len(pad) + 1))[:need]
    return fill + text if width > 0 else text + fill


@builtin("std.strpad")
def strpad(ex: Any, node: Any, text: Any, width: int, pad: Any) -> str:
    """Width in bytes (Fastly's reference): a multi-byte pad may be cut short (shown as
    U+FFFD where Fastly keeps the raw bytes)."""
    return _pad(s(text).encode(), int(width), s(pad).encode()).decode("utf-8", "replace")


@builtin("utf8.strpad")
def utf8_strpad(ex: Any, node: Any, text: Any, width: int, pad: Any) -> str:
    """std.strpad counting code points."""
    return _pad(s(text), int(width), s(pad))


@builtin("std.strstr")
def strstr(ex: Any, node: Any, haystack: Any, needle: Any) -> str | None:
    h = s(haystack)
    i = h.find(s(needle))
    return None if i < 0 else h[i:]


@builtin("std.prefixof")
def prefixof(ex: Any, node: Any, text: Any, prefix: Any) -> bool:
    return s(text).startswith(s(prefix))


@builtin("std.suffixof")
def suffixof(ex: Any, node: Any, text: Any, suffix: Any) -> bool:
    return s(text).endswith(s(suffix))


@builtin("std.strcasecmp")
def strcasecmp(ex: Any, node: Any, a: Any, b: Any) -> bool:
    return s(a).translate(_LOWER) == s(b).translate(_LOWER)


@builtin("std.replace")
def replace(ex: Any, node: Any, text: Any, target: Any, repl: Any) -> str:
    t = s(target)
    return s(text).replace(t, s(repl), 1) if t else s(text)


@builtin("std.replaceall")
def replaceall(ex: Any, node: Any, text: Any, target: Any, repl: Any) -> str:
    t = s(target)
    return s(text).replace(t, s(repl)) if t else s(text)


@builtin("std.replace_prefix")
def replace_prefix(ex: Any, node: Any, text: Any, target: Any, repl: Any) -> str:
    value, t = s(text), s(target)
    return s(repl) + value[len(t):] if t and value.startswith(t) else value


@builtin("std.replace_suffix")
def replace_suffix(ex: Any, node: Any, text: Any, target: Any, repl: Any) -> str:
    value, t = s(text), s(target)
    return value[: -len(t)] + s(repl) if t and value.endswith(t) else value


@builtin("std.basename")
def basename(ex: Any, node: Any, text: Any) -> str:
    value = s(text)
    if value == "":
        return "."
    stripped = value.rstrip("/")
    return posixpath.basename(stripped) if stripped else "/"


@builtin("std.dirname")
def dirname(ex: Any, node: Any, text: Any) -> str:
    if not s(text):  # "" and not set are "." (Fastly's reference), not "/"
        return "."
    value = s(text).rstrip("/") or "/"
    if value == "/":
        return "/"
    d = posixpath.dirname(value)
    return d.rstrip("/") or ("/" if d.startswith("/") else ".")


@builtin("std.atoi")
def atoi(ex: Any, node: Any, text: Any) -> int:
    """Fastly's reference: behaves as std.strtol with base 10 (so an overflow sets ERANGE)."""
    return strtol(ex, node, text, 10)


@builtin("std.atof", "std.strtof")
def atof(ex: Any, node: Any, text: Any) -> float:
    m = regex.search(r"^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf|nan)",
                     s(text))
    try:
        return float(m.group(0)) if m else 0.0
    except ValueError:
        return 0.0


@builtin("std.strtol")
def strtol(ex: Any, node: Any, text: Any, base: int) -> int:
    """C's strtoll: whitespace, one sign, `0x` for base 0/16, a leading 0 for octal in base 0;
    stops at the first non-digit. A base outside 2..36 (but 0) or a value past 64 bits sets
    ERANGE (Fastly's reference), the value clamped."""
    b = int(base)
    if b != 0 and not 2 <= b <= 36:
        ex.st.vars["fastly.error"] = "ERANGE"
        return 0
    value = s(text).strip().lower()
    sign = -1 if value.startswith("-") else 1
    value = value[1:] if value[:1] in ("+", "-") else value
    if b in (0, 16) and value.startswith("0x"):
        value, b = value[2:], 16
    elif b == 0:
        b = 8 if value.startswith("0") and len(value) > 1 else 10
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[:b]
    end = 0
    while end < len(value) and value[end] in digits:
        end += 1
    number = sign * int(value[:end], b) if end else 0
    if not INT_MIN <= number <= INT_MAX:
        ex.st.vars["fastly.error"] = "ERANGE"
        return max(INT_MIN, min(INT_MAX, number))
    return number


@builtin("std.itoa")
def itoa(ex: Any, node: Any, number: int, base: int = 10) -> str:
    return _itoa(int(number), int(base), "0123456789abcdefghijklmnopqrstuvwxyz")


@builtin("std.itoa_charset")
def itoa_charset(ex: Any, node: Any, number: int, charset: Any) -> str:
    chars = s(charset)
    return _itoa(int(number), len(chars), chars)


def _itoa(number: int, base: int, chars: str) -> str:
    if base < 2 or base > len(chars):
        return ""
    if number == 0:
        return chars[0]
    sign = "-" if number < 0 else ""
    number = abs(number)
    out = []
    while number:
        number, rem = divmod(number, base)
        out.append(chars[rem])
    return sign + "".join(reversed(out))


@builtin("std.ip", "std.str2ip")
def std_ip(ex: Any, node: Any, text: Any, fallback: Any) -> Any:
    return parse_ip(s(text)) or parse_ip(s(fallback))


def inet_aton(text: str) -> ipaddress.IPv4Address | None:
    """IPv4 as inet_aton reads it: one to four numbers, each decimal, octal (`0...`) or hex
    (`0x...`); the last fills the remaining bytes (`0x8.010.2056` is 8.8.8.8)."""
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        low = part.lower()
        try:
            if low.startswith("0x"):
                numbers.append(int(low[2:], 16))
            elif low.startswith("0") and len(low) > 1:
                numbers.append(int(low[1:], 8))
            else:
                numbers.append(int(low, 10) if low.isdigit() else -1)
        except ValueError:
            return None
    *head, last = numbers
    if any(not 0 <= n <= 255 for n in head) or not 0 <= last < 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(head):
        value |= number << (24 - 8 * index)
    return ipaddress.IPv4Address(value)


@builtin("std.anystr2ip")
def anystr2ip(ex: Any, node: Any, text: Any, fallback: Any) -> Any:
    value = s(text).strip()
    found = inet_aton(value) if value else None
    return found or parse_ip(value) or parse_ip(s(fallback))


@builtin("std.ip2str")
def ip2str(ex: Any, node: Any, ip: Any) -> str:
    return s(ip)


@builtin("addr.is_ipv4")
def is_ipv4(ex: Any, node: Any, ip: Any) -> bool:
    found = parse_ip(s(ip))
    return found is not None and found.version == 4


@builtin("addr.is_ipv6")
def is_ipv6(ex: Any, node: Any, ip: Any) -> bool:
    found = parse_ip(s(ip))
    return found is not None and found.version == 6


@builtin("addr.is_unix")
def is_unix(ex: Any, node: Any, ip: Any) -> bool:
    return False


@builtin("addr.extract_bits")
def extract_bits(ex: Any, node: Any, ip: Any, start: int, count: int) -> int:
    found = parse_ip(s(ip))
    if found is None or count <= 0 or count > 32:
        return 0
    return (int(found) >> int(start)) & ((1 << int(count)) - 1)


def _slice(value: Any, offset: int, length: int | None) -> Any:
    """Fastly's substr rules over a str or bytes: a negative offset counts from the end, a
    negative length stops that far before the end; a range wholly outside is not set."""
    start = int(offset)
    if start < 0:
        start += len(value)
    if start < 0 or start > len(value):
        return None
    if length is None:
        return value[start:]
    n = int(length)
    end = len(value) + n if n < 0 else start + n
    return value[start:max(end, start)]


@builtin("substr")
def substr(ex: Any, node: Any, text: Any, offset: int, length: int | None = None) -> str | None:
    """Byte offsets and lengths (Fastly's reference); a cut through a UTF-8 sequence shows as
    U+FFFD, where Fastly keeps the raw byte."""
    part = _slice(s(text).encode(), offset, length)
    return None if part is None else part.decode("utf-8", "replace")


@builtin("utf8.substr")
def utf8_substr(ex: Any, node: Any, text: Any, offset: int,
                length: int | None = None) -> str | None:
    """substr in code points rather than bytes."""
    return _slice(s(text), offset, length)


@builtin("utf8.codepoint_count")
def codepoint_count(ex: Any, node: Any, text: Any) -> int:
    return len(s(text))


@builtin("utf8.is_valid")
def utf8_valid(ex: Any, node: Any, text: Any) -> bool:
    try:
        s(text).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@builtin("regsub")
def regsub(ex: Any, node: Any, text: Any, pattern: Any, repl: Any) -> str:
    return regex.sub(s(pattern), s(text), s(repl), 1, ex.frame.path, node.line)


@builtin("regsuball")
def regsuball(ex: Any, node: Any, text: Any, pattern: Any, repl: Any) -> str:
    return regex.sub(s(pattern), s(text), s(repl), 0, ex.frame.path, node.line)


@builtin("subfield")
def subfield(ex: Any, node: Any, text: Any, name: Any, sep: Any = ",") -> str | None:
    return get_subfield(None if text is None else s(text), s(name), s(sep) or ",")


_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


@builtin("urlencode")
def urlencode(ex: Any, node: Any, text: Any) -> str:
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in s(text).encode())


@builtin("urldecode")
def urldecode(ex: Any, node: Any, text: Any) -> str:
    from urllib.parse import unquote_to_bytes

    return unquote_to_bytes(s(text)).decode("utf-8", "replace")


def _escapes(named: dict[str, str], codes: Iterable[int], form: str) -> dict[int, str]:
    """A ``str.translate`` table: the named escapes, then ``form`` for the other ``codes``."""
    table = {code: form.format(code) for code in codes}
    table.update({ord(ch): text for ch, text in named.items()})
    return table


_JSON = _escapes({'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n",
                  "\r": "\\r", "\t": "\\t"}, [*range(0x20), 0x7F, 0x2028, 0x2029], "\\u{:04X}")
_CSTR = _escapes({'"': '\\"', "\\": "\\\\", "\b": "\\b", "\n": "\\n", "\r": "\\r",
                  "\t": "\\t", "\v": "\\v"}, [*range(0x20), *range(0x7F, 0x100)], "\\x{:02x}")


@builtin("json.escape")
def json_escape(ex: Any, node: Any, text: Any) -> str:
    return s(text).translate(_JSON)


@builtin("xml_escape")
def xml_escape(ex: Any, node: Any, text: Any) -> str:
    return (s(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


@builtin("cstr_escape")
def cstr_escape(ex: Any, node: Any, text: Any) -> str:
    # Byte-wise: each UTF-8 byte of a non-ASCII character is escaped on its own.
    return s(text).encode().decode("latin-1").translate(_CSTR)


@builtin("http_status_matches")
def http_status_matches(ex: Any, node: Any, status: int, spec: Any) -> bool:
    text = s(spec)
    negate = text.startswith("!")
    codes = {c.strip() for c in text.lstrip("!").split(",")}
    return (str(int(status)) in codes) != negate
