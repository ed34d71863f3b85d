"""HTTP/1.1 for `evkg serve`: uvicorn's h11 protocol with what a server facing slow or greedy
clients needs and uvicorn does not have on its own:

- a deadline for a request's head (request line and headers), from its first byte (or from
  the connection's start) to its last: a client that trickles one header line every few
  seconds is answered 408 and dropped when the deadline passes, however steady it is;
- a cap on open connections: one over it is answered 503 and closed at once;
- the protocol's own refusals (a malformed request line, a bad Content-Length) in evkg's
  words, with the security headers every reply carries;
- a client that ends its side after sending a request still gets the answer, and one that
  ends it inside a body gets told the body was short (uvicorn would close without a word).

The body has its own deadline, kept by the application (kg/web/app.py), which reads it.
"""
from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from http import HTTPStatus

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

SECURITY_HEADERS = (
    ("Content-Security-Policy", ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
)
"""Sent with every reply, errors included. The pages are plain HTML with one inline style
sheet: no scripts, nothing from elsewhere, never inside another site's frame."""


@dataclass(frozen=True)
class Limits:
    head_timeout: float = 10.0  # seconds from a request's first byte to the end of its headers
    max_connections: int = 400  # open at once; more are answered 503 and closed


def reply_bytes(conn: h11.Connection, status: int, message: str, headers: tuple = ()) -> bytes:
    """A whole plain-text reply that closes the connection, framed by h11."""
    body = (message + "\n").encode("utf-8")
    head = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"), ("Connection", "close"), *SECURITY_HEADERS, *headers]
    return b"".join((conn.send(h11.Response(status_code=status, headers=head,
                                            reason=HTTPStatus(status).phrase.encode())),
                     conn.send(h11.Data(data=body)), conn.send(h11.EndOfMessage())))


def _refusal(exc: BaseException | None) -> tuple[int, str]:
    """Status and words for a request h11 could not parse."""
    detail = str(exc) if exc else "malformed request"
    status = getattr(exc, "error_status_hint", 400)
    if "Content-Length" in detail:
        return 400, f"Content-Length must be one whole number of bytes ({detail})"
    if status == 431 or "too long" in detail.lower():
        return 431, "the request line and headers may be at most 64 KiB together"
    return (status if status in (400, 431, 501, 505) else 400), f"malformed HTTP request: {detail}"


class Protocol(H11Protocol):
    limits = Limits()  # replaced per server by `with_limits`

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._head_timer = None

    @classmethod
    def with_limits(cls, limits: Limits) -> type[Protocol]:
        return type("EvkgProtocol", (cls,), {"limits": limits})

    # -- the head's deadline ---------------------------------------------------------------
    def connection_made(self, transport):
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self._refuse(503, f"the server has {self.limits.max_connections} connections open; try again "
                              "in a moment", (("Retry-After", "1"),))
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is in (or was refused)
            self._disarm()

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.limits.head_timeout, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._refuse(408, f"the request's line and headers did not arrive within "
                              f"{self.limits.head_timeout:g} s")

    def _refuse(self, status: int, message: str, headers: tuple = ()) -> None:
        # A reply already begun on this connection: closing is all that is left.
        with contextlib.suppress(h11.LocalProtocolError):
            self.transport.write(reply_bytes(self.conn, status, message, headers))
        self.transport.close()

    def connection_lost(self, exc):
        self._disarm()
        super().connection_lost(exc)

    # -- uvicorn's own replies and the end of the client's side ------------------------------
    def send_400_response(self, msg: str) -> None:
        """uvicorn calls this while handling h11's RemoteProtocolError: that error says why."""
        self._disarm()
        status, message = _refusal(sys.exc_info()[1])
        self._refuse(status, message)

    def eof_received(self):
        """The client will send nothing more. A request being answered still gets its answer
        (then the connection closes); one cut short inside its body is answered as such by the
        application, which sees the body end. Otherwise the connection closes now."""
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            cycle.keep_alive = False
            if cycle.more_body:
                cycle.more_body = False
                cycle.message_event.set()
            return True  # keep the socket open for the answer
        return False
