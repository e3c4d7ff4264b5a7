"""Goodwill deployed as docs/deploy.md describes, on this machine: one PostgreSQL database, two
gunicorn web processes on two loopback ports and one separate `goodwill worker`.

It creates a fresh database on 127.0.0.1:5432 (user postgres), migrates it, starts the three
processes, signs in through both web processes, writes through one and reads it back through the
other, has the worker run an import that was uploaded through one and confirmed through the
other, checks the task results in the database, then stops everything and drops the database.
Exit status 0 when every step worked, 1 with the failing step otherwise.

    make bench-deploy
    .venv/bin/python bench/deploy_check.py --server-url postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.deployment import (
    POSTGRES_URL,
    DeploymentError,
    base_env,
    free_port,
    fresh_postgres_database,
    goodwill,
    nginx_binary,
    nginx_config,
    postgres_reachable,
    start_gunicorn,
    start_nginx,
    start_worker,
    stop,
)
from bench.http_session import Browser, HttpError

USERNAME = "deploy"
PASSWORD = "violet kettle under the bridge"
IMPORTED = ("Ada Quill", "Bram Oakes", "Cleo Marsh")


def _say(step: str) -> None:
    print(f"  {step}", flush=True)


def _wait_for(what: str, check: Callable[[], bool], seconds: float = 90) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.5)
    raise DeploymentError(f"{what}: not within {seconds:.0f} s")


def _vcards(tag: str) -> bytes:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n"
        f"EMAIL:{name.split()[0].lower()}.{tag}@example.org\r\nEND:VCARD\r\n"
        for name in IMPORTED
    ).encode()


def _default_circle(browser: Browser) -> str:
    page = browser.get("/contacts/new/").text
    select = re.search(r'<select name="circle".*?</select>', page, re.S)
    chosen = select and re.search(r'<option value="(\d+)" selected', select.group(0))
    if not chosen:
        raise DeploymentError("the new-contact form offers no default circle")
    return chosen.group(1)


def _task_results(database_url: str) -> list[tuple[str, str]]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT task_path, status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at"
        ).fetchall()
    return [(str(path), str(status)) for path, status in rows]


def _through_the_proxy(
    http_port: int, https_port: int, cafile: str, written: str, tag: str, direct: Browser
) -> None:
    plain = Browser(f"http://127.0.0.1:{http_port}").request("GET", "/contacts/")
    if plain.status != 301 or not plain.location.startswith("https://"):
        raise DeploymentError(f"plain HTTP to nginx answered {plain.status} {plain.location}")
    secure = Browser(f"https://127.0.0.1:{https_port}", cafile=cafile)
    secure.sign_in(USERNAME, PASSWORD)
    session = [line for line in secure.set_cookie_lines if line.startswith("sessionid=")]
    if not session or "Secure" not in session[-1] or "HttpOnly" not in session[-1]:
        raise DeploymentError(
            f"the session cookie over HTTPS is not Secure and HttpOnly: {session}"
        )
    today = secure.get("/")
    if "max-age=31536000" not in today.headers.get("strict-transport-security", ""):
        raise DeploymentError("no HSTS header over HTTPS")
    if written not in secure.get(f"/contacts/?q={tag}").text:
        raise DeploymentError(f"{written} is not listed through nginx")
    proxied = f"Eli Proxy {tag}"
    secure.post("/contacts/new/", {"full_name": proxied, "circle": _default_circle(secure)})
    if proxied not in direct.get(f"/contacts/?q={tag}").text:
        raise DeploymentError(f"{proxied}, written through nginx over HTTPS, is not on web 2")
    css = secure.get("/static/web/goodwill.css")
    if "max-age=3600" not in css.headers.get("cache-control", ""):
        raise DeploymentError("nginx did not serve /static/ itself (no max-age=3600)")
    _say(
        "through nginx over TLS: HTTP redirected to HTTPS, signed in with a Secure HttpOnly "
        "session cookie, HSTS, read and wrote (CSRF checked over HTTPS), static files by nginx"
    )


def check(server_url: str) -> None:
    tag = secrets.token_hex(3)
    with (
        tempfile.TemporaryDirectory(prefix="goodwill-deploy-") as home,
        fresh_postgres_database(server_url, prefix="goodwill_deploy") as database_url,
    ):
        http_port, https_port = free_port(), free_port()
        # Production settings, as docs/deploy.md sets them: secure cookies, HSTS, the proxy's
        # X-Forwarded-Proto trusted; nginx redirects plain HTTP itself.
        env = {
            **base_env(Path(home), database_url),
            "GOODWILL_HTTPS": "1",
            "GOODWILL_SSL_REDIRECT": "0",
            "GOODWILL_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port}",
            "GOODWILL_BASE_URL": f"https://127.0.0.1:{https_port}",
        }
        _say(f"database {database_url.rsplit('/', 1)[1]} created")
        _say(goodwill(env, "migrate").strip().splitlines()[-1])
        goodwill({**env, "GOODWILL_PASSWORD": PASSWORD}, "adduser", USERNAME)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            ports = [free_port(), free_port()]
            for port in ports:
                processes.append(start_gunicorn(env, port, workers=2, threads=4))
            _say(f"two gunicorn web processes (2 workers x 4 threads) on ports {ports}")
            processes.append(start_worker(env))
            _say(f"one goodwill worker (pid {processes[-1].pid})")
            one, two = (Browser(f"http://127.0.0.1:{port}") for port in ports)

            one.sign_in(USERNAME, PASSWORD)
            two.sign_in(USERNAME, PASSWORD)
            _say("signed in through both")
            shared = Browser(two.base_url, cookies=dict(one.cookies))
            if shared.request("GET", "/").status != 200:
                raise DeploymentError("a session made by web 1 is not known to web 2")
            _say("a session made by web 1 is signed in on web 2 (sessions live in PostgreSQL)")

            name = f"Dana Whitlock {tag}"
            one.post(
                "/contacts/new/",
                {"full_name": name, "circle": _default_circle(one), "email": f"dana.{tag}@x.org"},
            )
            if name not in two.get(f"/contacts/?q={tag}").text:
                raise DeploymentError(f"{name}, written through web 1, is not listed by web 2")
            _say(f"wrote {name!r} through web 1, read it back through web 2")

            upload = one.post_file(
                "/import/",
                {"format": "", "default_region": "US"},
                "files",
                "cards.vcf",
                _vcards(tag),
            )
            batch = upload.location
            preview = _wait_for(
                "the worker's dry run of the upload",
                lambda: "Would add <strong>3</strong>" in two.get(batch).text,
            )
            _say(f"uploaded through web 1; preview seen by web 2 after {preview:.1f} s")
            two.post(batch.rstrip("/") + "/confirm/", {})
            imported = _wait_for(
                "the worker's import",
                lambda: all(n in one.get(f"/contacts/?q={tag}").text for n in IMPORTED),
            )
            _say(f"confirmed through web 2; contacts listed by web 1 after {imported:.1f} s")
            results = _task_results(database_url)
            imports = [status for path, status in results if path.endswith("import_run_task")]
            if imports != ["SUCCESSFUL", "SUCCESSFUL"]:
                raise DeploymentError(
                    f"the import tasks' results are {imports}, not two SUCCESSFUL"
                )
            _say(f"task results in the database: {len(imports)} import tasks SUCCESSFUL")
            nginx = nginx_binary()
            if nginx is None:
                _say("nginx is not installed: the reverse proxy step is skipped")
            else:
                folder = Path(home) / "nginx"
                folder.mkdir()
                goodwill(env, "manage", "collectstatic", "--noinput", "--verbosity", "0")
                config = nginx_config(
                    folder,
                    http_port=http_port,
                    https_port=https_port,
                    web_ports=ports,
                    static=Path(home) / "static",
                )
                processes.append(start_nginx(nginx, config, https_port))
                _say(f"nginx with docs/deploy.md's configuration (nginx -t clean): {https_port}")
                _through_the_proxy(http_port, https_port, str(folder / "cert.pem"), name, tag, two)
        finally:
            statuses = [stop(process) for process in reversed(processes)]
            _say(f"stopped {len(statuses)} processes (exit statuses {statuses})")
    _say("database dropped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server-url",
        default=POSTGRES_URL,
        help="Any database on the PostgreSQL server; a fresh one is created beside it.",
    )
    args = parser.parse_args()
    unreachable = postgres_reachable(args.server_url)
    if unreachable:
        print(f"PostgreSQL is not reachable at {args.server_url}: {unreachable}", file=sys.stderr)
        return 2
    print(f"Deployment check against {args.server_url}")
    started = time.monotonic()
    import psycopg

    try:
        check(args.server_url)
    except (DeploymentError, HttpError, psycopg.Error) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"OK in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
