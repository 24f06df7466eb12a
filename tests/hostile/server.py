"""A raw HTTP server on 127.0.0.1 for hostile cases: each path writes whatever bytes it likes
to the socket (resets, drips, lies about lengths), and every request is recorded with its
headers, so a test can say which host received which header."""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    port: int
    path: str
    headers: dict[str, str]  # names lower-case


@dataclass
class Conn:
    """One request: its path and headers, and the socket to answer on."""

    sock: socket.socket
    path: str
    headers: dict[str, str]
    stop: threading.Event

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def respond(
        self, status: int = 200, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
        **extra: str,
    ) -> None:  # fmt: skip
        head = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
        if ctype:
            head.append(f"Content-Type: {ctype}")
        head += [f"{name.replace('_', '-')}: {value}" for name, value in extra.items()]
        self.send(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)

    def reset(self) -> None:
        """Close with a TCP RST instead of a FIN."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def drip(self, head: bytes, byte: bytes = b" ", every_s: float = 0.5) -> None:
        """Send `head`, then one byte at a time until the client gives up or the test ends."""
        self.send(head)
        while not self.stop.wait(every_s):
            try:
                self.send(byte)
            except OSError:
                return


Handler = Callable[[Conn], None]


@dataclass
class HostileServer:
    routes: dict[str, Handler]
    port: int = 0
    received: list[Received] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        return [r.path for r in self.received]


def _read_head(sock: socket.socket) -> bytes:
    data = b""
    sock.settimeout(10)
    while b"\r\n\r\n" not in data and len(data) < 200_000:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


@contextmanager
def serve(routes: dict[str, Handler]) -> Iterator[HostileServer]:
    server = HostileServer(routes)

    class _Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            head = _read_head(self.request).split(b"\r\n\r\n", 1)[0].decode("latin-1")
            lines = head.split("\r\n")
            if not lines or len(lines[0].split(" ")) < 2:
                return
            path = lines[0].split(" ")[1]
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            server.received.append(Received(server.port, path, headers))
            handler = server.routes.get(path.split("?")[0]) or server.routes.get(path)
            conn = Conn(self.request, path, headers, server.stop)
            try:
                if handler is None:
                    conn.respond(404, b"<html><body>no such page</body></html>")
                else:
                    handler(conn)
            except OSError:
                pass

    class _Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    tcp = _Server(("127.0.0.1", 0), _Handler)
    server.port = tcp.server_address[1]
    thread = threading.Thread(target=tcp.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        tcp.shutdown()
        tcp.server_close()
        time.sleep(0)  # let drips notice the stop
