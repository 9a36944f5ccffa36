#!/usr/bin/python3
"""smtp_sink.py PORT LOG - a real SMTP server (aiosmtpd) on 127.0.0.1 and ::1
for the mail tests.  It accepts any envelope and logs each command it
handled to LOG, one per line ("EHLO name", "MAIL <addr>", "RCPT <addr>",
"RSET", "QUIT", "DATA"); a test asserts that DATA never appears.  A message
that did arrive is not delivered anywhere: it is only logged."""
import asyncio
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

port, log = int(sys.argv[1]), sys.argv[2]


def note(line):
    with open(log, "a") as f:
        f.write(line + "\n")


class Handler:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        note("EHLO " + hostname)
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        note("MAIL " + address)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        note("RCPT " + address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_RSET(self, server, session, envelope):
        note("RSET")
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        note("QUIT")
        return "221 Bye"

    async def handle_DATA(self, server, session, envelope):
        note("DATA")
        return "250 OK (logged, not delivered)"


controller = Controller(Handler(), hostname="127.0.0.1", port=port, ready_timeout=10)
controller.start()
note("READY")
try:
    asyncio.get_event_loop().run_forever()
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
