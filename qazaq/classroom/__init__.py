"""A class on one machine: JupyterHub, learners as system users, nbgrader's exchange (see docs/classroom.md).

`make classroom` runs `python -m qazaq.classroom`: it prepares the machine (exchange folder,
teacher account and course folder), then starts JupyterHub with deploy/classroom/jupyterhub_config.py,
which reads the same settings from the environment through `Settings.from_env`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from qazaq.grading.config import COURSE_ID
from qazaq.shared import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy" / "classroom"
PROXY_BIN = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
JUPYTER_CONFIG = DEPLOY / "jupyter"  # common/, learner/, teacher/: config dirs given to spawned servers


@dataclass(frozen=True)
class Settings:
    state: Path          # hub database, cookie secret, proxy token, exchange
    port: int = 8000     # where browsers connect (the proxy)
    ip: str = "127.0.0.1"
    hub_port: int = 8081
    api_port: int = 8001
    teacher: str = "teacher"
    course_id: str = COURSE_ID

    @classmethod
    def from_env(cls) -> "Settings":
        env = os.environ.get
        return cls(state=Path(env("QAZAQ_CLASSROOM_DIR", "/srv/qazaq-classroom")).resolve(),
                   port=int(env("QAZAQ_CLASSROOM_PORT", "8000")),
                   ip=env("QAZAQ_CLASSROOM_IP", "127.0.0.1"),
                   hub_port=int(env("QAZAQ_CLASSROOM_HUB_PORT", "8081")),
                   api_port=int(env("QAZAQ_CLASSROOM_API_PORT", "8001")),
                   teacher=env("QAZAQ_TEACHER", "teacher"))

    def env(self) -> dict[str, str]:
        """The environment that makes `from_env` give these settings back (for the hub process)."""
        return {"QAZAQ_CLASSROOM_DIR": str(self.state), "QAZAQ_CLASSROOM_PORT": str(self.port),
                "QAZAQ_CLASSROOM_IP": self.ip, "QAZAQ_CLASSROOM_HUB_PORT": str(self.hub_port),
                "QAZAQ_CLASSROOM_API_PORT": str(self.api_port), "QAZAQ_TEACHER": self.teacher}

    @property
    def exchange(self) -> Path:
        return self.state / "exchange"

    @property
    def db(self) -> Path:
        return self.state / "jupyterhub.sqlite"

    @property
    def url(self) -> str:
        return f"http://{self.ip or '127.0.0.1'}:{self.port}"
