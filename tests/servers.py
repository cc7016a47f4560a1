"""Real SPARQL servers for the tests, started on free loopback ports in temporary folders.

- Oxigraph: ``oxigraph serve`` from the PyPI ``oxigraph`` package;
- Virtuoso: ``virtuoso-t`` from Debian's ``virtuoso-opensource-7`` (a fresh database, account
  dba/dba, Graph Store Protocol at /sparql-graph-crud-auth with digest authentication).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    candidate = Path(sys.executable).parent / "oxigraph"
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


class Server:
    """A server process in its own folder; ``start``/``stop``/``kill`` and the URLs to use."""

    name = "server"
    start_timeout = 60.0

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None
        self.port = 0

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready_url(self) -> str:
        raise NotImplementedError

    def prepare(self) -> None:
        self.port = free_port()

    def start(self, keep_port: bool = False) -> Server:
        for _ in range(3):  # a free port can be taken between asking and binding
            if not (keep_port and self.port):
                self.prepare()
            log = (self.folder / f"{self.name}.log").open("ab")
            self.process = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.folder,
                start_new_session=True,
            )
            log.close()
            deadline = time.monotonic() + self.start_timeout
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    answer = requests.get(
                        self.ready_url(),
                        params={"query": "ASK {}"},
                        headers={"Accept": "application/sparql-results+json"},
                        timeout=2,
                    )
                    if answer.status_code == 200:
                        return self
                except requests.RequestException:
                    pass
                time.sleep(0.05)
            self.kill()
            keep_port = False
        raise RuntimeError(f"{self.name} did not start; log:\n{self.log_tail()}")

    def log_tail(self) -> str:
        path = self.folder / f"{self.name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-20:]) if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


class OxigraphServer(Server):
    name = "oxigraph"

    def command(self) -> list[str]:
        return [
            oxigraph_binary() or "oxigraph",
            "serve",
            "--location",
            str(self.folder / "db"),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]

    def ready_url(self) -> str:
        return self.query_url

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def graph_store_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def options(self) -> list[str]:
        return ["--endpoint", self.query_url, "--graph-store", self.graph_store_url]


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
AllowOSCalls         = 0
DirsAllowed          = ., {dir}
VADInstallDir        = {dir}/vad
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}/vsp
MaxClientConnections = 10
ServerThreads        = 10
EnabledDavVSP        = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 100000
MaxQueryExecutionTime      = 60
"""


class VirtuosoServer(Server):
    name = "virtuoso"
    user, password = "dba", "dba"  # the account of a fresh database

    def prepare(self) -> None:
        self.sql_port, self.port = free_port(), free_port()
        for sub in ("vad", "vsp"):
            (self.folder / sub).mkdir(exist_ok=True)
        (self.folder / "virtuoso.ini").write_text(
            VIRTUOSO_INI.format(dir=self.folder.resolve(), sql_port=self.sql_port, http_port=self.port)
        )

    def command(self) -> list[str]:
        return [
            shutil.which("virtuoso-t") or "virtuoso-t",
            "+foreground",
            "+configfile",
            str(self.folder / "virtuoso.ini"),
        ]

    def ready_url(self) -> str:
        return self.query_url

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    @property
    def graph_store_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql-graph-crud-auth"

    def options(self) -> list[str]:
        return [
            "--endpoint",
            self.query_url,
            "--graph-store",
            self.graph_store_url,
            "--user",
            self.user,
            "--auth",
            "digest",
        ]

    def environment(self) -> dict[str, str]:
        return {**os.environ, "NEWSGRAPH_STORE_PASSWORD": self.password}
