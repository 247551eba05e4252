"""Serve the website widget page (web/) with the widget bundle from web/node_modules.

Only the page's own files are served; `config.js` tells the widget where the Rasa server is. The
Content-Security-Policy lets the page run only its own scripts and talk only to that server.
Usage: python scripts/serve_web.py [--port 8080] [--socket-url http://localhost:5005]
       python scripts/serve_web.py --export DIR --socket-url https://chat.clinic.example
           (the same files written to DIR, for nginx to serve: deploy/nginx/bot.conf.template)
"""

from __future__ import annotations

import argparse
import contextlib
import json
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

WEB = Path(__file__).resolve().parent.parent / "web"
WIDGET_BUNDLE = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"
# The bundle's stylesheets import a font from Google at run time. A patient's browser must make no
# third-party requests (privacy), so the import is dropped when the bundle is served.
GOOGLE_FONT_IMPORT = (
    b"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);"
)
STATIC_FILES = {
    "/": (WEB / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB / "index.html", "text/html; charset=utf-8"),
    "/page.css": (WEB / "page.css", "text/css; charset=utf-8"),
    "/widget.css": (WEB / "widget.css", "text/css; charset=utf-8"),
    "/widget.js": (WEB / "widget.js", "text/javascript; charset=utf-8"),
    "/widget-common.js": (WEB / "widget-common.js", "text/javascript; charset=utf-8"),
    "/embed.js": (WEB / "embed.js", "text/javascript; charset=utf-8"),
    "/embed.css": (WEB / "embed.css", "text/css; charset=utf-8"),
    "/demo-clinic.html": (WEB / "demo-clinic.html", "text/html; charset=utf-8"),
    "/rasa-webchat.js": (WIDGET_BUNDLE, "text/javascript; charset=utf-8"),
}


def content_security_policy(socket_url: str) -> str:
    """Own scripts only; connections only to the Rasa server (HTTP polling and WebSocket)."""
    server = urlsplit(socket_url)
    websocket = server._replace(scheme="wss" if server.scheme == "https" else "ws").geturl()
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # the widget injects its own styles
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {server.geturl()} {websocket}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


class WidgetPageHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the page's files and config.js; 404 for anything else."""

    def __init__(self, *args, socket_url: str, **kwargs) -> None:
        self.socket_url = socket_url
        super().__init__(*args, **kwargs)

    def body_and_type(self) -> tuple[bytes, str] | None:
        return page_file(urlsplit(self.path).path, self.socket_url)

    def send_page(self, with_body: bool) -> None:
        found = self.body_and_type()
        if found is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body, content_type = found
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", content_security_policy(self.socket_url))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.send_page(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.send_page(with_body=False)


def export(directory: Path, socket_url: str) -> None:
    """Write the page's files, as served here, into `directory` (for a web server to serve)."""
    directory.mkdir(parents=True, exist_ok=True)
    for path in [*STATIC_FILES, "/config.js"]:
        if path != "/":
            body, _ = page_file(path, socket_url)
            (directory / path.lstrip("/")).write_bytes(body)


def page_file(path: str, socket_url: str) -> tuple[bytes, str] | None:
    """The body and content type of the page's file at `path`, or None if there is none."""
    if path == "/config.js":
        config = f"window.BOT_SOCKET_URL = {json.dumps(socket_url)};\n"
        return config.encode(), "text/javascript; charset=utf-8"
    if path in STATIC_FILES:
        file, content_type = STATIC_FILES[path]
        return file.read_bytes().replace(GOOGLE_FONT_IMPORT, b""), content_type
    return None


def serve(port: int, socket_url: str, host: str = "127.0.0.1") -> None:
    """Serve until interrupted."""
    if not WIDGET_BUNDLE.exists():
        raise SystemExit("web/node_modules is missing: run `make install` (npm ci in web/)")
    handler = partial(WidgetPageHandler, socket_url=socket_url)
    with ThreadingHTTPServer((host, port), handler) as server:
        print(f"Website widget: http://localhost:{port}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--socket-url", default="http://localhost:5005")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--export", type=Path, help="write the files to this directory instead")
    arguments = parser.parse_args()
    if arguments.export:
        export(arguments.export, arguments.socket_url)
    else:
        serve(arguments.port, arguments.socket_url, arguments.host)
