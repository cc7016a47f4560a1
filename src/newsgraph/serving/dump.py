"""One N-Quads file of many articles, for the bulk loaders of large or clustered engines.

A dump streams: each input's graphs are made, written and let go before the next, so memory
stays that of one article whatever the archive's size. It is written to a temporary file beside
the target and renamed into place when complete; a ``.gz`` name is gzip-compressed, with no
time stamp or file name in its header, so the same articles give a byte-identical dump.

>>> import gzip, tempfile, pathlib
>>> from newsgraph.store.loading import Deferred, Payload
>>> article = Payload("a", "https://newsgraph.example/graph/a", b"<http://x/s> <http://x/p> <http://x/o> .\\n", 1)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "archive.nq.gz"
>>> [o.describe() for o in write_dump([Deferred("a", lambda: [article])], out)]
['a: dumped 1 triple into <https://newsgraph.example/graph/a>']
>>> gzip.decompress(out.read_bytes()).decode()
'<http://x/s> <http://x/p> <http://x/o> <https://newsgraph.example/graph/a> .\\n'
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from ..store.loading import Deferred, Outcome, Payload

__all__ = ["DUMP_SUFFIXES", "Dumped", "write_dump"]

#: The names a dump may have.
DUMP_SUFFIXES = (".nq", ".nq.gz")


@dataclass(frozen=True)
class Dumped(Outcome):
    """What became of one input of a dump."""

    @property
    def ok(self) -> bool:
        return self.status == "dumped"

    def describe(self) -> str:
        if not self.ok:
            return super().describe()
        into = " and ".join(f"<{g}>" for g in (self.graph, *self.also))
        return f"{self.label}: dumped {self.sent} triple{'s' if self.sent != 1 else ''} into {into}"


def write_dump(  # type: ignore[no-untyped-def]
    inputs: Iterable[Deferred], out: str | Path, *, report=None, articles_from: int = 0
) -> list[Dumped]:
    """Write the graphs of ``inputs`` into the N-Quads file ``out`` (``.nq`` or ``.nq.gz``):
    every input's outcome (``report``, if given, is called with each as it comes). An input that
    fails is reported and left out; when none from the ``articles_from``-th on (the inputs
    before it being catalogues) could be dumped, no file is written."""
    out = Path(out)
    if not out.name.endswith(DUMP_SUFFIXES):
        raise InputError(f"{out}: a dump is N-Quads: name it .nq, or .nq.gz to compress it")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder to write the dump into")
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    gz = out.name.endswith(".gz")
    outcomes: list[Dumped] = []
    written: dict[str, str] = {}  # graph -> the input it came from
    try:
        with temporary.open("wb") as raw:
            stream = cast(IO[bytes], gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)) if gz else raw
            try:
                for deferred in inputs:
                    for made in deferred.make():
                        outcome = _write(stream, made, written) if isinstance(made, Payload) else _failed(made)
                        outcomes.append(outcome)
                        if report is not None:
                            report(outcome)
            finally:
                if stream is not raw:
                    stream.close()  # the gzip trailer; the file itself is closed below
            raw.flush()
            os.fsync(raw.fileno())
        if not any(o.ok for o in outcomes[articles_from:]):
            return outcomes
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return outcomes


def _write(stream: IO[bytes], payload: Payload, written: dict[str, str]) -> Dumped:
    """Write the payload's graphs, unless one is in the dump already (a dump, like a store, has
    one graph per name: two inputs may not both give it)."""
    twice = [p.graph for p in payload.graphs if p.graph in written]
    if twice:
        error = f"the graph <{twice[0]}> is in the dump already, from {written[twice[0]]}: left out"
        return Dumped(payload.label, payload.graph, "invalid", error=error)
    written.update((p.graph, payload.label) for p in payload.graphs)
    stream.write(payload.nquads())
    also = tuple(p.graph for p in payload.parts)
    return Dumped(payload.label, payload.graph, "dumped", sent=payload.total, also=also)


def _failed(outcome: Outcome) -> Dumped:
    return Dumped(outcome.label, outcome.graph, outcome.status, error=outcome.error, details=outcome.details)
