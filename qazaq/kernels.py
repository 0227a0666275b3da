"""Python kernels forked from a warm template process instead of started from scratch.

Starting an IPython kernel costs ~0.4 s of CPU, mostly imports, and every kernel holds its
own copy of them. The public site keeps dozens of lesson kernels and the grader starts one
per submission, so both fork kernels from a *template* process that has imported ipykernel,
ipywidgets and the course once (and loaded its data): a new kernel is ready for about a third of
the CPU, and the imported code stays shared between kernels (copy-on-write) instead of being
counted per lesson. The data is read when the template starts: restart the site after editing
assets/.

It plugs into jupyter_client as a kernel provisioner (`qazaq-fork`, registered in
pyproject.toml). Select it with JUPYTER_DEFAULT_PROVISIONER_NAME=qazaq-fork; anything that is
not a plain `python -m ipykernel_launcher` command is launched the ordinary way.

    python -m qazaq.kernels SOCKET [--no-warm]   # the template process (started on demand)

A process that starts many kernels from several workers (the grader) starts one template itself
and names its socket in QAZAQ_KERNEL_TEMPLATE, so the workers share it.
"""
from __future__ import annotations

import asyncio
import atexit
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import setproctitle
from jupyter_client.provisioning import LocalProvisioner

PROVISIONER = "qazaq-fork"
TEMPLATE_ENV = "QAZAQ_KERNEL_TEMPLATE"
# Imported once by the template. Only modules that read no per-kernel state (environment,
# working directory) at import time: every kernel gets its own environment after the fork.
PRELOAD = ["ipykernel.kernelapp", "ipywidgets", "anywidget", "pandas", "qazaq.content", "qazaq.lesson",
           "qazaq.assignment", "qazaq.answers", "qazaq.widgets.base"]
# Course data loaded once by the template, so each lesson kernel starts with it (read-only,
# shared): the vocabulary table, Abai's texts, the IPA transducer, the morphology exceptions.
# (module, function, arguments); a failure only means kernels load it themselves.
WARM = [("qazaq.content.lessons", "course_vocabulary", ()), ("qazaq.content", "abai_texts", ()),
        ("qazaq.pronunciation", "ipa", ("сәлем",)), ("qazaq.morphology", "inflect", ("кітап", "N;ACC;SG"))]
START_TIMEOUT_S = 60


# --- the template process ------------------------------------------------------------------

def _serve(sock_path: str, warm: bool = True) -> None:
    # numpy (under pandas) would start a BLAS thread pool at import; threads do not survive a
    # fork, and lessons do no heavy linear algebra.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    for name in PRELOAD:
        __import__(name)
    for module, function, args in WARM if warm else []:
        try:
            getattr(sys.modules.get(module) or __import__(module, fromlist=[function]), function)(*args)
        except Exception as exc:  # noqa: BLE001 - the kernels will load it on demand instead
            print(f"kernel template: could not preload {module}.{function}: {exc}", file=sys.stderr)
    if threading.active_count() > 1:  # forking a threaded process can deadlock its children
        raise SystemExit(f"kernel template: a preloaded module started a thread: {threading.enumerate()}")
    gc.collect()
    gc.freeze()  # the collector then leaves the shared objects alone: fewer pages copied per kernel
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system, not by us
    parent = os.getppid()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sock_path)
    server.listen(16)
    server.settimeout(1.0)
    while os.getppid() == parent:  # the launching process is gone: so is the template
        try:
            conn, _ = server.accept()
        except socket.timeout:
            continue
        with conn:
            request = json.loads(conn.makefile("r", encoding="utf-8").readline())
            request["template_cwd"] = os.getcwd()
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                _become_kernel(request)  # never returns
            conn.sendall((json.dumps({"pid": pid}) + "\n").encode())
    server.close()


def _become_kernel(request: dict) -> None:
    code = 1
    try:
        os.setsid()  # its own process group: an interrupt reaches this kernel only
        # Look like the kernel it is in `ps` and to monitoring (which finds kernels by command
        # line). Before the environment changes: setproctitle needs the original one in place.
        setproctitle.setproctitle(" ".join([sys.executable, "-m", "ipykernel_launcher", *request["args"]]))
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
        os.chdir(request["cwd"])
        if sys.path and sys.path[0] == request["template_cwd"]:
            sys.path[0] = request["cwd"]  # as `python -m ipykernel_launcher` run in cwd would have it
        os.environ.clear()
        os.environ.update(request["env"])
        # Exit with the template (which exits with the server), as kernels exit with their parent.
        args = [*request["args"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = ["ipykernel_launcher", *args]
        from ipykernel.kernelapp import IPKernelApp  # here, not on top: the Voila server process never loads it

        app = IPKernelApp.instance()
        app.initialize(args)
        # ipywidgets registers its comm targets when imported inside a kernel; the template
        # imported it before any kernel existed, so register them with this one now.
        import ipywidgets  # here, not on top: the server process never loads it (the template did)

        ipywidgets.register_comm_target()
        app.start()
        code = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


# --- the launching side -------------------------------------------------------------------

class Template:
    """A running template process, reached through its Unix socket."""

    _lock = threading.Lock()
    _current: "Template | None" = None

    def __init__(self, sock: str, proc: subprocess.Popen | None = None) -> None:
        self.sock, self.proc = sock, proc

    @classmethod
    def start(cls, stderr=None, warm: bool = True) -> "Template":
        """Start a template process owned by this process (it exits when this process does);
        `warm=False` skips loading the lesson data (the grader's kernels never use it)."""
        sock = os.path.join(tempfile.mkdtemp(prefix="qazaq-kernels-"), "template.sock")
        argv = [sys.executable, "-m", "qazaq.kernels", sock] + ([] if warm else ["--no-warm"])
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not os.path.exists(sock):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("the kernel template process did not start")
            time.sleep(0.05)
        template = cls(sock, proc)
        atexit.register(template.stop)
        return template

    @classmethod
    def get(cls) -> "Template":
        """This process's template: the shared one named in $QAZAQ_KERNEL_TEMPLATE, else our own."""
        with cls._lock:
            if cls._current is None or not cls._current.alive():
                shared = os.environ.get(TEMPLATE_ENV)
                cls._current = cls(shared) if shared and os.path.exists(shared) else cls.start()
            return cls._current

    def alive(self) -> bool:
        return os.path.exists(self.sock) and (self.proc is None or self.proc.poll() is None)

    def fork(self, args: list[str], env: dict[str, str], cwd: str) -> int:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(START_TIMEOUT_S)
            conn.connect(self.sock)
            conn.sendall((json.dumps({"args": args, "env": env, "cwd": cwd}) + "\n").encode())
            return int(json.loads(conn.makefile("r", encoding="utf-8").readline())["pid"])

    def stop(self) -> None:
        if self.proc is None:  # a shared template: its owner stops it
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        Path(self.sock).unlink(missing_ok=True)
        try:
            Path(self.sock).parent.rmdir()
        except OSError:
            pass


class ForkedProcess:
    """What jupyter_client expects of a Popen, for a kernel that is the template's child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # gone (the template reaps it; its exit status is not ours)
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def ipykernel_args(cmd: list[str]) -> list[str] | None:
    """The kernel's own arguments if `cmd` is `<python> -m ipykernel_launcher ...`, else None."""
    if len(cmd) >= 3 and Path(cmd[0]).name.startswith("python") and cmd[1:3] == ["-m", "ipykernel_launcher"]:
        return cmd[3:]
    return None


class ForkingProvisioner(LocalProvisioner):
    """LocalProvisioner whose Python kernels are forked from the warm template process."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        args = ipykernel_args(cmd)
        if args is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = {k: str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = str(kwargs.get("cwd") or os.getcwd())
        # In a thread: the first call starts the template (a second or so) and must not stall
        # the server's event loop meanwhile.
        pid = await asyncio.get_running_loop().run_in_executor(None, lambda: Template.get().fork(args, env, cwd))
        self.process = ForkedProcess(pid)
        self.pid, self.pgid, self.cwd = pid, pid, cwd
        return self.connection_info


if __name__ == "__main__":
    _serve(sys.argv[1], warm="--no-warm" not in sys.argv[2:])
