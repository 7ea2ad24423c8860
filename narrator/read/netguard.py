"""Which hosts a fetch may reach: URLs parsed strictly, names resolved, private addresses refused.

Errors here are FetchErrors holding just the reason; `fetch` names the URL.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from narrator.environment import ALLOW_PRIVATE_NETWORK, Network
from narrator.errors import FetchError

ALLOW_HINT = f"set {ALLOW_PRIVATE_NETWORK}=1 or use `narrator --allow-private-network` to allow an intranet"
# What socket.getaddrinfo returns per address: family, type, protocol, canonical name, socket address.
_AddressInfo = tuple[
    socket.AddressFamily, socket.SocketKind, int, str, "tuple[str, int] | tuple[str, int, int, int] | tuple[int, bytes]"
]


@dataclass(frozen=True)
class Target:
    """One http(s) URL taken apart: what to connect to and what to ask for."""

    url: str
    """The URL as given."""
    scheme: str
    """http or https."""
    host: str
    """Host name or address literal, without brackets."""
    port: int
    """TCP port (the scheme's default when none is given)."""
    path: str
    """Path and query to request."""


def parse_target(url: str) -> Target:
    """Split an http(s) URL, refusing other schemes, a missing host and impossible ports in one line."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535", a bad port number
        raise FetchError(f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("only http and https URLs are supported")
    if not parts.hostname:
        raise FetchError("the URL has no host name")
    if port == 0:
        raise FetchError("port 0 is not a port a server can listen on")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise FetchError("the URL holds spaces or control characters")
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return Target(url, scheme, parts.hostname, port or (443 if scheme == "https" else 80), path)


def address_kind(address: str) -> str | None:
    """Why an IP address is off limits ("loopback", "private", ...), or None for a public one."""
    ip = _ip(address)
    for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address, with an IPv4-mapped IPv6 address (::ffff:127.0.0.1) read as the IPv4 one it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def resolve(target: Target, timeout: float, *, allowed: tuple[Network, ...] = ()) -> list[tuple[int, str]]:
    """(family, address) pairs to connect to for `target`; every one is checked, not just the spelling.

    Public addresses always pass; others only inside an `allowed` network.
    """
    infos = _getaddrinfo(target, timeout)
    # IPv4 and IPv6 socket addresses start with the address as text (only raw families hold an int).
    found = ((family, sockaddr[0]) for family, _, _, _, sockaddr in infos)
    pairs = ((family, host) for family, host in found if isinstance(host, str))
    addresses: list[tuple[int, str]] = list(dict.fromkeys(pairs))
    if not addresses:
        raise FetchError(f"host {target.host} not found")
    for _, address in addresses:
        kind = address_kind(address)
        if kind and not any(_ip(address) in network for network in allowed):
            named = f"{address} is" if target.host == address else f"{target.host} resolves to {address},"
            raise FetchError(f"{named} a {kind} address; narrator only fetches from public hosts ({ALLOW_HINT})")
    return addresses


def _getaddrinfo(target: Target, timeout: float) -> Sequence[_AddressInfo]:
    """socket.getaddrinfo bounded by `timeout` (a resolver can hang far longer)."""
    result: list[Sequence[_AddressInfo] | BaseException] = []

    def lookup() -> None:
        try:
            result.append(socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            result.append(exc)

    thread = threading.Thread(target=lookup, name="narrator-dns", daemon=True)
    thread.start()
    thread.join(max(0.0, timeout))
    if not result:
        raise FetchError(f"looking up {target.host} took longer than the time limit")
    if isinstance(result[0], socket.gaierror):
        raise FetchError(f"host {target.host} not found")
    found = result[0]
    if isinstance(found, BaseException):
        raise FetchError(f"cannot look up {target.host} ({found})")
    return found
