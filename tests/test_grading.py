"""Issue 10: assignments, answer entry, grading helpers, the qazaq-grade pipeline, PostgreSQL."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from qazaq import assignment as qa
from qazaq.grading import pipeline
from qazaq.grading.cli import main
from qazaq.grading.export import export_grades
from qazaq.grading.config import DEFAULT_SOURCE
from qazaq.grading.keys import keys, source_notebook
from qazaq.grading.simulate import CLASS, Learner, make_course, write_download

# Level tests (level-a1, level-a2) have per-learner keys, made from the seed at grading time:
# tests/test_level_test.py and tests/test_certificates.py check them.
ASSIGNMENTS = sorted(p.name for p in DEFAULT_SOURCE.iterdir() if p.is_dir() and not p.name.startswith("level-"))


# ------------------------------------------------------------------ content

def test_eight_assignments_with_hidden_tests_and_a_rubric():
    assert len(ASSIGNMENTS) >= 8
    essays = 0
    for a in ASSIGNMENTS:
        nb = nbformat.read(str(source_notebook(DEFAULT_SOURCE, a)), as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{a} has outputs"
        assert len(keys(source_notebook(DEFAULT_SOURCE, a))) >= 6
        manual = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "markdown"]
        essays += len(manual)
        for i, c in enumerate(nb.cells):
            if c in manual:
                assert "**Rubric**" in nb.cells[i - 1].source
    assert essays >= 3


# (assignment, item) -> (lemma, tags): every inflected key agrees with the morphology engine
FORMS = {
    ("a06-plural", "q1"): ("бала", "N;PL"), ("a06-plural", "q2"): ("мектеп", "N;PL"),
    ("a06-plural", "q3"): ("үй", "N;PL"), ("a06-plural", "q4"): ("кітап", "N;PL"),
    ("a06-plural", "q5"): ("қалам", "N;PL"), ("a06-plural", "q6"): ("дәптер", "N;PL"),
    ("a03-to-be", "q1"): ("студент", "N;PRED;1;SG"), ("a03-to-be", "q2"): ("бала", "N;PRED;1;SG"),
    ("a03-to-be", "q3"): ("мұғалім", "N;PRED;2;SG"), ("a03-to-be", "q4"): ("дәрігер", "N;PRED;2;SG;LSSPEC2"),
    ("a03-to-be", "q5"): ("қазақ", "N;PRED;1;PL"),
    ("a07-family", "q1"): ("әке", "N;PSS1S"), ("a07-family", "q2"): ("ана", "N;PSS2S"),
    ("a07-family", "q3"): ("аға", "N;PSS1S"), ("a07-family", "q4"): ("әпке", "N;PSS3S"),
    ("a07-family", "q5"): ("кітап", "N;PSS1S"), ("a07-family", "q6"): ("үй", "N;PSS2S;LSSPEC2"),
    ("a07-family", "q7"): ("қала", "N;PSS1P"), ("a07-family", "q8"): ("қыз", "N;PSS1S"),
    ("a05-place", "q1"): ("қала", "N;DAT"), ("a05-place", "q2"): ("қала", "N;LOC"),
    ("a05-place", "q3"): ("қала", "N;ABL"), ("a05-place", "q4"): ("мектеп", "N;DAT"),
    ("a05-place", "q5"): ("мектеп", "N;LOC"), ("a05-place", "q6"): ("мектеп", "N;ABL"),
    ("a05-place", "q7"): ("үй", "N;LOC"), ("a05-place", "q8"): ("Алматы", "N;ABL"),
    ("a05-place", "q9"): ("Қазақстан", "N;ABL"), ("a05-place", "q10"): ("ауыл", "N;ABL"),
}
SCRIPT = {("a01-alphabet", "q7"): ("қала", "latn"), ("a01-alphabet", "q8"): ("dala", "cyrl"),
          ("a08-abai-winter", "q7"): ("ақ қырау", "latn")}


def _key(a, item):
    return next(k for k in keys(source_notebook(DEFAULT_SOURCE, a)) if k.item == item)


@pytest.mark.parametrize("where", sorted(FORMS))
def test_inflected_keys_agree_with_the_engine(where):
    inflect = pytest.importorskip("qazaq.morphology").inflect
    assert _key(*where).accepted[0] == inflect(*FORMS[where])


@pytest.mark.parametrize("where", sorted(SCRIPT))
def test_script_keys_agree_with_the_converter(where):
    convert = pytest.importorskip("qazaq.script").convert
    assert _key(*where).accepted[0] == convert(*SCRIPT[where])


def test_plural_suffix_choices_agree_with_the_engine():
    inflect = pytest.importorskip("qazaq.morphology").inflect
    for item, lemma in {"q7": "гүл", "q8": "қала", "q9": "ат"}.items():
        assert inflect(lemma, "N;PL") == lemma + _key("a06-plural", item).accepted[0].lstrip("-")


# ------------------------------------------------------------------ answers file and grade()

def test_answers_survive_a_new_sheet(tmp_path):
    sheet = qa.AnswerSheet("a01-alphabet", folder=tmp_path)
    sheet.text("q8", "Write «dala» in Cyrillic.")
    sheet.set("q8", "дала")
    again = qa.AnswerSheet("a01-alphabet", folder=tmp_path)  # a restarted kernel
    assert again.answers == {"q8": "дала"}
    widget = again.text("q8", "Write «dala» in Cyrillic.")
    assert widget.children[1].value == "дала"
    assert json.loads((tmp_path / "answers-a01-alphabet.json").read_text("utf-8"))["assignment"] == "a01-alphabet"


def test_widget_change_is_saved_at_once(tmp_path):
    sheet = qa.AnswerSheet("a01", folder=tmp_path)
    sheet.choice("q1", "Which letter?", ["о", "ө"]).children[1].value = "ө"
    assert qa.load_answers(tmp_path, "a01") == {"q1": "ө"}


def test_self_check_names_missing_answers_and_wrong_script(tmp_path):
    sheet = qa.AnswerSheet("a01", folder=tmp_path)
    sheet.text("q1", "Cyrillic please")
    sheet.text("q2", "another")
    sheet.set("q1", "dala")
    report = sheet.self_check_report()
    assert report[0] == "✔ q1: answered — but it contains Latin letters; this answer is written in Cyrillic"
    assert report[1] == "– q2: not answered yet"
    assert report[2].startswith("1 of 2 answered; saved in ")


def test_grade_partial_credit_and_feedback(tmp_path, capsys):
    path = qa.save_answers({"q1": "кітапқа", "q2": "китапка"}, "t", tmp_path / "answers-t.json")
    assert qa.grade("q1", ["кітапқа"], 2, path=path) == 2.0
    almost = qa.grade("q2", ["кітапқа"], 2, path=path)
    assert 0 < almost < 2
    assert qa.grade("q3", ["кітапқа"], 2, path=path) == 0.0
    out = capsys.readouterr()
    assert out.err == ""  # nbgrader scores a cell with stderr output as 0
    assert "✔ q1: correct — 2/2" in out.out
    assert "≈ q2: almost" in out.out and "expected" not in out.out  # the feedback never states the key
    assert "– q3: no answer — 0/2" in out.out


def test_grade_explains_a_broken_or_missing_file(tmp_path, capsys):
    assert qa.grade("q1", "а", path=tmp_path, assignment="t") == 0.0
    (tmp_path / "answers-t.json").write_text("{oops", "utf-8")
    assert qa.grade("q1", "а", path=tmp_path, assignment="t") == 0.0
    out = capsys.readouterr().out
    assert "no answers file (answers-t.json) was handed in" in out
    assert "could not be read: answers-t.json is not valid JSON" in out


def test_exact_items_give_no_partial_credit(tmp_path):
    qa.save_answers({"q6": "к"}, "t", tmp_path / "answers-t.json")
    assert qa.grade("q6", ["қ"], exact=True, path=tmp_path, assignment="t") == 0.0


# ------------------------------------------------------------------ the whole pipeline

WAITING = "free-text answer waiting for the teacher's grade"
EXPECTED = {  # (assignment, learner) -> exact score; the outcome must mention the phrase
    ("a01-alphabet", "aigerim"): (8.0, "ok"), ("a01-alphabet", "abai"): (8.0, "ok"),
    ("a01-alphabet", "dana"): (4.0, "ok"), ("a01-alphabet", "erlan"): (8.0, "ok"),
    ("a01-alphabet", "madina"): (0.0, "no answers file (answers-a01-alphabet.json) handed in"),
    ("a01-alphabet", "nurlan"): (0.0, "touching the checking functions"),
    ("a01-alphabet", "saule"): (8.0, "edited locked cell(s) q1-ask"),
    ("a01-alphabet", "timur"): (4.0, "time limit"),
    ("a01-alphabet", "zhanar"): (1.0, "cut off; its 1 complete answer(s) were read"),
    ("a01-alphabet", "arman"): (8.0, "ok"),
    ("a01-alphabet", "gulnara"): (4.0, "ok"), ("a01-alphabet", "bolat"): (8.0, "ok"),
    # a08: 7 autograded points + 5 for the translation (manual, pending); almost = 3 + .8 + .8 + .7 + 1
    ("a08-abai-winter", "aigerim"): (7.0, WAITING), ("a08-abai-winter", "abai"): (6.3, WAITING),
    ("a08-abai-winter", "dana"): (3.0, WAITING), ("a08-abai-winter", "erlan"): (7.0, WAITING),
    ("a08-abai-winter", "madina"): (3.0, WAITING), ("a08-abai-winter", "nurlan"): (7.0, WAITING),
    ("a08-abai-winter", "saule"): (3.0, WAITING), ("a08-abai-winter", "timur"): (7.0, WAITING),
    ("a08-abai-winter", "zhanar"): (6.3, WAITING), ("a08-abai-winter", "arman"): (0.0, "no answers file"),
    ("a08-abai-winter", "gulnara"): (0.0, "cut off"),
    ("a08-abai-winter", "bolat"): (0.0, "touching the checking functions"),
}


@pytest.fixture(scope="module")
def demo_course(tmp_path_factory):
    from qazaq.grading.demo import build_class

    course = make_course(tmp_path_factory.mktemp("class"), cell_timeout=15)  # loose: CI machines are busy
    build_class(course, workers=3, progress=False)
    return course


@pytest.mark.nbgrader
@pytest.mark.slow
def test_class_scores_and_outcomes_are_exact(demo_course):
    frame, csv = export_grades(demo_course)
    back = pd.read_csv(csv)
    assert len(back) == 24 and back.groupby(["assignment", "student_id"]).size().max() == 1
    got = {(r.assignment, r.student_id): (r.score, r.outcome) for r in back.itertuples()}
    for where, (score, phrase) in EXPECTED.items():
        assert got[where][0] == score, where
        assert phrase in got[where][1], (where, got[where][1])
    abai = back[back.student_id == "abai"].iloc[0]
    assert abai.last_name == "Құнанбайұлы, Абай" and abai.first_name == "Абай"
    a08 = back[back.assignment == "a08-abai-winter"].set_index("student_id")
    assert a08.needs_manual_grade.to_dict() == {  # the translation waits for the teacher
        s.id: s.kinds["a08-abai-winter"] in ("correct", "half", "almost") for s in CLASS}


@pytest.mark.nbgrader
@pytest.mark.slow
def test_report_tables_and_charts(demo_course, tmp_path, capsys):
    assert main(["--course", str(demo_course.root), "report", "-o", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed[-1].startswith("grades: ") and any("Құнанбайұлы, Абай" in line for line in printed)
    items = pd.read_csv(tmp_path / "items.csv").set_index(["assignment", "item"])
    q8 = items.loc[("a01-alphabet", "q8")]
    # q8 is in the second half: wrong («x») for dana, gulnara, timur, nurlan (tamper)
    assert (q8.correct, q8.wrong, q8.missing, q8.difficulty) == (6, 4, 2, 0.5)
    assert q8.common_wrong_answers == "«x» ×4"
    assert items.loc[("a08-abai-winter", "q5")].almost == 2
    students = pd.read_csv(tmp_path / "students.csv").set_index("student_id")
    # percent per assignment (8/8, 7/12) and their mean: raw points of 8- and 12-point assignments do not add
    assert (students.loc["aigerim", "a01-alphabet (%)"], students.loc["aigerim", "a08-abai-winter (%)"]) == (100.0, 58.3)
    assert students.loc["aigerim", "mean_percent"] == pytest.approx(79.15, abs=0.06)
    for name in ("scores.png", "difficulty.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    assert "Per item" in (tmp_path / "report.html").read_text("utf-8")


@pytest.mark.nbgrader
@pytest.mark.slow
def test_nothing_is_overwritten(demo_course, tmp_path, capsys):
    a = "a01-alphabet"
    before = demo_course.path("submitted", "aigerim", a, "answers-a01-alphabet.json").read_bytes()
    release_nb = pipeline.release_notebook(demo_course, a)
    write_download(tmp_path, "aigerim", release_nb, pipeline.assignment_keys(demo_course, a), "untouched")
    write_download(tmp_path, "newcomer", release_nb, pipeline.assignment_keys(demo_course, a), "correct")
    got = pipeline.collect(demo_course, a, tmp_path)
    assert (got.new, got.kept) == (["newcomer"], ["aigerim"])
    assert demo_course.path("submitted", "aigerim", a, "answers-a01-alphabet.json").read_bytes() == before
    todo, done = pipeline.ag.pending(demo_course, a, demo_course.students(a), force=False)
    assert todo == ["newcomer"] and "aigerim" in done
    assert main(["--course", str(demo_course.root), "release", a]) == 1
    assert "already released" in capsys.readouterr().err


def test_bad_course_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["--course", str(tmp_path), "export"]) == 1
    assert "is not a course folder" in capsys.readouterr().err


# ------------------------------------------------------------------ PostgreSQL

def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else (Path(shutil.which("initdb")).parent if shutil.which("initdb") else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def postgres():
    """A throwaway PostgreSQL server on a free port, removed afterwards."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql); .ci/run installs it")
    data = Path(tempfile.mkdtemp(prefix="qazaq-pg-"))  # directly in /tmp: pytest's tmp is root-only
    as_user = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*cmd):
        proc = subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, f"{cmd[0]} failed: {proc.stderr[-1000:]}"

    try:
        run(str(bindir / "initdb"), "-D", str(data / "db"), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        run(str(bindir / "pg_ctl"), "-D", str(data / "db"), "-l", str(data / "log"), "-w", "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start")
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "qazaq")
        yield f"postgresql://postgres@127.0.0.1:{port}/qazaq"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "fast", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(data, ignore_errors=True)


@pytest.mark.nbgrader
@pytest.mark.slow
def test_pipeline_on_postgresql(postgres, tmp_path):
    from qazaq.grading.demo import build_class

    course = make_course(tmp_path / "course", db_url=postgres)
    learners = [Learner("aigerim", "Айгерім", "Сәрсенова", {"a01-alphabet": "correct"}),
                Learner("abai", "Абай", "Құнанбайұлы, Абай", {"a01-alphabet": "half"}),
                Learner("zhanar", "Жанар", "Json", {"a01-alphabet": "badjson"})]
    build_class(course, learners, workers=3, progress=False)
    frame, csv = export_grades(course)
    assert not (course.root / "gradebook.db").exists()  # everything went to PostgreSQL
    back = pd.read_csv(csv).set_index("student_id")
    assert back.score.to_dict() == {"abai": 4.0, "aigerim": 8.0, "zhanar": 1.0}  # zhanar's file is cut off after q1
    assert back.loc["abai", "last_name"] == "Құнанбайұлы, Абай"
