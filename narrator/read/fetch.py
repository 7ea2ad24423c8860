"""Fetch a URL with the standard library: timeout, size cap, redirect limit, one-line errors."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from narrator.errors import FetchError

MAX_REDIRECTS = 5
_TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml",
               "application/atom+xml", "application/markdown")


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
    from narrator import __version__

    return f"narrator/{__version__} (+https://github.com/narrator)"


def check_url(url: str) -> None:
    """Refuse anything but http(s) URLs with a host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"cannot fetch {url}: only http and https URLs are supported")
    if not parts.hostname:
        raise FetchError(f"cannot fetch {url}: the URL has no host name")


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to http(s)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(  # type: ignore[override]
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        """Refuse redirects to other schemes; count the rest."""
        check_url(urllib.parse.urljoin(req.full_url, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _is_text(content_type: str | None) -> bool:
    """True when a Content-Type names a text format we can read (or is missing)."""
    if not content_type:
        return True
    media = content_type.split(";")[0].strip().lower()
    return media.startswith(_TEXT_TYPES) or media.endswith(("+xml", "/json"))


def _describe(url: str, error: BaseException, timeout: float) -> str:
    """One-line, user-facing description of a failed fetch."""
    host = urllib.parse.urlsplit(url).hostname or url
    reason = getattr(error, "reason", error)
    if isinstance(error, urllib.error.HTTPError) and 300 <= error.code < 400:
        return f"cannot fetch {url}: too many redirects (the limit is {MAX_REDIRECTS})"
    if isinstance(error, urllib.error.HTTPError):
        return f"cannot fetch {url}: HTTP {error.code} {error.reason}"
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return f"cannot fetch {url}: no response within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"cannot fetch {url}: host {host} not found"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot fetch {url}: connection refused by {host}"
    if isinstance(reason, ssl.SSLError):
        return f"cannot fetch {url}: TLS error ({getattr(reason, 'reason', None) or reason})"
    return f"cannot fetch {url}: {' '.join(str(reason).split()) or type(error).__name__}"


_CHUNK = 1 << 16


def _read_capped(response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """Read a response body in chunks, refusing it past max_bytes or past the overall deadline."""
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"cannot fetch {url}: response is larger than the {max_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    # The socket timeout bounds each read; a server trickling bytes needs a total deadline too.
    while chunk := response.read(min(_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"cannot fetch {url}: response is larger than the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise FetchError(f"cannot fetch {url}: not complete within {timeout:g} s")
    return b"".join(chunks)


def _decompress(data: bytes, encoding: str | None, url: str, max_bytes: int) -> bytes:
    """Undo gzip or deflate that a server applied although we asked for none."""
    encoding = (encoding or "").strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return data
    # wbits 47 accepts both zlib and gzip headers; cap the output like the download.
    inflater = zlib.decompressobj(47 if encoding != "deflate" else zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise FetchError(f"cannot fetch {url}: the {encoding} response is corrupt") from None
    if len(out) > max_bytes:
        raise FetchError(f"cannot fetch {url}: response is larger than the {max_bytes:,}-byte limit")
    return out


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 20_000_000) -> Fetched:
    """Download a web page; every failure raises FetchError with a one-line message."""
    check_url(url)
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent(),
        "Accept": "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "identity",
    })
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = headers.get("Content-Type")
            if not _is_text(content_type):
                raise FetchError(f"cannot fetch {url}: it is {content_type.split(';')[0]}, not text")
            data = _read_capped(response, url, max_bytes, deadline, timeout)
            data = _decompress(data, headers.get("Content-Encoding"), url, max_bytes)
            return Fetched(data, content_type, response.geturl())
    except FetchError:
        raise
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
        raise FetchError(_describe(url, error, timeout)) from None

