"""A site server for benchmarks that answers every request after a fixed delay, concurrently.

`python benchmarks/slow_server.py ROOT DELAY_S` serves ROOT on a free 127.0.0.1 port,
prints `PORT` on its first line, and on each line read from stdin prints (then resets) the
most requests it had in progress at once and how many it answered. One asyncio loop in its
own process: a request waiting out its delay costs no thread and no CPU, keep-alive
connections are kept, the listen backlog is large (the test server's ThreadingHTTPServer
has a backlog of 5 and one thread per request, sharing the benchmark's GIL), and its CPU is
not the crawl's.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png", ".xml": "application/xml"}


class SlowSite:
    def __init__(self, root: Path, delay_s: float) -> None:
        self.delay_s = delay_s
        self.files = {
            "/" + f.relative_to(root).as_posix(): (f.read_bytes(), TYPES.get(f.suffix, ""))
            for f in root.rglob("*")
            if f.is_file()
        }
        if "/index.html" in self.files:
            self.files["/"] = self.files["/index.html"]
        self.in_progress = self.most = self.answered = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode("latin-1").split("?")[0]
                self.in_progress += 1
                self.most = max(self.most, self.in_progress)
                await asyncio.sleep(self.delay_s)
                body, ctype = self.files.get(path, (b"<h1>Not found</h1>", "text/html"))
                status = "200 OK" if path in self.files else "404 Not Found"
                writer.write(
                    f"HTTP/1.1 {status}\r\nContent-Type: {ctype or 'text/plain'}\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
                self.in_progress -= 1
                self.answered += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def report_on_demand(self) -> None:
        loop = asyncio.get_running_loop()
        while await loop.run_in_executor(None, sys.stdin.readline):
            print(f"{self.most} {self.answered}", flush=True)
            self.most, self.answered = self.in_progress, 0


async def main(root: Path, delay_s: float) -> None:
    site = SlowSite(root, delay_s)
    server = await asyncio.start_server(site.handle, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await site.report_on_demand()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), float(sys.argv[2])))
