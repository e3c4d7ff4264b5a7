"""Processes of a deployment on loopback, for the deployment check and the load test: a fresh
PostgreSQL database, gunicorn web processes and `goodwill worker`, each stopped and dropped after.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BIN = Path(sys.executable).parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


class DeploymentError(Exception):
    """A step of the deployment that did not work, said in one line."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_reachable(server_url: str = POSTGRES_URL) -> str | None:
    """None when PostgreSQL answers at server_url, else why not."""
    import psycopg

    try:
        with psycopg.connect(server_url, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@contextmanager
def fresh_postgres_database(
    server_url: str = POSTGRES_URL, prefix: str = "goodwill"
) -> Iterator[str]:
    """A new, empty database on the server (a URL naming any existing database), dropped after,
    even if the processes that used it are still connected."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def goodwill(env: dict[str, str], *args: str) -> str:
    """Run `goodwill ARGS` to the end; its output, or DeploymentError with what it said."""
    done = subprocess.run(
        [str(BIN / "goodwill"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise DeploymentError(f"goodwill {' '.join(args)}: {(done.stderr or done.stdout).strip()}")
    return done.stdout


def _wait_listening(process: subprocess.Popen[bytes], port: int, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DeploymentError(f"{what} exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise DeploymentError(f"{what} did not listen on 127.0.0.1:{port} within 60 s")


def start_gunicorn(
    env: dict[str, str], port: int, *, workers: int = 2, threads: int = 4
) -> subprocess.Popen[bytes]:
    """gunicorn serving Goodwill on 127.0.0.1:port, as docs/deploy.md runs it."""
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "goodwill.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "--graceful-timeout",
            "10",
        ],
        env=env,
        start_new_session=True,
    )
    _wait_listening(process, port, f"gunicorn on port {port}")
    return process


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """One `goodwill worker`: the background task worker, apart from the web processes."""
    return subprocess.Popen(
        [str(BIN / "goodwill"), "worker", "--quiet"], env=env, start_new_session=True
    )


def stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM, then SIGKILL after 15 s; the exit status."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode


def base_env(home: Path, database_url: str | None) -> dict[str, str]:
    """The environment of every process: a data folder and a secret key they share, and the
    database (SQLite in the data folder when database_url is None)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOODWILL_", "DJANGO_"))}
    env.update(
        GOODWILL_HOME=str(home),
        GOODWILL_SECRET_KEY="deploy-check-" + secrets.token_urlsafe(40),
        GOODWILL_ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    if database_url:
        env["GOODWILL_DATABASE_URL"] = database_url
    return env


DEPLOY_GUIDE = Path(__file__).resolve().parent.parent / "docs" / "deploy.md"


def nginx_binary() -> str | None:
    return shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def nginx_config(
    folder: Path, *, http_port: int, https_port: int, web_ports: list[int], static: Path
) -> Path:
    """The nginx configuration of docs/deploy.md, taken from the page itself, moved to loopback
    ports, a self-signed certificate and folders of this run's own."""
    guide = DEPLOY_GUIDE.read_text()
    found = re.search(r"```nginx\n(.*?)```", guide, re.S)
    if not found:
        raise DeploymentError(f"{DEPLOY_GUIDE} has no nginx configuration block")
    server = found.group(1)
    upstreams = re.findall(r"server 127\.0\.0\.1:\d+;", server)
    if len(upstreams) != len(web_ports):
        raise DeploymentError(f"the guide's upstream lists {len(upstreams)} servers")
    for line, port in zip(upstreams, web_ports, strict=True):
        server = server.replace(line, f"server 127.0.0.1:{port};", 1)
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/letsencrypt/live/goodwill.example.com/fullchain.pem": str(folder / "cert.pem"),
        "/etc/letsencrypt/live/goodwill.example.com/privkey.pem": str(folder / "key.pem"),
        "/var/lib/goodwill/static/": f"{static}/",
    }
    for old, new in replacements.items():
        if old not in server:
            raise DeploymentError(f"the guide's nginx configuration has no {old!r}")
        server = server.replace(old, new)
    # IPv6 listeners are left out: loopback IPv6 may be missing in containers.
    server = "\n".join(line for line in server.splitlines() if "listen [::]" not in line)
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(
        f"""daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{server}
}}
"""
    )
    return config


def start_nginx(binary: str, config: Path, https_port: int) -> subprocess.Popen[bytes]:
    """nginx with the configuration above, after `nginx -t` has accepted it."""
    checked = subprocess.run(
        [binary, "-t", "-c", str(config), "-p", str(config.parent)],
        capture_output=True,
        text=True,
    )
    if checked.returncode != 0:
        raise DeploymentError(f"nginx -t refused the guide's configuration: {checked.stderr}")
    process = subprocess.Popen(
        [binary, "-c", str(config), "-p", str(config.parent)],
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    _wait_listening(process, https_port, "nginx")
    return process
