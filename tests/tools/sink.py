#!/usr/bin/python3
"""sink.py http|smtp PORTFILE DIR [PORT] - a local receiver for the alert tests.

Listens on 127.0.0.1 on PORT or a free one (written to PORTFILE once listening),
and saves what it receives into DIR, one file per request or mail
(0001.txt, ...): for http the POSTed body (answered 204), for smtp the
envelope (MAIL FROM, RCPT TO) and the message; a recipient at
refused.example is refused with 550, as a relay refuses an unknown user.  A real SMTP server
(Debian's python3-aiosmtpd), not a stand-in.  It stops by itself after
300 s, or when killed.
"""
import http.server
import os
import sys
import threading
import time


def save(directory, text):
    n = len(os.listdir(directory)) + 1
    path = os.path.join(directory, "%04d.txt" % n)
    with open(path + ".part", "w", encoding="utf-8", errors="replace") as f:
        f.write(text)
    os.rename(path + ".part", path)


def http_sink(portfile, directory, port=0):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            save(directory, "Content-Type: %s\n\n%s" % (self.headers.get("Content-Type"), body.decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", port), Handler)
    with open(portfile + ".part", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".part", portfile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    time.sleep(300)


def smtp_sink(portfile, directory):
    import socket
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            # a relay that refuses a recipient, as a real one does for an
            # unknown address: any address at refused.example
            if address.endswith("@refused.example"):
                return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            save(directory, "MAIL FROM: %s\nRCPT TO: %s\n\n%s" % (
                envelope.mail_from, ",".join(envelope.rcpt_tos),
                envelope.content.decode("utf-8", errors="replace")))
            return "250 OK"

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    with open(portfile + ".part", "w") as f:
        f.write(str(port))
    os.rename(portfile + ".part", portfile)
    time.sleep(300)
    controller.stop()


if __name__ == "__main__":
    kind, portfile, directory = sys.argv[1:4]
    os.makedirs(directory, exist_ok=True)
    if kind == "http":
        http_sink(portfile, directory, int(sys.argv[4]) if len(sys.argv) > 4 else 0)
    else:
        smtp_sink(portfile, directory)
