"""`make serve` answers: the same Voila command the public gets."""
import subprocess
import urllib.request

from qazaq.shared import REPO_ROOT


def test_home_page_answers_200(voila_server):
    with urllib.request.urlopen(voila_server + "/", timeout=30) as resp:
        assert resp.status == 200
        body = resp.read().decode("utf-8")
    assert "01-alphabet.ipynb" in body


def test_make_serve_is_documented_and_wired():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "qazaq.site" in makefile and "PORT ?= 8866" in makefile
    out = subprocess.run(["make", "-n", "serve", "PORT=9123"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert "--port 9123" in out.stdout
