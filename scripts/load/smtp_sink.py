"""A real SMTP server for the topology run (aiosmtpd), recording every message it accepts.

It runs in a thread of the run's own process. Every message is kept by its Message-ID with
its recipients and subject, so that what arrived can be compared with the OutboundEmail table:
a row with no message is an email lost, a Message-ID received twice is one sent twice.
"""

import logging
import threading
from collections import Counter
from dataclasses import dataclass
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from scripts.load.server import free_port


@dataclass(frozen=True)
class Received:
    message_id: str
    recipients: tuple[str, ...]
    subject: str


class Recorder:
    """The aiosmtpd handler: accept every message and record it."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        received = Received(
            message_id=str(message.get("Message-ID", "")).strip(),
            recipients=tuple(sorted(envelope.rcpt_tos)),
            subject=str(message.get("Subject", "")),
        )
        with self._lock:
            self.messages.append(received)
        return "250 Message accepted for delivery"


class SMTPSink:
    """aiosmtpd's Controller on a free loopback port; EMAIL_URL for the app is `url`."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per command
        self.recorder = Recorder()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def message_ids(self) -> Counter:
        """How many times each Message-ID arrived."""
        with self.recorder._lock:
            return Counter(m.message_id for m in self.recorder.messages)

    def count(self) -> int:
        with self.recorder._lock:
            return len(self.recorder.messages)

    def stop(self) -> None:
        self.controller.stop()
