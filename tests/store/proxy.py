"""A fault-injecting HTTP proxy on 127.0.0.1, and a server that accepts connections and never answers.

The proxy forwards each request to a real server; at request number ``fail_at`` it either drops the
connection without forwarding (``"before"``) or forwards it, lets the server apply it, and then
drops the connection without answering (``"after"``: the client cannot know the write happened).
"""
from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FaultProxy:
    """Counts requests; ``fail_at`` (1-based) and ``mode`` say which one fails and how."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.count = 0
        self.writes = 0
        self.fail_at: int | None = None
        self.mode = "before"
        self.lock = threading.Lock()

    def next_fails(self) -> bool:
        with self.lock:
            self.count += 1
            return self.count == self.fail_at


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _forward(self) -> None:
            fails = proxy.next_fails()
            if "/query" not in self.path:
                proxy.writes += 1
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
            if fails and proxy.mode == "before":
                self.close_connection = True
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() in {"content-type", "accept"}}
            request = urllib.request.Request(proxy.upstream + self.path, data=body, headers=headers,
                                             method=self.command)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, payload, kind = response.status, response.read(), response.headers.get("Content-Type")
            except urllib.error.HTTPError as exc:
                status, payload, kind = exc.code, exc.read(), exc.headers.get("Content-Type")
            if fails:  # applied upstream, but the client never hears of it
                self.close_connection = True
                return
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _forward

    return Handler


@contextmanager
def fault_proxy(upstream: str) -> Iterator[tuple[FaultProxy, str]]:
    """A running proxy in front of ``upstream``; yields it and its base URL."""
    proxy = FaultProxy(upstream)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(proxy))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield proxy, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A TCP server that accepts every connection and never sends a byte; yields its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        listener.close()
