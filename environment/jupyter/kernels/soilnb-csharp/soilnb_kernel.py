#!/usr/bin/python3
"""Jupyter kernel 'soilnb-csharp' for SoilNotebooks.

A thin wrapper on Debian's python3-ipykernel: every cell is forwarded to `soilnb serve` (a child process speaking
one JSON object per line on stdin/stdout -- no network port), and the outputs it streams back (stream,
display_data, execute_result, error) are published on the IOPub channel unchanged.

The soilnb command is found from the SOILNB environment variable, else the repository's environment/soilnb
wrapper four folders above this file (environment/jupyter/kernels/soilnb-csharp/).
"""
import json
import os
import signal
import subprocess
import sys
import threading

from ipykernel.kernelbase import Kernel

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def soilnb_command():
    explicit = os.environ.get("SOILNB")
    if explicit:
        return explicit.split()
    return ["bash", os.path.join(REPO, "environment", "soilnb")]


class SoilnbKernel(Kernel):
    implementation = "soilnb"
    implementation_version = "0.1"
    language = "csharp"
    language_version = "13.0"
    language_info = {
        "name": "csharp",
        "mimetype": "text/x-csharp",
        "file_extension": ".cs",
        "pygments_lexer": "csharp",
        "codemirror_mode": "text/x-csharp",
        "version": "13.0",
    }
    banner = "SoilNotebooks C# kernel (Roslyn scripting through soilnb serve)"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._proc = None
        self._next_id = 0
        self._stderr_thread = None

    # -- the back end -------------------------------------------------------------------------
    def _start(self):
        if self._proc is not None and self._proc.poll() is None:
            return
        self._proc = subprocess.Popen(
            soilnb_command() + ["serve", "--cwd", os.getcwd()], cwd=os.getcwd(),
            # its own session: interrupts reach it only through _interrupt (once), with SIGINT handled, not ignored
            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1)
        self._stderr_lines = []
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_thread.start()
        ready = self._read()
        if ready is None or ready.get("type") != "ready":
            raise RuntimeError("soilnb serve did not start: " + "".join(self._stderr_lines[-20:]))

    def _drain_stderr(self):
        for line in self._proc.stderr:
            self._stderr_lines.append(line)
            del self._stderr_lines[:-200]

    def _read(self):
        while True:
            line = self._proc.stdout.readline()
            if not line:
                return None
            try:
                return json.loads(line)
            except ValueError:  # not a protocol message (serve keeps stray output off this channel): skip it
                self._stderr_lines.append(line)

    # -- the Jupyter messaging side -----------------------------------------------------------
    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, **kwargs):
        try:
            self._start()
        except Exception as e:  # the back end could not start: report it as the cell's error
            return self._error("KernelStartError", str(e), [str(e)], silent)
        self._next_id += 1
        rid = str(self._next_id)
        self._proc.stdin.write(json.dumps({"id": rid, "op": "execute", "code": code}) + "\n")
        self._proc.stdin.flush()
        # a Jupyter interrupt (SIGINT to this process) is forwarded to soilnb serve, which stops the running cell,
        # keeps the session's variables and replies with an Interrupted error
        try:
            previous = signal.signal(signal.SIGINT, self._interrupt)
        except ValueError:  # not the main thread: no handler, interrupts then end the kernel as before
            previous = None
        try:
            return self._await_reply(rid, silent)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def _interrupt(self, signum, frame):
        if self._proc is not None and self._proc.poll() is None:
            os.kill(self._proc.pid, signal.SIGINT)

    def _await_reply(self, rid, silent):
        while True:
            msg = self._read()
            if msg is None:
                detail = "".join(self._stderr_lines[-20:])
                self._proc = None
                return self._error("KernelDied", "soilnb serve exited unexpectedly", [detail], silent)
            if msg.get("id") != rid:
                continue
            if msg.get("type") == "output":
                self._publish(msg["output"], silent)
            elif msg.get("type") == "done":
                if msg.get("status") == "ok":
                    return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}
                # the error output was already published by the stream of outputs when the server produced one
                return {"status": "error", "execution_count": self.execution_count, "ename": msg.get("ename") or "Error",
                        "evalue": msg.get("evalue") or "", "traceback": msg.get("traceback") or []}

    def _publish(self, out, silent):
        if silent:
            return
        kind = out.get("output_type")
        if kind == "stream":
            self.send_response(self.iopub_socket, "stream", {"name": out.get("name", "stdout"), "text": out.get("text", "")})
        elif kind == "display_data":
            self.send_response(self.iopub_socket, "display_data", {"data": out.get("data", {}), "metadata": out.get("metadata", {})})
        elif kind == "execute_result":
            self.send_response(self.iopub_socket, "execute_result",
                               {"execution_count": self.execution_count, "data": out.get("data", {}), "metadata": out.get("metadata", {})})
        elif kind == "error":
            self.send_response(self.iopub_socket, "error",
                               {"ename": out.get("ename", "Error"), "evalue": out.get("evalue", ""), "traceback": out.get("traceback", [])})

    def _error(self, ename, evalue, traceback, silent):
        if not silent:
            self.send_response(self.iopub_socket, "error", {"ename": ename, "evalue": evalue, "traceback": traceback})
        return {"status": "error", "execution_count": self.execution_count, "ename": ename, "evalue": evalue, "traceback": traceback}

    def do_shutdown(self, restart):
        if self._proc is not None and self._proc.poll() is None:
            try:
                self._proc.stdin.write(json.dumps({"id": "shutdown", "op": "shutdown"}) + "\n")
                self._proc.stdin.flush()
                self._proc.wait(timeout=5)
            except Exception:
                self._proc.kill()
        self._proc = None
        return {"status": "ok", "restart": restart}


if __name__ == "__main__":
    from ipykernel.kernelapp import IPKernelApp
    IPKernelApp.launch_instance(kernel_class=SoilnbKernel)
