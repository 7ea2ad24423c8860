"""URL fetching against a local http.server: success, redirects and one-line failures."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from narrator.errors import FetchError, SettingError
from narrator.read import read_article
from narrator.read.fetch import fetch

FIXTURES = Path(__file__).parent / "fixtures" / "read"
PAGE = (FIXTURES / "article.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves a few fixed routes that exercise each fetch outcome."""

    seen_agents: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article":
            self._send(200, PAGE)
        elif path == "/plain":
            self._send(200, (FIXTURES / "wrapped.txt").read_bytes(), "text/plain")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/article" if left == 0 else f"/hop/{left - 1}"
            self._send(302, b"", Location=target)
        elif path == "/loop":
            self._send(302, b"", Location="/loop2")
        elif path == "/loop2":
            self._send(302, b"", Location="/loop")
        elif path == "/ftp":
            self._send(302, b"", Location="ftp://127.0.0.1/file")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/big":
            self._send(200, b"<p>" + b"word " * 5000 + b"</p>")
        elif path == "/gzip":
            self._send(200, gzip.compress(PAGE), Content_Encoding="gzip")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(100):  # a byte every 0.1 s: each read is quick, the whole is not
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/slow-headers":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            for number in range(100):  # a header line every 0.1 s, never the blank line
                self.send_header(f"X-Slow-{number}", "x")
                self.flush_headers()
                time.sleep(0.1)
        elif path == "/short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE[: len(PAGE) // 2])
            self.close_connection = True
        elif path.startswith("/to/"):
            self._send(302, b"", Location=path[len("/to/") :])
        else:
            self._send(404, b"<h1>Not Found</h1>")


class QuietServer(ThreadingHTTPServer):
    """A test server that does not print the broken pipes timeouts cause."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture(autouse=True)
def allow_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests' servers listen on 127.0.0.1, which narrator refuses unless allowed: allow just that address."""
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "127.0.0.1")


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetches_and_reads_an_article(server) -> None:
    article = read_article(f"{server}/article")
    assert article.title == "Bridge inspections find hidden corrosion"
    assert article.source == f"{server}/article"
    assert len(article.paragraphs) == 5
    assert Handler.seen_agents[-1].startswith("narrator/")
    assert "(+https://github.com/narrator)" in Handler.seen_agents[-1]


def test_gzip_response_is_decompressed(server) -> None:
    assert len(read_article(f"{server}/gzip").paragraphs) == 5


def test_plain_text_url(server) -> None:
    assert read_article(f"{server}/plain").title == "The Quiet Return of the Night Train"


def test_follows_up_to_five_redirects(server) -> None:
    assert fetch(f"{server}/hop/4").url.endswith("/article")  # five redirects


def test_refuses_more_than_five_redirects(server) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{server}/hop/5")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{server}/loop")


def test_refuses_redirect_to_other_scheme(server) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(f"{server}/ftp")


def _one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_http_error(server) -> None:
    with pytest.raises(FetchError) as error:
        read_article(f"{server}/missing")
    assert "HTTP 404" in _one_line(error)


def test_not_text(server) -> None:
    with pytest.raises(FetchError) as error:
        read_article(f"{server}/image")
    assert "image/png, not text" in _one_line(error)


def test_too_large(server) -> None:
    with pytest.raises(FetchError) as error:
        read_article(f"{server}/big", max_bytes=1000)
    assert "1,000-byte limit" in _one_line(error)


def test_timeout(server) -> None:
    with pytest.raises(FetchError) as error:
        read_article(f"{server}/slow", timeout=0.3)
    assert "no response within 0.3 s" in _one_line(error)


def test_trickling_server_hits_the_overall_deadline(server) -> None:
    with pytest.raises(FetchError) as error:
        read_article(f"{server}/trickle", timeout=0.5)
    assert "not complete within 0.5 s" in _one_line(error)


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as error:
        read_article(f"http://127.0.0.1:{port}/")
    assert "connection refused" in _one_line(error)


def test_unknown_host(monkeypatch) -> None:
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError) as error:
        read_article("http://no-such-host.invalid/story")
    assert "host no-such-host.invalid not found" in _one_line(error)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "javascript://x"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        read_article(url)


def _quick(call, *args, **kwargs) -> tuple[FetchError, float]:
    """The FetchError a call raises and the seconds it took."""
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        call(*args, **kwargs)
    return error.value, time.monotonic() - started


def test_a_trickle_of_bytes_is_cut_at_the_overall_deadline(server) -> None:
    error, seconds = _quick(fetch, f"{server}/trickle", timeout=0.6)
    assert "not complete within 0.6 s" in str(error)
    assert seconds < 3  # the server would trickle for 10 s


def test_headers_sent_slowly_are_cut_at_the_overall_deadline(server) -> None:
    error, seconds = _quick(fetch, f"{server}/slow-headers", timeout=0.6)
    assert "no response within 0.6 s" in str(error)
    assert seconds < 3


def test_a_body_shorter_than_its_content_length_is_an_error(server) -> None:
    error, _ = _quick(read_article, f"{server}/short")
    assert f"after {len(PAGE) // 2:,} of the {len(PAGE):,} bytes it announced" in str(error)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://10.1.2.3/", "10.1.2.3 is a private address"),
        ("http://0x7f000002/", "0x7f000002 resolves to 127.0.0.2, a loopback address"),
        ("http://[::1]:8080/", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.2]/", "::ffff:127.0.0.2 is a loopback address"),
    ],
)
def test_a_redirect_to_a_private_address_is_refused(server, location: str, reason: str) -> None:
    error, _ = _quick(fetch, f"{server}/to/{location}")
    assert f"redirected to {location}: {reason}" in str(error)
    assert "NARRATOR_ALLOW_PRIVATE_NETWORK" in str(error)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost:9/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://169.254.169.254/",
        "http://[::1]/",
    ],
)
def test_private_hosts_are_refused_by_default(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.delenv("NARRATOR_ALLOW_PRIVATE_NETWORK")
    error, _ = _quick(fetch, url)
    assert "address; narrator only fetches from public hosts" in str(error)
    assert "\n" not in str(error)


def test_the_opt_in_allows_an_intranet(server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "1")
    assert fetch(f"{server}/to/http://localhost:{server.rsplit(':', 1)[1]}/article").data == PAGE
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "0")
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"{server}/article")
    assert fetch(f"{server}/article", allow_private=True).data == PAGE


def test_a_malformed_opt_in_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "intranet please")
    with pytest.raises(SettingError, match="is not understood; use 1, 0 or networks"):
        fetch("http://example.com/")


def test_a_redirect_to_a_file_url_gives_its_reason(server) -> None:
    error, _ = _quick(fetch, f"{server}/to/file:///etc/passwd")
    assert "it redirects to file:///etc/passwd; only http and https URLs are followed" in str(error)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1", "not a valid URL (Invalid IPv6 URL)"),
        ("http://example.com:99999/", "not a valid URL (Port out of range 0-65535)"),
        ("http://example.com:http/", "not a valid URL"),
        ("http:///nohost", "the URL has no host name"),
    ],
)
def test_malformed_urls_give_their_reason(url: str, reason: str) -> None:
    error, _ = _quick(read_article, url)
    assert str(error).startswith(f"cannot fetch {url}: {reason}")
