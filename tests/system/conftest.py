"""A real Candour server, one Chromium and signed-in demo personas for the browser tests.

The server runs as a subprocess on a fresh database, as a user would run it. pytest-django's
live_server cannot be used: its flush would DELETE audit rows, which database triggers refuse.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from psycopg import sql

from tests.system.support import (
    AXE_SOURCE,
    CREATE_UNENROLLED_ANALYST,
    AccessibilityCheck,
    ContextFactory,
    PageOpener,
    Personas,
    ShellRunner,
    accessibility_problems,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BIN = Path(sys.executable).parent
# Generous: a shared 2-core machine under load took over 30 s to start the server once;
# a server that crashes is reported at once (its exit is polled), so waiting costs nothing.
STARTUP_TIMEOUT_SECONDS = 120


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def database_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment variables that point the server at a database made for this session."""
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url:
        path = tmp_path_factory.mktemp("browser-db") / "browser.sqlite3"
        yield {"CANDOUR_SQLITE_PATH": str(path)}
        return
    name = f"candour_browser_{secrets.token_hex(6)}"
    admin_url = _with_database(base_url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {"DATABASE_URL": _with_database(base_url, name)}
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command[:2])} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local http
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer {url} within {STARTUP_TIMEOUT_SECONDS} s")


@pytest.fixture(scope="session")
def server_env(
    tmp_path_factory: pytest.TempPathFactory, database_env: dict[str, str]
) -> dict[str, str]:
    """The environment the server runs in: its database, keys and settings."""
    var_dir = tmp_path_factory.mktemp("browser-var")
    return {
        **os.environ,
        # development: cookies without the Secure flag over plain http; DEBUG stays off.
        "CANDOUR_ENVIRONMENT": "development",
        "CANDOUR_VAR_DIR": str(var_dir),
        **database_env,
    }


@pytest.fixture(scope="session")
def server(server_env: dict[str, str]) -> Iterator[str]:
    """Base URL of a Candour server with the demo data loaded, on its own database."""
    env = server_env
    var_dir = Path(env["CANDOUR_VAR_DIR"])
    candour = str(BIN / "candour")
    _run([candour, "migrate", "--verbosity", "0"], env)
    _run([candour, "load-demo-data"], env)
    _run([candour, "shell", "--command", CREATE_UNENROLLED_ANALYST], env)
    port = _free_port()
    # Kept with pytest's temporary directories for reading after a failure.
    log = var_dir / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [candour, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(f"{base_url}/healthz", process, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def candour_shell(server: str, server_env: dict[str, str]) -> ShellRunner:
    """Run Python in `candour shell` on the running server's database; what it printed.

    Uses the server's keys, so audit events it records chain on with the server's own.
    """

    def run(code: str) -> str:
        return _run([str(BIN / "candour"), "shell", "--command", code], server_env)

    return run


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium)")
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def new_context(browser: Browser, server: str) -> Iterator[ContextFactory]:
    """Make browser contexts on the test server; every one is closed after the test."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(base_url=server, **options)
        context.set_default_timeout(10_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(new_context: ContextFactory) -> Page:
    """A page in a fresh context: no cookies, nobody signed in."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def personas(server: str) -> Personas:
    return Personas()


@pytest.fixture
def signed_in_page(new_context: ContextFactory, personas: Personas) -> PageOpener:
    """Open a page as a demo persona, by key in candour.demo.core.PERSONAS."""

    def open_as(key: str) -> Page:
        return personas.signed_in_context(new_context, key).new_page()

    return open_as


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `make assets` (npm ci)")
    return AXE_SOURCE.read_text()


@pytest.fixture
def serious_accessibility_problems(axe_source: str) -> AccessibilityCheck:
    def check(page: Page) -> list[str]:
        return accessibility_problems(page, axe_source)

    return check
