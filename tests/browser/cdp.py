"""A minimal headless-Chromium driver over the Chrome DevTools Protocol (``websocket-client``).

Hand-written because the Python CDP libraries (pyppeteer, playwright) download their own browser;
this one drives the Debian ``chromium`` with no network, in a fresh profile, and reports what a
referee's browser would show: DOM query results, console errors, uncaught exceptions and any request
that leaves the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--remote-debugging-port=0", "--remote-allow-origins=*",
         # no network: every host name fails to resolve and any proxied request goes nowhere
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
         "--proxy-bypass-list=<-loopback>"]
OFFLINE_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    return None


@dataclass
class PageReport:
    """What happened while a page loaded."""

    value: object = None
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


class Browser:
    """A headless Chromium in a new empty profile; use as a context manager."""

    def __init__(self, binary: str, timeout: float = 30.0, env: dict[str, str] | None = None):
        self.binary, self.timeout = binary, timeout
        self.env = {**os.environ, **env} if env else None  # e.g. FONTCONFIG_FILE: which fonts it sees

    def __enter__(self) -> Browser:
        self.profile = tempfile.mkdtemp(prefix="speechtopics-chromium-")
        self.proc = subprocess.Popen([self.binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.__exit__(None, None, None)
                raise RuntimeError("chromium did not start (no DevToolsActivePort)")
            time.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _endpoint(self, path: str, method: str = "GET") -> dict:
        """Call the browser's local DevTools HTTP endpoint (loopback only)."""
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read().decode()
        return json.loads(body) if body.startswith(("{", "[")) else {}

    def _new_tab(self) -> dict:
        """A fresh tab per page, so events of one page never leak into the next one's report."""
        return self._endpoint("/json/new?about:blank", method="PUT")

    def load(self, path: Path, expression: str, settle: float = 1.0) -> PageReport:
        """Open ``path``, wait for load plus ``settle`` seconds, evaluate ``expression`` (JSON value; a
        promise is awaited)."""
        import websocket

        tab = self._new_tab()
        ws = websocket.create_connection(tab["webSocketDebuggerUrl"], timeout=self.timeout,
                                         suppress_origin=True)
        report, ids = PageReport(), iter(range(1, 10_000))
        try:
            for method in ("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"):
                self._call(ws, next(ids), method, {}, report)
            self._call(ws, next(ids), "Page.navigate", {"url": Path(path).resolve().as_uri()}, report)
            self._wait_event(ws, "Page.loadEventFired", report)
            self._drain(ws, report, settle)
            params = {"expression": f"Promise.resolve({expression}).then(v => JSON.stringify(v))",
                      "returnByValue": True, "awaitPromise": True}
            result = self._call(ws, next(ids), "Runtime.evaluate", params, report)
            report.value = json.loads(result["result"].get("value") or "null")
        finally:
            ws.close()
            self._endpoint(f"/json/close/{tab['id']}")
        return report

    def _call(self, ws, msg_id: int, method: str, params: dict, report: PageReport) -> dict:
        ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            _note(msg, report)

    def _wait_event(self, ws, name: str, report: PageReport) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg = json.loads(ws.recv())
            _note(msg, report)
            if msg.get("method") == name:
                return
        raise TimeoutError(f"{name} not received")

    def _drain(self, ws, report: PageReport, seconds: float) -> None:
        ws.settimeout(0.2)
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                try:
                    _note(json.loads(ws.recv()), report)
                except Exception as exc:  # websocket timeout: nothing pending
                    if "timed out" not in str(exc).lower():
                        raise
        finally:
            ws.settimeout(self.timeout)


def _note(msg: dict, report: PageReport) -> None:
    """Record console errors, exceptions and external requests from a CDP event."""
    method, p = msg.get("method"), msg.get("params", {})
    if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
        args = (str(a.get("value", a.get("description", ""))) for a in p["args"])
        report.console_errors.append(" ".join(args))
    elif method == "Runtime.exceptionThrown":
        d = p.get("exceptionDetails", {})
        report.exceptions.append(d.get("exception", {}).get("description") or d.get("text", ""))
    elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
        report.console_errors.append(p["entry"].get("text", ""))
    elif method == "Network.requestWillBeSent":
        url = p.get("request", {}).get("url", "")
        if not url.startswith(OFFLINE_SCHEMES):
            report.external_requests.append(url)


def in_ci() -> bool:
    """True on a CI runner (``CI`` set to anything but empty/0/false)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")
