"""`make classroom` = `python -m qazaq.classroom`: prepare the machine, then run JupyterHub (as root)."""
from __future__ import annotations

import argparse
import os
import secrets
import sys
from dataclasses import replace
from pathlib import Path

from qazaq.classroom import DEPLOY, PROXY_BIN, Settings
from qazaq.classroom.accounts import AccountError, prepare_machine


def register_teacher(settings: Settings, password: str | None) -> str | None:
    """Sign the teacher up in the hub's database, approved; returns a new password to show, if made.

    Done before the hub opens, so nobody else can sign up under the teacher's name first
    (NativeAuthenticator approves an admin's sign-up by itself)."""
    import bcrypt  # here, not on top: bcrypt and JupyterHub's database only for registering the teacher
    from jupyterhub import orm
    from nativeauthenticator.orm import UserInfo

    db = orm.new_session_factory(f"sqlite:///{settings.db}")()
    try:
        info = UserInfo.find(db, settings.teacher)
        if info is not None and not password:
            return None
        made = None if password else secrets.token_urlsafe(12)
        hashed = bcrypt.hashpw((password or made).encode(), bcrypt.gensalt())
        if info is None:
            db.add(UserInfo(username=settings.teacher, password=hashed, is_authorized=True))
        else:
            info.password, info.is_authorized = hashed, True
        db.commit()
        return made
    finally:
        db.close()
        os.chmod(settings.db, 0o600)  # password hashes and tokens


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qazaq.classroom", description=__doc__)
    ap.add_argument("--dir", help="state folder: hub database, secrets, exchange (default /srv/qazaq-classroom)")
    ap.add_argument("--port", type=int, help="port browsers connect to (default 8000)")
    ap.add_argument("--ip", help="address to listen on (default 127.0.0.1; put HTTPS in front for a real class)")
    ap.add_argument("--teacher", help="the teacher's account name (default teacher)")
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    changes = {k: v for k, v in {"state": Path(args.dir).resolve() if args.dir else None, "port": args.port,
                                 "ip": args.ip, "teacher": args.teacher}.items() if v is not None}
    settings = replace(settings, **changes)
    if not PROXY_BIN.exists():
        print(f"classroom: the proxy is not installed: run `npm ci` in {DEPLOY} (make classroom does).", file=sys.stderr)
        return 1
    try:
        course = prepare_machine(settings)
    except AccountError as exc:
        print(f"classroom: {exc}", file=sys.stderr)
        return 1
    made = register_teacher(settings, os.environ.get("QAZAQ_TEACHER_PASSWORD"))
    print(f"class hub: {settings.url}   teacher: {settings.teacher}   course: {course}")
    if made:
        print(f"teacher's password (shown once; change it at /hub/change-password): {made}")
    env = {**os.environ, **settings.env()}
    hub = str(Path(sys.executable).parent / "jupyterhub")
    os.chdir(settings.state)
    os.execve(hub, [hub, "-f", str(DEPLOY / "jupyterhub_config.py")], env)


if __name__ == "__main__":
    sys.exit(main())
