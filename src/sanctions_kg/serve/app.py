"""The application factory and the server loop of ``sanctions-kg serve``.

Read-only by construction: every route but ``/sparql`` answers GET (and HEAD) only, ``/sparql``
takes POST for queries and refuses updates, and there is no route that writes. Safe defaults: the
server binds 127.0.0.1, answers only to a loopback ``Host`` when bound there (DNS rebinding), sends a
strict Content-Security-Policy (everything from this origin, no inline script, nothing from a CDN)
and no CORS header unless an origin is allowed explicitly.
"""
from __future__ import annotations

import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import Errors, ServeError
from ..settings import load_settings
from ..store import Store
from . import pages
from .data import Data
from .headers import SecurityHeaders
from .highlight import TextSource
from .sparql import Limits, sparql_endpoint

HERE = Path(__file__).resolve().parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
def create_app(store: Store, *, texts: Sequence[Path] = (), limits: Limits | None = None,
               queries_dir: Path | None = None, host: str = "127.0.0.1",
               cors_origins: Sequence[str] = ()) -> Starlette:
    """The ASGI app over ``store``; ``texts`` are the folders where documents' source files are looked up."""
    limits = limits or Limits(timeout=load_settings().timeout)
    get = ["GET"]
    routes = [
        Route("/", pages.query_page, methods=get),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/id/{rest:path}", pages.thing_page, methods=get),
        Route("/search", pages.search_page, methods=get),
        Route("/documents", pages.documents_page, methods=get),
        Route("/views", pages.views_index, methods=get),
        Route("/views/{name}", pages.view_page, methods=get),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if host in LOOPBACK:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=sorted(LOOPBACK | {"[::1]"})))
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"]))
    app = Starlette(routes=routes, middleware=middleware)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                     undefined=jinja2.StrictUndefined)
    app.state.templates = Jinja2Templates(env=environment)
    app.state.store = store
    app.state.limits = limits
    app.state.data = Data(store, limits.timeout)
    app.state.texts = TextSource(list(texts) or [Path.cwd()])
    app.state.queries_dir = queries_dir or load_settings().ontology_dir / "queries"
    return app


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port); E050 when it cannot be had."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(128)
    except OSError as exc:
        raise ServeError(Errors.E050.format(host=host, port=port, reason=exc.strerror or exc)) from exc
    return sock


def run(app: Starlette, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning") -> None:
    """Serve ``app`` until interrupted; the first line on stderr says where."""
    import uvicorn
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    print(f"sanctions-kg: serving http://{shown}:{bound}/ (read-only; Ctrl-C stops)", file=sys.stderr, flush=True)
    if host not in LOOPBACK:
        print("sanctions-kg: warning: listening beyond this machine; anyone who can reach it can read the graph",
              file=sys.stderr, flush=True)
    config = uvicorn.Config(app, log_level=log_level, access_log=False, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
