"""Issue 19 through the command line: what a redirect may reach, credentials, links."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main

PAGE = (
    "<html><head><title>Harbour bridge closes</title></head><body><article>"
    "<h1>Harbour bridge closes</h1>"
    "<p>The city council voted on Monday to close the harbour bridge for a year.</p>"
    "<p>Engineers found that the steel deck had rusted through in several places.</p>"
    "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path == "/page":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        targets = {
            "/to-decimal": f"http://2130706433:{port}/page",
            "/to-loopback": f"http://127.0.0.1:{port}/page",
        }
        self.send_response(302)
        self.send_header("Location", targets.get(self.path, "/page"))
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "typed,path", [("localhost", "/to-loopback"), ("127.0.0.1", "/to-decimal")]
)
def test_import_refuses_a_redirect_to_another_local_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: str, typed: str, path: str
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    port = server.rsplit(":", 1)[1]
    code, out, err = run(capsys, "import", "--db", db, f"http://{typed}:{port}{path}")
    assert code == 1
    assert "private network" in err and err.count("\n") == 1
    assert run(capsys, "list", "--db", db)[1] == ""


def test_import_strips_credentials_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: str
) -> None:
    db = str(tmp_path / "lib.sqlite3")
    code, out, err = run(capsys, "import", "--db", db, f"http://alice:s3cret@{server}/page")
    assert code == 0, err
    assert "user name and password" in err
    aid = out.strip()
    shown = json.loads(run(capsys, "show", "--db", db, "--json", aid)[1])
    assert shown["url"] == f"http://{server}/page"
    exported = run(capsys, "export", "--db", db, aid, "--format", "json")[1]
    assert "s3cret" not in exported and "alice" not in exported
