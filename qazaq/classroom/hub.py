"""JupyterHub settings of the class (loaded by deploy/classroom/jupyterhub_config.py).

- login: jupyterhub-nativeauthenticator. Learners sign up; the teacher (a hub admin, already
  registered by `python -m qazaq.classroom`) approves them at /hub/authorize.
- servers: LocalProcessSpawner, each under the person's own system user (created on first start,
  home 0700, lessons copied in); they land on the course home page (`qazaq.classroom.home`).
- restarts: the database and the cookie secret are files in the state folder and servers are not
  stopped with the hub, so a hub restarted mid-class finds every learner's server and session.
"""
from __future__ import annotations

import os
from pathlib import Path

from qazaq.classroom import JUPYTER_CONFIG, PROXY_BIN, Settings, accounts, runtime
from qazaq.shared import REPO_ROOT

HOME_URL = "/qazaq/home"


def role_env(settings: Settings, name: str, home: str) -> dict[str, str]:
    """What a spawned server needs: config dirs for its role, the exchange, private progress."""
    role = "teacher" if name == settings.teacher else "learner"
    env = {
        "PATH": os.pathsep.join([os.environ["QAZAQ_SERVER_BIN"], "/usr/local/bin", "/usr/bin", "/bin"]),
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(JUPYTER_CONFIG / role), str(JUPYTER_CONFIG / "common")]),
        "JUPYTER_PATH": str(REPO_ROOT / "assets" / "jupyter"),  # the course's Voila templates
        "QAZAQ_EXCHANGE": str(settings.exchange),
        "QAZAQ_PUBLIC": "0",  # progress in the learner's home, also in lessons opened as apps
        "QAZAQ_CLASSROOM_ROLE": role,
    }
    if runtime.library_path(settings.state):
        env["LD_LIBRARY_PATH"] = runtime.library_path(settings.state)
    if role == "teacher":
        env["QAZAQ_COURSE"] = str(Path(home) / "course")
    return env


def pre_spawn(spawner) -> None:
    """Runs in the hub (as root) before each server starts: the account exists, the role is set."""
    settings = Settings.from_env()
    name = spawner.user.name
    if name == settings.teacher:
        accounts.prepare_teacher(settings)
        user = accounts.find(name)
    else:
        user = accounts.prepare_learner(name)
    spawner.environment.update(role_env(settings, name, user.pw_dir))


def secret(path: Path, nbytes: int = 32) -> str:
    """A random token kept in the state folder (0600), so a restarted hub and proxy agree."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(os.urandom(nbytes).hex())
    return path.read_text().strip()


def configure(c, settings: Settings | None = None) -> None:
    settings = settings or Settings.from_env()
    state = settings.state
    state.mkdir(parents=True, exist_ok=True)
    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port
    c.JupyterHub.db_url = f"sqlite:///{settings.db}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = False  # a hub restart must not stop a learner mid-answer
    c.JupyterHub.last_activity_interval = 60

    # The proxy: configurable-http-proxy installed in deploy/classroom by `npm ci`.
    c.ConfigurableHTTPProxy.command = [str(PROXY_BIN)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.api_port}"
    c.ConfigurableHTTPProxy.auth_token = secret(state / "proxy_token")
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")

    c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
    c.Authenticator.admin_users = {settings.teacher}
    c.Authenticator.allow_all = True  # anyone the teacher has approved (NativeAuthenticator checks that)
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 8
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 120

    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
    server_bin = runtime.server_bin(state)
    os.environ["QAZAQ_SERVER_BIN"] = str(server_bin)  # read by role_env in the pre-spawn hook
    c.Spawner.cmd = [str(server_bin / "jupyterhub-singleuser")]
    c.Spawner.default_url = HOME_URL
    c.Spawner.notebook_dir = "~"
    c.Spawner.pre_spawn_hook = pre_spawn
    c.Spawner.start_timeout = 120  # a busy 2-core machine starting many servers at the start of class
    c.Spawner.http_timeout = 120
    c.Spawner.env_keep = ["PYTHONPATH", "LANG", "LC_ALL"]
    c.Spawner.mem_limit = "1G"  # advisory for LocalProcessSpawner; enforced on Kubernetes

    # A token for scripts that manage the class (tests, the benchmark, your own tools).
    token = os.environ.get("QAZAQ_CLASSROOM_API_TOKEN")
    if token:
        c.JupyterHub.services = [{"name": "class-admin", "api_token": token}]
        c.JupyterHub.load_roles = [{"name": "class-admin", "services": ["class-admin"],
                                    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users"]}]
