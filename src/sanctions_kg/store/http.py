"""HTTP for the endpoint store: a connect timeout apart from the read timeout, and retried reads.

urllib has one timeout for both connecting and each socket read, and none by default; a server that
accepts a connection and never answers then holds a build for ever. Here every request has both
limits, and a read (a query, which changes nothing) that meets a network failure or a timeout is
tried again after a growing pause. Writes are not retried here: the caller decides what is safe.
"""
from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class NetworkPolicy:
    """Time limits and retries for one endpoint; the defaults come from the environment.

    ``SANCTIONS_KG_CONNECT_TIMEOUT`` (s, default 10), ``SANCTIONS_KG_READ_TIMEOUT`` (s, default 120: a
    socket read that waits longer fails), ``SANCTIONS_KG_RETRIES`` (extra attempts of a read, default 2),
    with pauses of ``backoff``, 2 x ``backoff``, ... seconds between attempts.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    retries: int = 2
    backoff: float = 0.5

    @classmethod
    def from_env(cls) -> NetworkPolicy:
        return cls(
            connect_timeout=_env_float("SANCTIONS_KG_CONNECT_TIMEOUT", cls.connect_timeout),
            read_timeout=_env_float("SANCTIONS_KG_READ_TIMEOUT", cls.read_timeout),
            retries=max(0, int(_env_float("SANCTIONS_KG_RETRIES", cls.retries))),
        )


class _Connection(http.client.HTTPConnection):
    """An HTTP connection that connects within ``connect_timeout`` and then reads with ``timeout``."""

    def __init__(self, *args: Any, connect_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connect_timeout = connect_timeout

    def connect(self) -> None:
        self.sock = socket.create_connection((self.host, self.port), self.connect_timeout,
                                             getattr(self, "source_address", None))
        self.sock.settimeout(self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _SecureConnection(http.client.HTTPSConnection):
    """The same for https."""

    def __init__(self, *args: Any, connect_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connect_timeout = connect_timeout

    def connect(self) -> None:
        timeout, self.timeout = self.timeout, self.connect_timeout
        try:
            super().connect()
        finally:
            self.timeout = timeout
        self.sock.settimeout(timeout)


class _ConnectTimeout:
    """A handler that opens its connections with a connect timeout of their own (see ``_Connection``)."""

    def __init__(self, connect_timeout: float) -> None:
        super().__init__()
        self.connect_timeout = connect_timeout


class _Handler(_ConnectTimeout, urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_Connection, connect_timeout=self.connect_timeout), req)


class _SecureHandler(_ConnectTimeout, urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_SecureConnection, connect_timeout=self.connect_timeout), req)


def open_url(request: urllib.request.Request, connect_timeout: float, read_timeout: float | None) -> Any:
    """``urlopen`` with a connect timeout and a read timeout (None: reads wait for ever)."""
    opener = urllib.request.build_opener(_Handler(connect_timeout), _SecureHandler(connect_timeout))
    return opener.open(request, timeout=read_timeout)


def retryable(exc: BaseException) -> bool:
    """A network failure or a timeout, not an HTTP answer (a 4xx/5xx is the server's verdict)."""
    if isinstance(exc, urllib.error.HTTPError):
        return False
    return isinstance(exc, (urllib.error.URLError, OSError, http.client.HTTPException))


def with_retries(call: Callable[[], T], retries: int, backoff: float,
                 sleep: Callable[[float], None] = time.sleep) -> tuple[T, int]:
    """``call()``, tried again up to ``retries`` times on a retryable failure; (result, attempts)."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return call(), attempt
        except BaseException as exc:
            if attempt > retries or not retryable(exc):
                exc.attempts = attempt  # type: ignore[attr-defined]
                raise
        sleep(backoff * 2 ** (attempt - 1))
