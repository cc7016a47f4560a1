"""HTTP sessions with bounded retries, shared by the store client and the Wikidata client.

Retries use urllib3's ``Retry``: exponential backoff on connection errors, read errors, 429 and
5xx, honouring ``Retry-After`` but never waiting longer than a cap.

>>> session = retrying_session(retries=2, backoff=0.1, max_wait=1.0)
>>> session.get_adapter("https://example.org").max_retries.cap
1.0
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

__all__ = ["RETRY_STATUSES", "CappedRetry", "retrying_session", "mount_retries"]

RETRY_STATUSES = (429, 500, 502, 503, 504)


class CappedRetry(Retry):
    """urllib3's Retry, with ``Retry-After`` waits capped at ``cap`` seconds."""

    cap = 30.0

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), self.cap)


def _retry(retries: int, backoff: float, max_wait: float, methods: frozenset[str]) -> Retry:
    retry_class = type("CappedRetry", (CappedRetry,), {"cap": max_wait})
    return retry_class(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
        backoff_max=max_wait,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=methods,
        respect_retry_after_header=True,
        raise_on_status=False,  # the caller reads the last answer and explains it
    )


def mount_retries(
    session: requests.Session,
    *,
    retries: int,
    backoff: float,
    max_wait: float,
    methods: frozenset[str] = frozenset({"GET", "PUT", "POST", "HEAD"}),
) -> requests.Session:
    """Mount retrying adapters for http and https on ``session``."""
    adapter = HTTPAdapter(max_retries=_retry(retries, backoff, max_wait, methods))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def retrying_session(*, retries: int = 4, backoff: float = 0.5, max_wait: float = 30.0) -> requests.Session:
    """A new ``requests.Session`` with retrying adapters."""
    return mount_retries(requests.Session(), retries=retries, backoff=backoff, max_wait=max_wait)


def describe_failure(exc: requests.exceptions.RequestException) -> tuple[str, str]:
    """Why a request failed: ``("unreachable" | "timeout" | "other", short reason)``.

    After retries run out, requests reports a read timeout as a ConnectionError wrapping
    urllib3's error; this looks inside to tell a slow server from one that is not there.
    """
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError

    inner = exc.args[0] if exc.args else exc
    inner = getattr(inner, "reason", inner)
    if isinstance(inner, ReadTimeoutError) or isinstance(exc, requests.exceptions.ReadTimeout):
        return "timeout", "timed out"
    if isinstance(inner, (NewConnectionError, ConnectTimeoutError)) or isinstance(
        exc, requests.exceptions.ConnectTimeout
    ):
        text = str(inner)
        for hint in (
            "Connection refused",
            "Name or service not known",
            "Temporary failure in name resolution",
            "Network is unreachable",
            "No route to host",
            "timed out",
        ):
            if hint in text:
                return "unreachable", hint
        return "unreachable", "no connection"
    text = str(inner)
    for hint in ("Connection reset", "Remote end closed connection", "certificate verify failed", "Connection aborted"):
        if hint in text:
            return "other", hint
    return "other", text[:200]
