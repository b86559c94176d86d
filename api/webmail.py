"""The webmail: the committed build of clients/webmail (`make webmail`) served as files.

`/webmail/` is its page and `/webmail/assets/<name>` its hashed scripts and stylesheets;
`/` sends a browser there. No Node runs here: the files are read from
clients/webmail/dist, which the repository carries and `make test` checks against a
fresh build. The page talks to the server only through the public /v1 API.

Every answer carries a strict Content-Security-Policy (scripts and styles from this
origin only, no inline script, frames only for the sandboxed message body) and refuses
to be framed; hashed files are cached for a year, the page itself revalidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from litestar import Controller, Response, get
from litestar.params import FromPath
from litestar.response import Redirect

from api.problems import ProblemError

DIST = Path(__file__).resolve().parent.parent / "clients" / "webmail" / "dist"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"
_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".map": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Build:
    """The files of one build, read once: the page and its assets by name."""

    index: bytes
    assets: dict[str, tuple[bytes, str]]


@cache
def load(dist: Path = DIST) -> Build | None:
    """The build in `dist`, or None when there is none (an installation without it)."""
    try:
        index = (dist / "index.html").read_bytes()
    except OSError:
        return None
    assets: dict[str, tuple[bytes, str]] = {}
    folder = dist / "assets"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            media_type = _TYPES.get(path.suffix)
            if media_type and path.is_file():
                assets[path.name] = (path.read_bytes(), media_type)
    return Build(index=index, assets=assets)


def _build() -> Build:
    build = load()
    if build is None:
        raise ProblemError(
            404,
            "webmail_not_built",
            "this installation has no webmail build (clients/webmail/dist); run `make webmail`",
        )
    return build


class WebmailController(Controller):
    """The webmail page and its files (not part of the API contract)."""

    include_in_schema = False

    @get("/", sync_to_thread=False)
    def root(self) -> Redirect:
        """A browser opening the server lands on the webmail."""
        return Redirect("/webmail/", status_code=302)

    @get("/webmail/", sync_to_thread=False)
    def index(self) -> Response[bytes]:
        """The page: it loads the hashed script and stylesheet of the build."""
        return Response(
            _build().index,
            media_type="text/html; charset=utf-8",
            headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"},
        )

    @get("/webmail/assets/{name:str}", sync_to_thread=False)
    def asset(self, name: FromPath[str]) -> Response[bytes]:
        """A hashed file of the build: its name changes with its content, so it is kept a year."""
        found = _build().assets.get(name)
        if found is None:
            raise ProblemError(404, "not_found", f"no webmail asset {name!r}")
        body, media_type = found
        return Response(body, media_type=media_type, headers={**SECURITY_HEADERS, "Cache-Control": IMMUTABLE})
