"""What every response carries, and who may write: headers, JSON that cannot turn into markup,
and the bearer token of the write endpoints."""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import Depends, HTTPException, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Characters that could end a <script> or start markup if a browser ever read the JSON as
#: HTML; written as JSON escapes, the decoded text is the same.
_MARKUP_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & escaped, so an article's "<script>" is never markup in the body."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for character, escape in _MARKUP_ESCAPES.items():
            text = text.replace(character, escape)
        return text.encode("utf-8")


_bearer = HTTPBearer(auto_error=False, description="The server's TACITUS_API_TOKEN.")


def token_guard(token: str | None):
    """A dependency refusing a write unless it carries `Authorization: Bearer <token>`:
    403 when the server has no token (writes are off, not open), 401 without a token,
    403 with another one. The comparison takes the same time wherever the tokens differ."""
    expected = token.encode("utf-8") if token else None

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> None:
        if expected is None:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, "writes are disabled: the server has no API token"
            )
        if credentials is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "this endpoint needs Authorization: Bearer <token>",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not hmac.compare_digest(credentials.credentials.encode("utf-8"), expected):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong API token")

    return require_token
