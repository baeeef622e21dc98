"""Value checks the kinds share: host names, addresses, IPs and Fastly's container names.

They accept everything the real API returns (live objects go through the same models), and
reject what the API would refuse or what is plainly a typo, with a message saying why.
"""

from __future__ import annotations

import functools
import ipaddress
import re

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_LOOSE_LABEL = re.compile(r"^[A-Za-z0-9_-]{1,63}$")
CONTAINER_NAME_PATTERN = r"[A-Za-z][A-Za-z0-9_ ]*"
CONTAINER_NAME_RULE = ("Name must start with alphabetical and contain only alphanumeric, "
                       "underscore, and whitespace")
"""The real API's 400 detail for a bad ACL or dictionary name (recorded)."""
_CONTAINER_NAME = re.compile(f"^{CONTAINER_NAME_PATTERN}$")
MAX_HOSTNAME = 253


def _labels_ok(name: str, pattern: re.Pattern[str]) -> bool:
    return len(name) <= MAX_HOSTNAME and all(pattern.match(label) for label in name.split("."))


def domain_name(value: str) -> str:
    """A host name Fastly can serve, optionally with a leading `*.` wildcard label."""
    host = value[2:] if value.startswith("*.") else value
    if "://" in value or "/" in value:
        raise ValueError(f"{value!r} is not a host name: leave out the scheme and path")
    if "." not in host or not _labels_ok(host, _LABEL):
        raise ValueError(f"{value!r} is not a valid host name (letters, digits and '-' in "
                         "dot-separated labels; a wildcard only as a leading '*.')")
    return value


@functools.lru_cache(maxsize=4096)
def ip_address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def address(value: str) -> str:
    """A backend or endpoint address: a host name or an IP, without scheme, port or path."""
    if "://" in value:
        raise ValueError(f"{value!r}: give the host only (no scheme); use use_ssl and port")
    if ip_address(value) is not None:
        return value
    if "/" in value or ":" in value or not _labels_ok(value, _LOOSE_LABEL):
        raise ValueError(f"{value!r} is not a host name or IP address")
    return value


def acl_ip(value: str) -> str:
    if ip_address(value) is None:
        hint = " (put the prefix length in subnet)" if "/" in value else ""
        raise ValueError(f"{value!r} is not an IPv4 or IPv6 address{hint}")
    return value


def subnet_fits(ip: str | None, subnet: int | None) -> int | None:
    """A subnet (prefix length) that fits the address family of `ip`."""
    if subnet is None:
        return None
    parsed = ip_address(ip) if ip else None
    limit = 128 if parsed is not None and parsed.version == 6 else 32
    if not 0 <= subnet <= limit:
        family = "IPv6" if limit == 128 else "IPv4"
        raise ValueError(f"subnet {subnet} does not fit an {family} address (0-{limit})")
    return subnet


def container_name(value: str) -> str:
    """Dictionary and ACL names: Fastly requires a leading letter, then letters, digits,
    underscores and spaces (they become VCL table and ACL identifiers)."""
    if not _CONTAINER_NAME.match(value):
        raise ValueError(f"{value!r}: must start with a letter and contain only letters, "
                         "digits, underscores and spaces")
    return value


def https_url(value: str) -> str:
    if not value.lower().startswith("https://") or len(value) <= len("https://"):
        raise ValueError(f"{value!r}: must be an https:// URL")
    return value


ARN_PARTS = 6


def iam_role_arn(value: str) -> str:
    """An AWS role ARN (`arn:aws:iam::123456789012:role/Name`): the real API refuses a value
    without its six colon-separated parts (recorded: `invalid IAM Role ARN badarn: ...`)."""
    if len(value.split(":", ARN_PARTS - 1)) < ARN_PARTS:
        raise ValueError(f"invalid IAM Role ARN {value}: ARNs must have six colon-separated "
                         f"components")
    return value
