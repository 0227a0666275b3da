"""Running the site for many visitors: the kernel cap follows the machine's memory, the nginx
configuration (deploy/nginx-voila.conf) is valid as the tests template it, and lesson pages
tell a proxy which process they belong to."""
from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from qazaq.site import capacity, voila_command
from tests.site_cluster import DEPLOY_CONF, NGINX, nginx_main_config, nginx_site_config


def fake_machine(tmp_path, monkeypatch, total_mb: int, available_mb: int, cgroup: tuple[int, int] | None = None):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text(f"MemTotal:       {total_mb * 1024} kB\nMemFree:  1 kB\nMemAvailable:   {available_mb * 1024} kB\n")
    monkeypatch.setattr(capacity, "MEMINFO", meminfo)
    monkeypatch.setattr(capacity, "_cgroup_limit", lambda: None if cgroup is None
                        else (cgroup[0] * capacity.MB, cgroup[1] * capacity.MB))


def test_kernel_cap_follows_the_machines_memory(tmp_path, monkeypatch):
    fake_machine(tmp_path, monkeypatch, total_mb=4096, available_mb=3000)
    assert capacity.kernel_cap() == (4096 - capacity.RESERVE_MB) // capacity.KERNEL_MB == 29
    assert capacity.kernel_cap(processes=2) == 14
    assert capacity.has_room()
    fake_machine(tmp_path, monkeypatch, total_mb=4096, available_mb=capacity.RESERVE_MB + capacity.KERNEL_MB - 1)
    assert not capacity.has_room()  # whatever the cap says, no kernel without memory left for it
    fake_machine(tmp_path, monkeypatch, total_mb=512, available_mb=400)
    assert capacity.kernel_cap() == 1  # a tiny machine still serves one visitor at a time


def test_a_memory_limit_on_the_service_counts_not_the_whole_machine(tmp_path, monkeypatch):
    fake_machine(tmp_path, monkeypatch, total_mb=65536, available_mb=60000, cgroup=(2048, 1900))
    assert capacity.memory_total() == 2048 * capacity.MB
    assert capacity.kernel_cap() == (2048 - capacity.RESERVE_MB) // capacity.KERNEL_MB
    assert not capacity.has_room()  # 148 MB left under the limit


def test_site_command_takes_the_cap_from_memory_and_never_restarts_a_lesson_kernel():
    argv = voila_command(8866)
    assert "--QazaqVoila.max_kernels=-1" in argv  # by default: as many as the memory holds
    assert "--KernelManager.autorestart=False" in argv
    assert "--QazaqVoila.max_kernels=3" in voila_command(8866, max_kernels=3)
    assert "--QazaqVoila.node_name=a" in voila_command(8866, node_name="a")


def test_deploy_nginx_config_is_valid_for_any_ports(tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("needs Debian's nginx (apt-get install nginx)")
    site = tmp_path / "site.conf"
    site.write_text(nginx_site_config(18080, [18866, 18867]))
    text = site.read_text()
    assert "8866" not in text.replace("18866", "") and "listen 127.0.0.1:18080;" in text
    assert re.search(r"map \$cookie_qazaq_node \$qazaq_upstream \{[^}]*18866\s+qazaq_18866;", text)
    main = tmp_path / "nginx.conf"
    main.write_text(nginx_main_config(tmp_path, site))
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "hash $remote_addr" not in DEPLOY_CONF.read_text()  # a school behind one address is spread out


def test_lesson_page_names_its_process_and_the_page_can_ask_for_its_kernel(voila_server):
    port = voila_server.rsplit(":", 1)[1]
    with urllib.request.urlopen(voila_server + "/voila/render/abai/02-kuz.ipynb", timeout=120) as resp:
        cookies = resp.headers.get_all("Set-Cookie")
        body = resp.read().decode("utf-8")
    kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', body).group(1)
    # The process is named for exactly this kernel's URLs (websocket, the page's question, leaving).
    routed = {re.search(r"Path=([^;]+)", c).group(1) for c in cookies if c.startswith(f"qazaq_node={port};")}
    assert routed == {f"/api/kernels/{kernel}", f"/qazaq/api/kernel/{kernel}", f"/qazaq/api/leave/{kernel}"}
    assert all("HttpOnly" in c for c in cookies if c.startswith("qazaq_node="))
    strings = json.loads(re.search(r'id="qazaq-page-strings">(.*?)</script>', body).group(1))
    assert set(strings) == {"en", "ru", "tr", "de", "fa"}  # every language of assets/i18n
    assert strings["ru"]["site.kernel_lost.title"] == "Урок остановлен"
    assert strings["fa"]["site.kernel_lost.title"] == "این درس متوقف شده است"

    def alive() -> bool:
        with urllib.request.urlopen(f"{voila_server}/qazaq/api/kernel/{kernel}", timeout=30) as resp:
            assert resp.headers["Cache-Control"] == "no-store"
            return json.loads(resp.read())["alive"]

    assert alive()
    req = urllib.request.Request(f"{voila_server}/qazaq/api/leave/{kernel}", data=b"", method="POST")
    urllib.request.urlopen(req, timeout=30).close()
    assert not alive()
    with urllib.request.urlopen(voila_server + "/qazaq/api/room", timeout=30) as resp:
        assert json.loads(resp.read()) == {"room": True}
    with pytest.raises(urllib.error.HTTPError):  # not a kernel id: no such page
        urllib.request.urlopen(voila_server + "/qazaq/api/kernel/../../api/kernels", timeout=30)
