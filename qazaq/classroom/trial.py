"""A class hub started for a while and cleaned up afterwards: used by tests/test_classroom.py and
benchmarks/bench_classroom.py. Accounts it makes carry a recognisable prefix and are removed
(with their homes and processes) by `close`; the checkout's permissions are put back."""
from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from qazaq.classroom import DEPLOY, PROXY_BIN, Settings, accounts, hub, runtime


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install_proxy() -> Path:
    """configurable-http-proxy from the npm registry into deploy/classroom (what `make classroom` does)."""
    if not PROXY_BIN.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=DEPLOY, check=True)
    return PROXY_BIN


@dataclass
class TrialHub:
    prefix: str = "qzt"
    password: str = field(default_factory=lambda: "T-" + secrets.token_urlsafe(10))
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    log_path: Path | None = None

    def __post_init__(self) -> None:
        state = Path(tempfile.mkdtemp(prefix=f"{self.prefix}-class-", dir="/tmp"))
        self.settings = Settings(state=state, port=free_port(), hub_port=free_port(), api_port=free_port(),
                                 teacher=f"{self.prefix}-teacher")
        self.log_path = self.log_path or state / "hub.log"
        self.proc: subprocess.Popen | None = None
        self._modes = {p: os.stat(p).st_mode for p in accounts.ANSWER_KEYS if p.exists()}

    @property
    def url(self) -> str:
        return self.settings.url

    @property
    def teacher(self) -> str:
        return self.settings.teacher

    def learner(self, name: str) -> str:
        return f"{self.prefix}-{name}"

    # ------------------------------------------------------------ the hub process
    def start(self, timeout: float = 120) -> "TrialHub":
        install_proxy()
        env = {**os.environ, **self.settings.env(), "QAZAQ_TEACHER_PASSWORD": self.password,
               "QAZAQ_CLASSROOM_API_TOKEN": self.token,
               "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "qazaq.classroom"], env=env, stdout=log,
                                     stderr=subprocess.STDOUT, cwd=DEPLOY)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the hub stopped:\n" + self.log_tail())
            try:
                self.api("GET", "/users")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise TimeoutError("the hub did not answer:\n" + self.log_tail())

    def stop_hub(self) -> None:
        """Stop the hub process only (as a crash or `systemctl restart` would); servers keep running."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log_tail(self, chars: int = 5000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    # ------------------------------------------------------------ REST API (service token)
    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30):
        req = urllib.request.Request(f"{self.url}/hub/api{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def server_request(self, user: str, method: str, path: str, timeout: float = 120):
        """A request to a learner's own server (e.g. nbgrader's /assignments), with the service token."""
        req = urllib.request.Request(f"{self.url}/user/{user}/{path.lstrip('/')}", method=method,
                                     data=b"" if method == "POST" else None,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode() or "null")

    def spawn(self, user: str, timeout: float = 180) -> dict:
        try:
            self.api("POST", f"/users/{user}")
        except urllib.error.HTTPError as exc:
            if exc.code != 409:  # 409: exists already
                raise
        try:
            self.api("POST", f"/users/{user}/server")
        except urllib.error.HTTPError as exc:
            if exc.code != 400:  # 400: already running
                raise
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{user}")
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return server
            time.sleep(0.5)
        raise TimeoutError(f"{user}'s server did not start:\n" + self.log_tail())

    # ------------------------------------------------------------ as a person on the machine
    def as_user(self, user: str, *cmd: str, cwd: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        """Run a command as that system user, with the environment their server has."""
        home = pwd.getpwnam(user).pw_dir
        os.environ.setdefault("QAZAQ_SERVER_BIN", str(runtime.server_bin(self.settings.state)))
        env = {"HOME": home, "USER": user, "LANG": "C.UTF-8", **hub.role_env(self.settings, user, home)}
        if os.environ.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        return subprocess.run(["runuser", "-u", user, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()), *cmd],
                              cwd=cwd or home, capture_output=True, text=True, timeout=timeout)

    def close(self) -> None:
        """Stop everything this trial started and remove its accounts, homes and state."""
        self.stop_hub()
        pid_file = self.settings.state / "proxy.pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
            except (ValueError, ProcessLookupError):
                pass
        for entry in pwd.getpwall():
            if entry.pw_name.startswith(self.prefix + "-"):
                accounts.remove_user(entry.pw_name)
        for path, mode in self._modes.items():
            os.chmod(path, mode)
        if self.log_path.exists():  # kept for a look after a failure
            shutil.copy(self.log_path, Path(tempfile.gettempdir()) / f"{self.prefix}-hub-last.log")
        subprocess.run(["rm", "-rf", str(self.settings.state)], check=False)
