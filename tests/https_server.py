#!/usr/bin/env python3
"""A small HTTPS server on 127.0.0.1 for the download tests (and the uncached-zip test of issue 8).

usage: https_server.py --root DIR --cert PEM --key PEM [--log FILE] [--port N] [--bind ADDR] [--max-tls 1.1]
Prints "PORT <n>" on stdout once it listens (port 0 = any free port), then serves until killed.
--bind serves on another loopback address (127.0.0.2: not in the certificate, a hostname mismatch);
--max-tls 1.1 offers TLS 1.1 at most (security level 0, so OpenSSL 3 still speaks it): both must be refused.
Every request is appended to --log as "GET /path" (so a test can prove that no request was made).

Routes:
  /files/NAME            the file DIR/NAME (200), 404 when absent
  /status/CODE           an empty response with that status (404, 500, ...)
  /slow/SECONDS/NAME     waits, then serves DIR/NAME (timeouts)
  /truncated/NAME        announces DIR/NAME's full length, sends half of it, closes
  /flaky/NAME            500 on the first request for NAME, then the file (retries)
  /redirect-http/NAME    302 to http://127.0.0.1:PORT/files/NAME (must be refused)
  /redirect-https/NAME   302 to https://127.0.0.1:PORT/files/NAME (fine)
"""
import argparse
import warnings
import http.server
import os
import ssl
import sys
import threading
import time

warnings.filterwarnings("ignore", category=DeprecationWarning)  # TLSVersion.TLSv1_1, on purpose
flaky_seen = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self):
        if self.server.log_path:
            with lock, open(self.server.log_path, "a") as f:
                f.write(f"{self.command} {self.path}\n")

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def file(self, name):
        path = os.path.join(self.server.root, os.path.basename(name.split("?", 1)[0]))
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def serve_file(self, name):
        body = self.file(name)
        if body is None:
            self.send(404, b"not found\n")
        else:
            self.send(200, body, [("Content-Type", "application/x-pem-file")])

    def do_GET(self):
        self.record()
        parts = self.path.split("/", 3)[1:]
        route, rest = parts[0], "/".join(parts[1:])
        port = self.server.server_address[1]
        if route == "files":
            self.serve_file(rest)
        elif route == "status":
            self.send(int(rest), f"status {rest}\n".encode())
        elif route == "slow":
            seconds, name = rest.split("/", 1)
            time.sleep(float(seconds))
            self.serve_file(name)
        elif route == "truncated":
            body = self.file(rest) or b"x" * 4096
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif route == "flaky":
            with lock:
                first = rest not in flaky_seen
                flaky_seen.add(rest)
            if first:
                self.send(500, b"try again\n")
            else:
                self.serve_file(rest)
        elif route == "redirect-http":
            self.send(302, b"", [("Location", f"http://127.0.0.1:{port}/files/{rest}")])
        elif route == "redirect-https":
            self.send(302, b"", [("Location", f"https://127.0.0.1:{port}/files/{rest}")])
        else:
            self.send(404, b"no such route\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--log")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--max-tls", choices=["1.1"])
    a = p.parse_args()
    server = http.server.ThreadingHTTPServer((a.bind, a.port), Handler)
    server.daemon_threads = True
    server.root, server.log_path = a.root, a.log
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if a.max_tls == "1.1":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_1
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    else:
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(a.cert, a.key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
