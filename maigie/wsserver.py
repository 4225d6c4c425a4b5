"""``python -m maigie.wsserver [daphne options] maigie.asgi:application``: daphne with our WebSocket limits.

daphne (autobahn) drops the TCP connection of a client that breaks a limit, so a client sending
a frame over the size limit saw no close code. Here it is told why, with close 1009 (message
too big), and the limit is ``WEBSOCKET_MAX_MESSAGE_BYTES`` unless given on the command line.

Twisted also parses every ``multipart/form-data`` POST body itself before daphne sees it, and
answers a body it cannot parse with a bare ``400`` (no content type, no body) that never reaches
Django. That parse is turned off: Django parses uploads once and answers in the one error shape.
"""

from __future__ import annotations

import os
import sys

from daphne import http_protocol, server
from daphne.cli import CommandLineInterface
from daphne.ws_protocol import WebSocketFactory


class ClosingWebSocketFactory(WebSocketFactory):
    """Fails a WebSocket connection with a close frame (e.g. 1009) instead of dropping it."""

    def resetProtocolOptions(self) -> None:
        super().resetProtocolOptions()
        self.failByDrop = False


class UnparsedWebRequest(http_protocol.WebRequest):
    """daphne's HTTP request without Twisted's own parse of form bodies (Django parses them)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._parsePOSTFormSubmission = False


def main(argv: list[str]) -> None:
    """Run daphne's command line with the factory above and the size limit from the settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    from django.conf import settings  # noqa: PLC0415  (after the settings module is chosen)

    limit = str(settings.WEBSOCKET_MAX_MESSAGE_BYTES)
    for option in ("--websocket-max-message-size", "--websocket-max-frame-size"):
        if not any(arg.startswith(option) for arg in argv):
            argv = [option, limit, *argv]
    server.WebSocketFactory = ClosingWebSocketFactory  # daphne has no option for it
    http_protocol.WebRequest = UnparsedWebRequest  # the request class daphne's HTTP factory builds
    CommandLineInterface().run(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
