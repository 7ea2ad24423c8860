"""Fetch a URL as hostile input: one deadline for the whole request, a size cap, public hosts only.

Every hop (the URL and each redirect) is parsed strictly, its host resolved and every
address checked (`netguard`), and the connection made to the checked address, so a
name cannot resolve to something else between the check and the connection. A
watchdog shuts the socket down when the request's deadline passes, which bounds slow
connects, slow headers and trickled bodies alike.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from dataclasses import dataclass
from email.message import Message

from narrator import __version__
from narrator.environment import ANY_NETWORK, Network, allowed_private_networks
from narrator.errors import FetchError
from narrator.read.netguard import Target, parse_target, resolve

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 8192
_TEXT_TYPES = (
    "text/",
    "application/xhtml+xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/markdown",
)


@dataclass(frozen=True)
class Fetched:
    """The body and content type of a fetched URL."""

    data: bytes
    """Response body, at most the size cap."""
    content_type: str | None
    """Content-Type header as sent, if any."""
    url: str
    """Final URL after redirects."""


def user_agent() -> str:
    """The User-Agent we identify ourselves with."""
    return f"narrator/{__version__} (+https://github.com/narrator)"


def check_url(url: str) -> None:
    """Refuse anything but a well-formed http(s) URL with a host, in one line."""
    try:
        parse_target(url)
    except FetchError as exc:
        raise FetchError(f"cannot fetch {url}: {exc}") from None


class _Watchdog:
    """Shuts a connection's socket down when the request's deadline passes."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.expired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left, at least a sliver (a zero socket timeout would mean non-blocking)."""
        return max(0.001, self.deadline - time.monotonic())

    def guard(self, sock: socket.socket) -> None:
        """Watch this socket (a connect in progress or done)."""
        with self._lock:
            self._socket = sock
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._socket is not None:
            # OSError: not connected yet; the connect's own timeout ends it.
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)

    def check(self) -> None:
        """Raise TimeoutError once the deadline has passed."""
        if self.expired or time.monotonic() > self.deadline:
            raise TimeoutError

    def cancel(self) -> None:
        """Stop the timer."""
        self._timer.cancel()


def _connect(addresses: list[tuple[int, str]], port: int, watchdog: _Watchdog) -> socket.socket:
    """A TCP connection to the first checked address that answers."""
    error: OSError = ConnectionRefusedError()
    for family, address in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        watchdog.guard(sock)
        sock.settimeout(watchdog.remaining())
        try:
            sock.connect((address, port))
            return sock
        except OSError as exc:
            sock.close()
            error = exc
            watchdog.check()
    raise error


class _PinnedConnection(http.client.HTTPSConnection):
    """An HTTP(S) connection to an address already checked, not to whatever the name resolves to later."""

    def __init__(self, target: Target, addresses: list[tuple[int, str]], watchdog: _Watchdog) -> None:
        tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=watchdog.remaining(), context=tls)
        self._tls = tls
        self._target = target
        self._addresses = addresses
        self._watchdog = watchdog
        self.default_port = 443 if target.scheme == "https" else 80  # the Host header names other ports

    def connect(self) -> None:
        """Connect to a checked address, with TLS for https (certificate checked against the host name)."""
        sock = _connect(self._addresses, self._target.port, self._watchdog)
        sock.settimeout(self._watchdog.remaining())
        if self._target.scheme == "https":
            sock = self._tls.wrap_socket(sock, server_hostname=self._target.host)
        self.sock = sock


def _is_text(content_type: str | None) -> bool:
    """True when a Content-Type names a text format we can read (or is missing)."""
    if not content_type:
        return True
    media = content_type.split(";")[0].strip().lower()
    return media.startswith(_TEXT_TYPES) or media.endswith(("+xml", "/json"))


def _content_length(headers: Message) -> int | None:
    """The announced body size, if the server gave a sensible one."""
    value = (headers.get("Content-Length") or "").strip()
    return int(value) if value.isdigit() else None


def _read_body(response: http.client.HTTPResponse, max_bytes: int, watchdog: _Watchdog) -> bytes:
    """Read the body in small pieces, within the size cap and the deadline; a short body is an error."""
    announced = _content_length(response.headers)
    if announced is not None and announced > max_bytes:
        raise FetchError(f"response is larger than the {max_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    while True:
        watchdog.check()
        chunk = response.read(min(_CHUNK, max_bytes + 1 - size))
        watchdog.check()  # a shut-down socket reads as the end: that was the deadline, not the server
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response is larger than the {max_bytes:,}-byte limit")
    if announced is not None and size < announced:
        raise FetchError(f"the server closed the connection after {size:,} of the {announced:,} bytes it announced")
    return b"".join(chunks)


def _decompress(data: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """Undo gzip or deflate that a server applied although we asked for none."""
    encoding = (encoding or "").strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return data
    # wbits 47 accepts both zlib and gzip headers; cap the output like the download.
    inflater = zlib.decompressobj(47 if encoding != "deflate" else zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise FetchError(f"the {encoding} response is corrupt") from None
    if len(out) > max_bytes:
        raise FetchError(f"response is larger than the {max_bytes:,}-byte limit")
    return out


def _describe(error: BaseException, target: Target) -> str:
    """The reason for a failed connection or exchange, in a few words."""
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {target.host} port {target.port}"
    if isinstance(error, ssl.SSLError):
        return f"TLS error ({getattr(error, 'reason', None) or error})"
    if isinstance(error, http.client.IncompleteRead):
        return "the connection closed before the whole response arrived"
    if isinstance(error, http.client.HTTPException):
        return f"the server's answer is not valid HTTP ({type(error).__name__})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return " ".join(str(error).split()) or type(error).__name__


def _request(
    target: Target, max_bytes: int, watchdog: _Watchdog, allowed: tuple[Network, ...]
) -> tuple[int, Message, bytes]:
    """One GET to one hop: (status, headers, body); the body only for a final answer."""
    addresses = resolve(target, watchdog.remaining(), allowed=allowed)
    connection = _PinnedConnection(target, addresses, watchdog)
    answered = False
    try:
        connection.request(
            "GET",
            target.path,
            headers={
                "User-Agent": user_agent(),
                "Accept": "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "identity",
            },
        )
        response = connection.getresponse()
        watchdog.check()  # headers cut short by the deadline end like complete ones
        answered = True
        if response.status in _REDIRECTS or response.status >= 400:
            return response.status, response.headers, b""
        content_type = response.headers.get("Content-Type")
        if content_type is not None and not _is_text(content_type):
            raise FetchError(f"it is {content_type.split(';')[0]}, not text")
        body = _read_body(response, max_bytes, watchdog)
        return response.status, response.headers, _decompress(body, response.headers.get("Content-Encoding"), max_bytes)
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if watchdog.expired or isinstance(exc, TimeoutError) or time.monotonic() > watchdog.deadline:
            raise TimeoutError(answered) from None
        raise FetchError(_describe(exc, target)) from None
    finally:
        connection.close()


def fetch(
    url: str, *, timeout: float = 20.0, max_bytes: int = 20_000_000, allow_private: bool | None = None
) -> Fetched:
    """Download a web page within `timeout` seconds in all; every failure raises FetchError with a one-line message.

    `allow_private`: reach private, loopback and link-local hosts too (default: as
    $NARRATOR_ALLOW_PRIVATE_NETWORK says: 1 for all, or a list of networks).
    """
    allowed = allowed_private_networks() if allow_private is None else ANY_NETWORK if allow_private else ()
    watchdog = _Watchdog(time.monotonic() + timeout)
    current, via = url, ""
    try:
        for _ in range(MAX_REDIRECTS + 1):
            target = parse_target(current)
            status, headers, body = _request(target, max_bytes, watchdog, allowed)
            if status >= 400:
                raise FetchError(f"{via}HTTP {status} {http.client.responses.get(status, '')}".rstrip())
            if status not in _REDIRECTS:
                return Fetched(body, headers.get("Content-Type"), current)
            location = headers.get("Location")
            if not location:
                raise FetchError(f"{via}HTTP {status} redirect without a Location")
            current = urllib.parse.urljoin(current, location.strip())
            via = f"redirected to {current}: "
            if urllib.parse.urlsplit(current).scheme.lower() not in ("http", "https"):
                raise FetchError(f"it redirects to {current}; only http and https URLs are followed")
        raise FetchError(f"too many redirects (the limit is {MAX_REDIRECTS})")
    except TimeoutError as exc:
        answered = bool(exc.args and exc.args[0])
        reason = f"not complete within {timeout:g} s" if answered else f"no response within {timeout:g} s"
        raise FetchError(f"cannot fetch {url}: {via}{reason}") from None
    except FetchError as exc:
        message = str(exc)
        if via and not message.startswith(via) and not message.startswith("it redirects"):
            message = via + message
        raise FetchError(f"cannot fetch {url}: {message}") from None
    finally:
        watchdog.cancel()
