"""``make run`` says the stack is up only once daphne accepts connections."""

import socket
import subprocess
import sys
import threading
import time

from maigie.stack import _wait_until_listening


def _idle_process() -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], text=True)


def test_waits_until_the_port_accepts_connections():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    web = _idle_process()
    listener = socket.socket()

    def listen() -> None:
        listener.bind(("127.0.0.1", port))
        listener.listen()

    try:
        threading.Timer(1.0, listen).start()
        started = time.monotonic()
        assert _wait_until_listening(port, web, threading.Event(), timeout=10)
        assert time.monotonic() - started >= 0.9  # not before the port listened
    finally:
        listener.close()
        web.kill()
        web.wait()


def test_gives_up_when_the_server_process_exits():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    web = subprocess.Popen([sys.executable, "-c", "pass"], text=True)
    web.wait()
    started = time.monotonic()
    assert not _wait_until_listening(port, web, threading.Event(), timeout=10)
    assert time.monotonic() - started < 1
