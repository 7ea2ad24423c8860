"""URL fetching against a local http.server: success, redirects and one-line failures."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from narrator.errors import FetchError
from narrator.read import read_article
from narrator.read.fetch import fetch

FIXTURES = Path(__file__).parent / "fixtures" / "read"
PAGE = (FIXTURES / "article.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves a few fixed routes that exercise each fetch outcome."""

    seen_agents: list[str] = []

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

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
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
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(10):  # bounded: a byte every 0.15 s, 1.5 s in all
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.15)
        else:
            self._send(404, b"<h1>Not Found</h1>")


class QuietServer(ThreadingHTTPServer):
    """A test server that does not print the broken pipes timeouts cause."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


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
