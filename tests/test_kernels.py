"""Kernels forked from the warm template (qazaq.kernels): each is a separate, working kernel
with its own environment, directory and random state, that can be interrupted and shut down."""
from __future__ import annotations

import os

import pytest
from jupyter_client.manager import KernelManager
from jupyter_client.provisioning.factory import KernelProvisionerFactory

from qazaq.kernels import PROVISIONER, ForkedProcess, ForkingProvisioner, ipykernel_args


def test_only_plain_ipykernel_commands_are_forked():
    assert ipykernel_args(["/v/bin/python", "-m", "ipykernel_launcher", "-f", "c.json"]) == ["-f", "c.json"]
    assert ipykernel_args(["python3.11", "-m", "ipykernel_launcher"]) == []
    assert ipykernel_args(["/usr/bin/R", "--slave", "-e", "IRkernel::main()"]) is None
    assert ipykernel_args(["python", "-m", "other_kernel", "-f", "c.json"]) is None


def test_a_vanished_process_reads_as_exited():
    gone = ForkedProcess(2**22 + 12345)  # beyond pid_max: no such process
    assert gone.poll() == 0 and gone.wait(timeout=1) == 0


@pytest.fixture
def forking_factory():
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = PROVISIONER
    yield
    factory.default_provisioner_name = before


def run(kc, code: str) -> tuple[str, dict]:
    chunks = []
    reply = kc.execute_interactive(code, timeout=30, output_hook=lambda m: chunks.append(m["content"].get("text", ""))
                                   if m["msg_type"] == "stream" else None)
    return "".join(chunks).strip(), reply["content"]


def start(tmp_path, name: str):
    cwd = tmp_path / name
    cwd.mkdir()
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(cwd), env={**os.environ, "QAZAQ_TEST_MARK": name})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc, cwd


def test_forked_kernels_are_separate_and_controllable(forking_factory, tmp_path):
    km1, kc1, cwd1 = start(tmp_path, "one")
    km2, kc2, cwd2 = start(tmp_path, "two")
    try:
        assert isinstance(km1.provisioner, ForkingProvisioner)
        title = open(f"/proc/{km1.provisioner.pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
        assert "-m ipykernel_launcher -f " in title  # found by `ps` and monitoring like any kernel
        code = "import os, random; print(os.getcwd(), os.environ['QAZAQ_TEST_MARK'], random.random())"
        out1, out2 = run(kc1, code)[0].split(), run(kc2, code)[0].split()
        assert out1[:2] == [str(cwd1), "one"] and out2[:2] == [str(cwd2), "two"], (out1, out2)
        assert out1[2] != out2[2]  # each kernel has its own random state
        # ipywidgets (imported by the template before any kernel existed) is registered with
        # this kernel: the widget front end asks for every widget's state on this comm target.
        targets = run(kc1, "print(sorted(get_ipython().kernel.comm_manager.targets))")[0]
        assert "jupyter.widget" in targets and "jupyter.widget.control" in targets, targets
        run(kc1, "shared = 41")
        assert run(kc2, "print('shared' in globals())")[0] == "False"
        # An endless cell is interrupted (what nbgrader does on a cell timeout).
        msg_id = kc1.execute("import time\nprint('looping', flush=True)\nwhile True: time.sleep(0.1)")
        while True:  # interrupt once the loop runs
            msg = kc1.get_iopub_msg(timeout=15)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
        km1.interrupt_kernel()
        reply = kc1.get_shell_msg(timeout=15)
        assert reply["content"].get("ename") == "KeyboardInterrupt", reply["content"]
        after = run(kc1, "print(shared + 1)")
        assert after[0] == "42", after  # and the kernel lives on
    finally:
        for km, kc in ((km1, kc1), (km2, kc2)):
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    assert not km1.is_alive() and not km2.is_alive()
