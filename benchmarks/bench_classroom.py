"""A simulated class of N learners on the class hub (run as root; accounts `qzb-*`, removed after).

Starts the hub as `make classroom` does, starts every learner's server through the hub's API and
measures memory (hub, proxy, learners' servers: PSS), then times one assignment from release to the
last learner's feedback fetched: the teacher releases with `qazaq-grade release --exchange`; each
learner fetches and submits through their own running server (nbgrader's Assignments API, the one the
Assignments tab uses) with answers written in their home; the teacher collects, autogrades with
-j 4 and releases feedback; each learner fetches it.

    sudo python benchmarks/bench_classroom.py [--n 30] [--parallel 4]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import pwd
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

from qazaq.classroom.trial import TrialHub
from qazaq.grading.simulate import LOOKALIKE

A = "a01-alphabet"
RIGHT = {"q1": "ө", "q2": "а", "q3": "ү", "q4": "front vowels", "q5": "42", "q6": "қ", "q7": "qala", "q8": "дала"}
KINDS = ["all right", "look-alike letters", "half", "nothing"]


def answers(kind: str) -> dict[str, str] | None:
    if kind == "nothing":
        return None
    if kind == "half":
        return dict(list(RIGHT.items())[:4])
    if kind == "look-alike letters":
        return {k: v.translate(LOOKALIKE) for k, v in RIGHT.items()}
    return dict(RIGHT)


def mb(n: float) -> str:
    return f"{n / 2**20:.0f} MB"


def pss(proc: psutil.Process) -> int:
    try:
        return proc.memory_full_info().pss
    except psutil.Error:
        return 0


def tree_pss(pid: int) -> int:
    p = psutil.Process(pid)
    return pss(p) + sum(pss(c) for c in p.children(recursive=True))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--parallel", type=int, default=4, help="learners acting at once")
    args = ap.parse_args()
    trial = TrialHub(prefix="qzb")
    learners = [trial.learner(f"l{i:02d}") for i in range(args.n)]
    try:
        t = time.monotonic()
        trial.start()
        print(f"hub up in {time.monotonic() - t:.1f} s")
        teacher = trial.teacher
        trial.spawn(teacher)  # prepares the teacher's account and course
        t = time.monotonic()
        with ThreadPoolExecutor(args.parallel) as pool:
            list(pool.map(trial.spawn, learners))
        print(f"{args.n} learners' servers started in {time.monotonic() - t:.1f} s")
        time.sleep(5)  # let start-up settle before measuring
        hub_proc = psutil.Process(trial.proc.pid)
        proxy = [c for c in hub_proc.children() if c.username() == "root"]
        hub_mem, proxy_mem = pss(hub_proc), sum(tree_pss(c.pid) for c in proxy)
        servers = [p for p in psutil.process_iter(["username", "cmdline"])
                   if (p.info["username"] or "").startswith("qzb-l") and "jupyterhub-singleuser" in " ".join(p.info["cmdline"] or [])]
        server_mem = [tree_pss(p.pid) for p in servers]
        print(f"memory with {len(servers)} learners' servers running (PSS): hub {mb(hub_mem)}, proxy {mb(proxy_mem)}; "
              f"learners' servers {mb(sum(server_mem))} in all, {mb(sum(server_mem) / max(1, len(server_mem)))} each")

        course = Path(pwd.getpwnam(teacher).pw_dir) / "course"
        q = "course_id=qazaq&assignment_id=" + A
        t0 = time.monotonic()
        out = trial.as_user(teacher, "qazaq-grade", "release", A, "--exchange", cwd=str(course))
        assert out.returncode == 0, out.stderr

        def learner_works(item) -> None:
            name, kind = item
            trial.server_request(name, "POST", f"assignments/fetch?{q}")
            given = answers(kind)
            folder = Path(pwd.getpwnam(name).pw_dir) / A
            if given is not None:  # what the widgets save at each change
                f = folder / "answers.json"
                f.write_text(json.dumps({"assignment": A, "answers": given}, ensure_ascii=False), encoding="utf-8")
                os.chown(f, pwd.getpwnam(name).pw_uid, pwd.getpwnam(name).pw_gid)
            trial.server_request(name, "POST", f"assignments/submit?{q}")

        with ThreadPoolExecutor(args.parallel) as pool:
            list(pool.map(learner_works, zip(learners, itertools.cycle(KINDS))))
        t_sub = time.monotonic() - t0
        for step in (["collect", A, "--exchange"], ["autograde", A, "-j", "4", "-q"], ["feedback", A, "--exchange"]):
            out = trial.as_user(teacher, "qazaq-grade", *step, cwd=str(course), timeout=1800)
            assert out.returncode == 0, out.stdout + out.stderr
            print(f"  {time.monotonic() - t0:6.1f} s  qazaq-grade {' '.join(step)}: {out.stdout.strip().splitlines()[0]}")
        with ThreadPoolExecutor(args.parallel) as pool:
            list(pool.map(lambda n: trial.server_request(n, "POST", f"assignments/fetch_feedback?{q}"), learners))
        total = time.monotonic() - t0
        got = sum(1 for n in learners if list((Path(pwd.getpwnam(n).pw_dir) / A / "feedback").glob(f"*/{A}.html")))
        print(f"  {t_sub:6.1f} s  all {args.n} fetched and submitted")
        print(f"release -> feedback fetched by {got}/{args.n} learners: {total:.0f} s")
        print(f"machine: {psutil.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared with other work)")
        return 0 if got == args.n else 1
    finally:
        trial.close()


if __name__ == "__main__":
    raise SystemExit(main())
