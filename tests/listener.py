"""A local socket that records the connections made to it: what tests of "no network"
listen on."""

from __future__ import annotations

import socket
import threading


class Listener:
    """A 127.0.0.1 socket that records the first bytes of every connection it accepts."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(100))
                except OSError:
                    self.hits.append(b"")

    def close(self) -> int:
        """Stop listening; the number of connections made."""
        self.done.set()
        self.thread.join(2)
        self.sock.close()
        return len(self.hits)
