"""Several site processes behind Debian's nginx on loopback, configured by deploy/nginx-voila.conf.

Used by the two-process browser test and by benchmarks/load_site.py --processes. The deploy
file is used as it is, with its example ports (8866, 8867, listen 80) replaced by free ones;
nginx runs as its own master process with a config, logs and temp files in a temporary folder.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from qazaq.shared import REPO_ROOT
from qazaq.site import voila_command
from tests.conftest import free_port, test_env, wait_for_http

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY_CONF = REPO_ROOT / "deploy" / "nginx-voila.conf"
EXAMPLE_PORTS = (8866, 8867)


def nginx_site_config(listen_port: int, voila_ports: list[int], text: str | None = None) -> str:
    """deploy/nginx-voila.conf for these ports (on loopback)."""
    text = DEPLOY_CONF.read_text() if text is None else text
    if len(voila_ports) != len(EXAMPLE_PORTS):
        raise ValueError(f"deploy/nginx-voila.conf is written for {len(EXAMPLE_PORTS)} processes")
    for example, port in zip(EXAMPLE_PORTS, voila_ports):
        text = re.sub(rf"(?<!\d){example}(?!\d)", str(port), text)
    return re.sub(r"listen 80;", f"listen 127.0.0.1:{listen_port};", text)


def nginx_main_config(folder: Path, site_conf: Path) -> str:
    """A whole nginx.conf around the site file: everything nginx writes stays in `folder`."""
    return f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site_conf};
}}
"""


class SiteCluster:
    """Two Voila processes (the ports of deploy/nginx-voila.conf) and nginx in front of them."""

    def __init__(self, folder: Path, *, preheat: bool = False, max_kernels: int = -1):
        self.folder = folder
        self.preheat, self.max_kernels = preheat, max_kernels
        self.ports = [free_port() for _ in EXAMPLE_PORTS]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.voila: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None

    def start(self) -> "SiteCluster":
        if not Path(NGINX).exists():
            raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
        self.folder.mkdir(parents=True, exist_ok=True)
        for port in self.ports:
            home = self.folder / f"home-{port}"
            home.mkdir(exist_ok=True)
            argv = voila_command(port, preheat=self.preheat, max_kernels=self.max_kernels)
            self.voila[port] = subprocess.Popen(
                argv, cwd=REPO_ROOT, env=test_env(home),
                stdout=open(self.folder / f"voila-{port}.log", "w"), stderr=subprocess.STDOUT)
        site = self.folder / "qazaq-site.conf"
        site.write_text(nginx_site_config(self.port, self.ports))
        main = self.folder / "nginx.conf"
        main.write_text(nginx_main_config(self.folder, site))
        self.nginx = subprocess.Popen([NGINX, "-p", str(self.folder), "-c", str(main), "-e", str(self.folder / "error.log"),
                                       "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        for port in self.ports:
            wait_for_http(f"http://127.0.0.1:{port}/", timeout=120)
        wait_for_http(self.url + "/", timeout=30)
        return self

    def wait_for_pools(self, timeout: float = 600) -> float:
        """Until every process has pre-rendered a kernel for every lesson (its log says so for
        each), as on a server that has been up a while; the seconds it took."""
        from qazaq.site.catalogue import entries

        started = time.monotonic()
        wanted = len(entries())

        def filled() -> bool:
            return all(len(set(re.findall(r"Kernel pool of (.+?) is filled",
                                          (self.folder / f"voila-{port}.log").read_text(errors="replace")))) >= wanted
                       for port in self.voila)

        wait_until(filled, timeout, step=1)
        return time.monotonic() - started

    def kill(self, port: int) -> None:
        """The process and every kernel it started die at once, as in a crash (or an OOM kill of
        the service's whole cgroup)."""
        proc = self.voila.pop(port)
        for pid in [proc.pid] + descendants(proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=30)

    def memory_mb(self) -> float:
        """Memory of the site processes and all their kernels now, in MB: the sum of their
        proportional set sizes, so pages forked kernels share are counted once."""
        pids = [pid for proc in self.voila.values() for pid in [proc.pid] + descendants(proc.pid)]
        return sum(pss_kb(pid) for pid in pids) / 1024

    def stop(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for port in list(self.voila):
            proc = self.voila[port]
            kernels = descendants(proc.pid)
            proc.terminate()
            try:
                proc.wait(timeout=15)
                self.voila.pop(port)
            except subprocess.TimeoutExpired:
                pass
            for pid in kernels:  # a server that shut down cleanly has stopped them already
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if port in self.voila:
                self.kill(port)

    def __enter__(self) -> "SiteCluster":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, however deep (kernels live in their own sessions)."""
    found, todo = [], [pid]
    while todo:
        out = subprocess.run(["pgrep", "-P", str(todo.pop())], capture_output=True, text=True).stdout
        children = [int(x) for x in out.split()]
        found += children
        todo += children
    return found


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_until(predicate, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()
