"""A TCP proxy on loopback that can go silent (bytes vanish, connections stay open: a signal lost
in a lift), drop every connection and refuse new ones, and then let them through again. The browser
tests put it between the widget and the Rasa server to cut the Socket.IO connection."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tests.support.servers import free_port


class SeverableProxy:
    """Forwards `port` to `target_port` on loopback until `cut()`, and again after `restore()`."""

    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self.target_port = target_port
        self._cut = False
        self._silent = False
        self._open: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        self._started.wait(timeout=10)

    def stop(self) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def go_silent(self) -> None:
        """Keep the connections open but forward nothing."""
        self._call(self._hush)

    def cut(self) -> None:
        """Drop every open connection; new ones are closed as soon as they arrive."""
        self._call(self._drop_all)

    def restore(self) -> None:
        """Let connections through again."""
        self._call(self._let_through)

    def _call(self, function: Callable[[], None]) -> None:
        """Run `function` on the proxy's event loop and wait for it."""
        done = threading.Event()

        def run() -> None:
            function()
            done.set()

        self._loop.call_soon_threadsafe(run)
        done.wait(timeout=10)

    def _drop_all(self) -> None:
        self._cut = True
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()

    def _hush(self) -> None:
        self._silent = True

    def _let_through(self) -> None:
        self._cut = self._silent = False

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._accept, "127.0.0.1", self.port)
        )
        self._started.set()
        self._loop.run_forever()
        server.close()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.close()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._cut:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._open.update({writer, up_writer})
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                if not self._silent:
                    writer.write(data)
                    await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self._open.discard(writer)
            writer.transport.abort()


@contextmanager
def severable_proxy(target_port: int) -> Iterator[SeverableProxy]:
    proxy = SeverableProxy(target_port)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
