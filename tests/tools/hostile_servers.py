#!/usr/bin/python3
"""hostile_servers.py KIND MODE PORT - a DNS, SMTP or PostgreSQL server that misbehaves on
purpose, on 127.0.0.1:PORT, for tests/mail.sh and tests/history-pg.sh: specbench must give a clear
status in bounded time, never hang or crash.  It prints READY when it
listens and runs until killed.

dns  stall     never answers (UDP and TCP)
dns  huge      a TXT answer of 200 strings of 255 bytes (truncated over UDP,
               whole over TCP)
dns  badutf8   an SPF record with bytes that are not UTF-8 and control bytes
dns  strings   a TXT record of 255 one-byte strings
dns  loop      an answer whose owner name is a compression pointer to itself
dns  refused   refuses every query at once (a quick "no", for tests that
               need no DNS)
smtp silent    accepts the connection, never greets
smtp endless   greets, then answers EHLO with an endless multi-line reply
smtp slow      greets at one byte a second
pg   silent    accepts the connection, never answers (not even to SSLRequest)
pg   ssl       answers SSLRequest with "no TLS", then never answers the startup
pg   auth      completes the login (AuthenticationOk, ReadyForQuery), then
               never answers a query
"""
import socket
import struct
import sys
import threading
import time

kind, mode, port = sys.argv[1], sys.argv[2], int(sys.argv[3])


def txt_rdata(strings):
    return b"".join(bytes([len(s)]) + s for s in strings)


def answer(query):
    qid = query[:2]
    # the question: name labels up to the zero byte, then type and class
    end = 12
    while query[end] != 0:
        end += query[end] + 1
    question = query[12:end + 5]
    qtype = struct.unpack(">H", query[end + 1:end + 3])[0]
    rrs = []
    if qtype == 16:
        if mode == "huge":
            rrs.append(txt_rdata([b"x" * 255] * 200))
        elif mode == "badutf8":
            rrs.append(txt_rdata([b"v=spf1 ip4:198.51.100.7 \xff\xfe\x1b[2J -all"]))
        elif mode == "strings":
            rrs.append(txt_rdata([b"v"] + [b"a"] * 254))
    if mode == "refused":
        return qid + struct.pack(">HHHHH", 0x8005, 1, 0, 0, 0) + question
    if mode == "loop":
        # owner name: a pointer to offset 12+len(question) = itself
        here = 12 + len(question)
        owner = struct.pack(">H", 0xC000 | here)
        rr = owner + struct.pack(">HHIH", qtype, 1, 60, 4) + b"\x01\x02\x03\x04"
        return qid + struct.pack(">HHHHH", 0x8400, 1, 1, 0, 0) + question + rr
    body = b""
    for rd in rrs:
        body += b"\xc0\x0c" + struct.pack(">HHIH", qtype, 1, 60, len(rd)) + rd
    return qid + struct.pack(">HHHHH", 0x8400, 1, len(rrs), 0, 0) + question + body


def serve_udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        data, peer = s.recvfrom(4096)
        if mode == "stall":
            continue
        try:
            a = answer(data)
        except (IndexError, struct.error):
            continue
        if len(a) > 1232:  # over UDP: truncated (TC) with no records; the resolver asks again over TCP
            end = 12
            while data[end] != 0:
                end += data[end] + 1
            a = a[:2] + struct.pack(">HHHHH", 0x8600, 1, 0, 0, 0) + data[12:end + 5]
        s.sendto(a, peer)


def serve_tcp_dns(c):
    try:
        if mode == "stall":
            time.sleep(3600)
        while True:  # a resolver may send several queries on one connection
            head = c.recv(2)
            if len(head) < 2:
                break
            n = struct.unpack(">H", head)[0]
            q = b""
            while len(q) < n:
                more = c.recv(n - len(q))
                if not more:
                    return
                q += more
            a = answer(q)
            c.sendall(struct.pack(">H", len(a)) + a)
    except (OSError, IndexError, struct.error):
        pass
    finally:
        c.close()


def serve_smtp(c):
    try:
        if mode == "silent":
            time.sleep(3600)
        elif mode == "slow":
            for ch in b"220 a very slow greeting\r\n":
                c.sendall(bytes([ch]))
                time.sleep(1)
            time.sleep(3600)
        elif mode == "endless":
            c.sendall(b"220 hostile\r\n")
            c.recv(1024)
            while True:
                c.sendall(b"250-this reply never ends\r\n" * 64)
    except OSError:
        pass
    finally:
        c.close()


def recv_exact(c, n):
    data = b""
    while len(data) < n:
        chunk = c.recv(n - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data


def recv_startup(c):
    """One startup-phase packet (length-prefixed, no type byte)."""
    length = struct.unpack("!I", recv_exact(c, 4))[0]
    return recv_exact(c, length - 4)


def serve_pg(c):
    try:
        if mode == "silent":
            time.sleep(3600)
            return
        body = recv_startup(c)
        if struct.unpack("!I", body[:4])[0] in (80877103, 80877104):  # SSLRequest, GSSENCRequest
            if mode == "ssl":
                c.sendall(b"N")
                time.sleep(3600)
                return
            c.sendall(b"N")
            body = recv_startup(c)
        # AuthenticationOk, a BackendKeyData, ReadyForQuery (idle)
        c.sendall(b"R" + struct.pack("!II", 8, 0) + b"K" + struct.pack("!III", 12, 1, 2) +
                  b"Z" + struct.pack("!I", 5) + b"I")
        while c.recv(65536):
            pass  # every query is read, none is answered
    except OSError:
        pass
    finally:
        c.close()


def accept_loop(handler):
    t = socket.socket()
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("127.0.0.1", port))
    t.listen(16)
    return t


if kind == "dns":
    threading.Thread(target=serve_udp, daemon=True).start()
    listener = accept_loop(serve_tcp_dns)
    handler = serve_tcp_dns
elif kind == "pg":
    listener = accept_loop(serve_pg)
    handler = serve_pg
else:
    listener = accept_loop(serve_smtp)
    handler = serve_smtp
print("READY", flush=True)
while True:
    conn, _ = listener.accept()
    threading.Thread(target=handler, args=(conn,), daemon=True).start()
