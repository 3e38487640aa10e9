#!/usr/bin/env python3
"""A minimal AWS Lambda Runtime API (2018-06-01) for one invocation.

Starts the function process (a native `bootstrap`, or the JVM through the runtime interface client) with
AWS_LAMBDA_RUNTIME_API pointing here, hands it one event, and waits for its response or error. Writes the
response body to --output and exits 0 on a response, 1 on an invocation error, an init error, a crash or
a timeout. Standard library only.

  mock_lambda_runtime.py --event ingest.json --output report.json \
      --env QUARKUS_FUNQY_EXPORT=ingest -- /tmp/lambda/bootstrap
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"


class Invocation:
    def __init__(self, event: bytes, timeout: float):
        self.event = event
        self.timeout = timeout
        self.request_id = str(uuid.uuid4())
        self.delivered = threading.Event()
        self.done = threading.Event()
        self.outcome = None          # "response", "error" or "init-error"
        self.body = b""
        self.started = time.monotonic()
        self.delivered_at = None
        self.finished_at = None

    def finish(self, outcome: str, body: bytes):
        if not self.done.is_set():
            self.outcome, self.body, self.finished_at = outcome, body, time.monotonic()
            self.done.set()


def handler_for(invocation: Invocation):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # keep the function's own log readable
            pass

        def _answer(self, status: int, body: bytes = b"", headers=None):
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _read_body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def do_GET(self):
            if self.path != PREFIX + "/invocation/next":
                return self._answer(404, b'{"errorMessage":"unknown path"}')
            if invocation.delivered.is_set():
                # one event per run: hold the long poll until we stop the process
                invocation.done.wait()
                time.sleep(3600)
                return
            invocation.delivered.set()
            invocation.delivered_at = time.monotonic()
            deadline_ms = int((time.time() + invocation.timeout) * 1000)
            self._answer(200, invocation.event, {
                "Content-Type": "application/json",
                "Lambda-Runtime-Aws-Request-Id": invocation.request_id,
                "Lambda-Runtime-Deadline-Ms": str(deadline_ms),
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:smoke",
                "Lambda-Runtime-Trace-Id": "Root=1-00000000-000000000000000000000000;Sampled=0",
            })

        def do_POST(self):
            body = self._read_body()
            if self.path == f"{PREFIX}/invocation/{invocation.request_id}/response":
                invocation.finish("response", body)
            elif self.path == f"{PREFIX}/invocation/{invocation.request_id}/error":
                invocation.finish("error", body)
            elif self.path == PREFIX + "/init/error":
                invocation.finish("init-error", body)
            else:
                return self._answer(404, b'{"errorMessage":"unknown path"}')
            self._answer(202, b'{"status":"OK"}', {"Content-Type": "application/json"})

    return Handler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--event", required=True, help="file holding the event JSON")
    parser.add_argument("--output", required=True, help="where to write the function's response body")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="extra environment for the function")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for init + invocation (default 120)")
    parser.add_argument("--cwd", default=None, help="working directory of the function (default: the current one)")
    parser.add_argument("command", nargs="+", help="the function process, after --")
    args = parser.parse_args()

    with open(args.event, "rb") as f:
        event = f.read()
    json.loads(event)  # fail early on a malformed event file

    invocation = Invocation(event, args.timeout)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(invocation))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    cwd = os.path.abspath(args.cwd or os.getcwd())
    env = dict(os.environ)
    env.update({
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}",
        "AWS_LAMBDA_FUNCTION_NAME": "smoke",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/smoke",
        "AWS_LAMBDA_LOG_STREAM_NAME": "smoke",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "LAMBDA_TASK_ROOT": cwd,
        "TZ": ":UTC",
    })
    for pair in args.env:
        name, _, value = pair.partition("=")
        env[name] = value

    process = subprocess.Popen(args.command, env=env, cwd=cwd)
    deadline = time.monotonic() + args.timeout
    while not invocation.done.is_set() and process.poll() is None and time.monotonic() < deadline:
        invocation.done.wait(0.2)

    crashed = process.poll() is not None and not invocation.done.is_set()
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    server.shutdown()

    with open(args.output, "wb") as f:
        f.write(invocation.body)
    if invocation.delivered_at is not None:
        init_ms = (invocation.delivered_at - invocation.started) * 1000
        run_ms = ((invocation.finished_at or time.monotonic()) - invocation.delivered_at) * 1000
        print(f"mock-runtime: init {init_ms:.0f} ms, invocation {run_ms:.0f} ms, outcome {invocation.outcome}", file=sys.stderr)
    if invocation.outcome == "response":
        return 0
    if crashed:
        print(f"mock-runtime: the function exited with {process.returncode} before answering", file=sys.stderr)
    elif invocation.outcome is None:
        print(f"mock-runtime: no answer within {args.timeout:.0f} s", file=sys.stderr)
    else:
        print(f"mock-runtime: {invocation.outcome}: {invocation.body.decode('utf-8', 'replace')}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
