#!/usr/bin/env python3
"""`metadata ingest -c <config>` many times, without paying the package's import (several seconds) each time.

    bench/.cache/venv-2.0.7.0/bin/python bench/upstream-ingest-worker.py

Reads one request per line on stdin, {"config": <workflow config path>, "log": <log path>, "timeout": <seconds>}, and
answers one line per request on stdout, {"exit": <code>, "ms": <wall ms>} ("exit" is "timeout" when the run was
killed). Each run is the upstream CLI itself (metadata.cmd.metadata with argv `metadata ingest -c <config>`) in a child
forked from this process after the imports, its output in the log: what `metadata ingest` does, nothing left over from
one run to the next. Used by dev.omrest.bench.ParityEndToEnd (bench/parity.sh --end-to-end).
"""
import json
import os
import signal
import sys
import time

from metadata.cmd import metadata  # the import that takes seconds, once


def run(config, log, timeout):
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        sys.argv = ["metadata", "ingest", "-c", config]
        code = 1
        try:
            code = metadata() or 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except BaseException:  # noqa: BLE001 - the run's outcome is its exit code, the trace is in its log
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = started + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return {"exit": os.waitstatus_to_exitcode(status), "ms": round((time.monotonic() - started) * 1000)}
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"exit": "timeout", "ms": round((time.monotonic() - started) * 1000)}
        time.sleep(0.02)


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        print(json.dumps(run(request["config"], request["log"], float(request.get("timeout", 600)))), flush=True)


if __name__ == "__main__":
    main()
