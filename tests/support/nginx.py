"""Debian's nginx on loopback with deploy/nginx/bot.conf.template, in front of Rasa servers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from tests.support.servers import PROJECT_ROOT, free_port, running

NGINX = Path(shutil.which("nginx") or "/usr/sbin/nginx")
TEMPLATE = PROJECT_ROOT / "deploy" / "nginx" / "bot.conf.template"
MAIN_CONFIG = """daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    types {{ text/html html; text/css css; text/javascript js; }}
    default_type application/octet-stream;
    include {dir}/bot.conf;
}}
"""


@dataclass(frozen=True)
class Nginx:
    port: int
    workdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def render(rasa_urls: list[str], listen: int, web_root: Path, rate: int, burst: int) -> str:
    """The site config as the nginx image renders the template (only these ${VARS} are set)."""
    hosts = [urlsplit(url).netloc for url in rasa_urls]
    values = {
        "RASA_1": hosts[0],
        "RASA_2": hosts[-1],
        "LISTEN": f"127.0.0.1:{listen}",
        "WEB_ROOT": str(web_root),
        "RATE_PER_SECOND": str(rate),
        "RATE_BURST": str(burst),
    }
    return Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(values)


@contextmanager
def nginx_server(
    workdir: Path, rasa_urls: list[str], rate: int = 20, burst: int = 40
) -> Iterator[Nginx]:
    """nginx on a free loopback port, serving the widget page exported for that address."""
    if not NGINX.exists():
        sys.exit("nginx is missing: apt-get install nginx-light (README, Test prerequisites)")
    port = free_port()
    web_root = workdir / "web"
    subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "scripts" / "serve_web.py"),
            "--export",
            str(web_root),
            "--socket-url",
            f"http://127.0.0.1:{port}",
        ],
        check=True,
    )
    (workdir / "bot.conf").write_text(render(rasa_urls, port, web_root, rate, burst))
    # Run as root (CI), nginx's workers would otherwise drop to a user who cannot read the test's
    # temporary files.
    user = "user root;" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(MAIN_CONFIG.format(dir=workdir, user=user))
    command = [str(NGINX), "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
    with running(command, f"http://127.0.0.1:{port}/", workdir / "nginx.log"):
        yield Nginx(port, workdir)
