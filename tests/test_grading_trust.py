"""Issue 21: grading a teacher can trust. One row per bad input a teacher met, with the outcome
it must have now; the tests named in each row prove it against the real nbgrader pipeline
(a small class on copies of a02-greetings and a06-plural) or, where no kernel is needed, directly.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from qazaq import assignment as qa
from qazaq.grading import pipeline
from qazaq.grading.check import check
from qazaq.grading.cli import main
from qazaq.grading.collect import OTHER
from qazaq.grading.config import DEFAULT_SOURCE
from qazaq.grading.course import GradingError
from qazaq.grading.export import export_grades
from qazaq.grading.outcomes import tampering_cells

A2, A3 = "a02-greetings", "a06-plural"

# case -> (input, expected outcome, tests that prove it)
CASES = {
    1: ("a teacher's answers.json and answers-a06-plural.json (all wrong) in the source folder",
        "learners are graded on their own files (aliya 9/9, outcome ok); the release has no answers file",
        ["test_1_source_answers_never_replace_the_learners"]),
    2: ("the feedback page of learners who answered all, some or nothing",
        "their answers, verdicts, points and hints in their language (en, ru, tr); no test code, keys or Out[…]",
        ["test_2_feedback_shows_answers_never_keys_or_code"]),
    3: ("a02 and a03 opened in one folder; a03 handed in with a02's answers file",
        "one answers file per assignment; the grader reads the file's assignment field: 0 and the outcome says so",
        ["test_3_two_assignments_in_one_folder_keep_their_answers", "test_3_answers_of_another_assignment_are_named"]),
    4: ("a 0-byte notebook and a good answers file",
        "graded from the answers file with the released notebook (9/9); the empty file kept; outcome says so",
        ["test_4_empty_notebook_is_graded_from_its_answers"]),
    5: ("an added cell '# I want to check my spelling…'",
        "not flagged (outcome ok); a cell that redefines grade() still is",
        ["test_5_harmless_added_cell_is_not_tampering"]),
    6: ("nbgrader validate on a learner's copy with 4.8/9 / on the source notebook with no answers file",
        "the learner's copy never passes ('only your teacher's hidden tests can score it'); the source passes",
        ["test_6_validate_is_honest"]),
    7: ("loose chingis__* files plus chingis_resubmit.zip with the same files",
        "everyone is collected; the newest copy is graded, the other kept in other-files/ and named",
        ["test_7_8_collect_names_every_doubtful_file"]),
    8: ("gulnar_a06-plural.ipynb, a zip of arman/ folders, Chingis__ vs chingis__, '… (1).ipynb', a stray notes.txt",
        "each collected for the right learner with a line saying how it was read; the stray file named as set aside",
        ["test_7_8_collect_names_every_doubtful_file", "test_8_other_assignments_files_are_left_alone"]),
    9: ("zere on the roster handed in nothing",
        "a row with 0 and 'nothing handed in' in grades.csv and in the report",
        ["test_9_roster_learners_are_never_missing"]),
    10: ("answers file with a UTF-8 BOM / in UTF-16 / cut off after three answers; a notebook saved with a BOM",
         "9/9, 9/9 and 3/9 (the complete answers count); the notebook re-encoded, the original kept",
         ["test_10_encodings_and_cut_off_files"]),
    11: ("points in grade() ≠ the cell's points; a02's notebook handed in as a03; a key written as a variable",
         "`check` and `autograde` name the cell and the fix; the wrong notebook is set aside and the answers graded; "
         "export carries on for the other assignments with the reason",
         ["test_11_author_mistakes_get_clear_messages", "test_11_wrong_notebook_and_unreadable_keys",
          "test_11_autograde_log_keeps_the_real_cause"]),
    12: ("the report, a pending free-text grade, the demo's report path, long hint lines, a roster CSV",
         "per-learner percent per assignment and their mean; free-text items listed; 'waiting for the teacher'; "
         "the printed report exists; hint lines wrap; `qazaq-grade roster` imports quoted names",
         ["test_12_report_and_teacher_tools", "test_12_demo_report_path_exists"]),
}


def test_every_case_has_its_tests():
    assert sorted(CASES) == list(range(1, 13))
    for case, (_, _, tests) in CASES.items():
        assert all(callable(globals().get(t)) for t in tests), case


# ------------------------------------------------------------------ fast: no kernel

def test_3_two_assignments_in_one_folder_keep_their_answers(tmp_path, capsys):
    a2 = qa.AnswerSheet(A2, folder=tmp_path)
    a2.set("q4", "атым")
    a3 = qa.AnswerSheet(A3, folder=tmp_path)  # opened after a02 in the same folder
    assert a3.answers == {}
    a3.text("q1", "plural of бала")
    assert a3.self_check_report()[0] == "– q1: not answered yet"
    a3.set("q1", "балалар")
    assert qa.load_answers(tmp_path, A2) == {"q4": "атым"}  # a02's answers untouched
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [f"answers-{A2}.json", f"answers-{A3}.json"]
    # an older single answers.json of a02 is not shown as a03's
    shutil.move(tmp_path / f"answers-{A2}.json", tmp_path / "answers.json")
    (tmp_path / f"answers-{A3}.json").unlink()
    assert qa.AnswerSheet(A3, folder=tmp_path).answers == {}
    # the grader honours the file's assignment field
    assert qa.grade("q4", ["атым"], path=tmp_path, assignment=A3) == 0.0
    assert f"answers.json holds the answers of {A2}, not of {A3}" in capsys.readouterr().out


def test_5_harmless_added_cell_is_not_tampering():
    released = nbformat.v4.new_notebook(cells=[])
    def nb(source):
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    assert tampering_cells(nb("# I want to check my spelling of «кітаптар»\nprint('кітаптар')"), released) == 0
    assert tampering_cells(nb("s = 'grade me, qazaq'  # check"), released) == 0
    assert tampering_cells(nb("import qazaq.assignment as qa\nqa.grade = lambda *a, **k: 1.0"), released) == 1
    assert tampering_cells(nb("from qazaq.assignment import grade\ngrade = print"), released) == 1
    assert tampering_cells(nb("exec('gr' + 'ade = 1')"), released) == 1
    assert tampering_cells(nb("grade = (  # unfinished"), released) == 1


def test_10_encodings_and_cut_off_files(tmp_path):
    text = json.dumps({"assignment": A3, "answers": {"q1": "балалар", "q2": "мектептер"}}, ensure_ascii=False)
    for name, data in {"bom.json": b"\xef\xbb\xbf" + text.encode(), "u16.json": text.encode("utf-16")}.items():
        (tmp_path / name).write_bytes(data)
        assert qa.read_answers(tmp_path / name).answers == {"q1": "балалар", "q2": "мектептер"}, name
    (tmp_path / "cut.json").write_text(text[:text.index("мектеп") + 3], "utf-8")
    cut = qa.read_answers(tmp_path / "cut.json")
    assert cut.answers == {"q1": "балалар"} and "cut off" in cut.note
    (tmp_path / "bad.json").write_text("{oops", "utf-8")
    with pytest.raises(qa.AnswersUnreadable, match="not valid JSON"):
        qa.read_answers(tmp_path / "bad.json")


def test_8_other_assignments_files_are_left_alone(tmp_path):
    from qazaq.grading.collect import collect

    down = tmp_path / "down"
    down.mkdir()
    (down / "aigerim__a01-alphabet.ipynb").write_text("{}", "utf-8")  # a01's downloads in the same folder
    (down / "bota__a06-plural.ipynb").write_bytes((DEFAULT_SOURCE / A3 / f"{A3}.ipynb").read_bytes())
    (down / "bota__notes.txt").write_text("my notes", "utf-8")
    got = collect(down, tmp_path / "submitted", A3, DEFAULT_SOURCE / A3 / f"{A3}.ipynb", roster=["bota"])
    assert got.new == ["bota"]
    assert got.notes == [
        "aigerim__a01-alphabet.ipynb: set aside: not a file of a06-plural (left where it is)",
        "bota__notes.txt: not graded, not a file of a06-plural: kept in bota/a06-plural/other-files/notes.txt",
        "bota: no answers file (answers-a06-plural.json) among their files: their autograded items will score 0",
    ]
    assert (tmp_path / "submitted" / "bota" / A3 / OTHER / "notes.txt").read_text("utf-8") == "my notes"
    assert not (tmp_path / "submitted" / "aigerim").exists()


def _source_copy(tmp_path: Path, *assignments: str) -> Path:
    src = tmp_path / "source"
    for a in assignments:
        shutil.copytree(DEFAULT_SOURCE / a, src / a)
    return src


def _edit_test_cell(nb_path: Path, grade_id: str, old: str, new: str, points: float | None = None) -> None:
    nb = nbformat.read(str(nb_path), as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    assert old in cell.source
    cell.source = cell.source.replace(old, new)
    if points is not None:
        cell.metadata["nbgrader"]["points"] = points
    nbformat.write(nb, str(nb_path))


def test_11_author_mistakes_get_clear_messages(tmp_path):
    src = _source_copy(tmp_path, A3)
    nb = src / A3 / f"{A3}.ipynb"
    assert check(src, A3).ok
    _edit_test_cell(nb, "q2-test", "grade('q2', ['мектептер'], points=1)", "grade('q2', ['мектептер'], points=2)")
    _edit_test_cell(nb, "q3-test", "grade('q3'", "grade('q1'")
    _edit_test_cell(nb, "q7-test", "['-дер']", "['-ден']")
    _edit_test_cell(nb, "q4-test", "['кітаптар']", "[{'text': 'кітаптер', 'lemma': 'кітап', 'tags': 'N;PL'}]")
    problems = check(src, A3).problems
    assert problems == [
        "item id 'q1' is graded 2 times",
        "q2: grade(…, points=2) but the test cell q2-test is worth 1 point(s) in nbgrader: make them equal",
        "q4: key «кітаптер» but the engine derives «кітаптар» from кітап N;PL",
        "q7: key «-ден» is not one of the choices ['-лар', '-лер', '-дар', '-дер', '-тар', '-тер']",
    ], problems
    _edit_test_cell(nb, "q5-test", "['қаламдар']", "[KEY]")
    report = check(src, A3)
    assert report.problems == ["test cell q5-test: every argument of grade() must be written out literally, "
                               "e.g. grade('q1', ['балалар'], points=1); found [KEY]"]


def test_11_autograde_log_keeps_the_real_cause(tmp_path, monkeypatch):
    from qazaq.grading import autograde as ag

    cause = "ValueError: partial credit cannot be greater than maximum points for cell q2-test"
    log = (f"[AutogradeApp | ERROR] There was an error processing assignment: {tmp_path}\nTraceback …\n{cause}\n")

    class Failing:
        def autograde(self, *args, **kwargs):
            return {"success": False, "log": log, "error": "see above"}

    monkeypatch.setattr(ag, "_API", Failing())
    monkeypatch.setattr(ag, "_LOG", str(tmp_path / ".autograde.log"))
    result = ag._grade_one((A3, "aliya", False))
    assert not result.ok
    assert cause in (tmp_path / ".autograde.log").read_text("utf-8")


# ------------------------------------------------------------------ the class, through real nbgrader

ALL3 = {"q1": "балалар", "q2": "мектептер", "q3": "үйлер", "q4": "кітаптар", "q5": "қаламдар",
        "q6": "дәптерлер", "q7": "-дер", "q8": "-лар", "q9": "-тар"}
WRONG3 = {k: "балалар" for k in ALL3}  # the teacher's own try in the source folder


def _answers(answers: dict, assignment: str = A3, lang: str | None = None) -> str:
    data = {"assignment": assignment, "answers": answers} | ({"lang": lang} if lang else {})
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    from qazaq.grading.simulate import make_course

    root = tmp_path_factory.mktemp("trust")
    src = _source_copy(root, A2, A3)
    (src / A3 / "answers.json").write_text(_answers(WRONG3), "utf-8")
    (src / A3 / f"answers-{A3}.json").write_text(_answers(WRONG3), "utf-8")
    course = make_course(root / "course", source=src, cell_timeout=15)
    roster = root / "roster.csv"
    roster.write_text('id,first_name,last_name,email\naliya,Әлия,"Құнанбайұлы, Абай",\nzere,Зере,Ахметова,\n'
                      "chingis,Шыңғыс,Ибраев,\n", "utf-8")
    assert main(["--course", str(course.root), "roster", str(roster)]) == 0
    for a in (A2, A3):
        assert main(["--course", str(course.root), "release", a]) == 0
    release = course.path("release", A3, f"{A3}.ipynb")
    nb = release.read_bytes()
    down = root / "down"
    down.mkdir()

    def put(name, data, age=0.0):
        path = down / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        os.utime(path, (time.time() - age, time.time() - age))

    put("aliya__a06-plural.ipynb", nb)
    put("aliya__answers-a06-plural.json", _answers(ALL3))
    put("madi__a06-plural.ipynb", nb)  # no answers file at all
    half = {k: (v if i < 5 else "x") for i, (k, v) in enumerate(ALL3.items())}
    put("chingis__a06-plural.ipynb", nb, age=3600)
    put("chingis__answers-a06-plural.json", _answers(half), age=3600)
    with zipfile.ZipFile(down / "chingis_resubmit.zip", "w") as z:
        z.writestr("Chingis__a06-plural.ipynb", nb)
        z.writestr("Chingis__answers-a06-plural.json", _answers(ALL3))
    put("gulnar_a06-plural.ipynb", nb)
    put("gulnar_answers-a06-plural.json", _answers(ALL3))
    with zipfile.ZipFile(down / "class.zip", "w") as z:
        z.writestr("arman/a06-plural.ipynb", nb)
        z.writestr("arman/answers-a06-plural.json", _answers(ALL3))
    put("dana__a06-plural (1).ipynb", nb)
    put("dana__answers-a06-plural (1).json", _answers(ALL3 | {"q2": "мектептар"}))  # a harmony slip: 0.25
    put("bolat__a06-plural.ipynb", b"")
    put("bolat__answers-a06-plural.json", _answers(ALL3))
    put("erlan__a06-plural.ipynb", b"\xef\xbb\xbf" + nb)
    put("erlan__answers-a06-plural.json", b"\xef\xbb\xbf" + _answers(ALL3, lang="ru").encode())
    put("farida__a06-plural.ipynb", nb)
    put("farida__answers-a06-plural.json", _answers(ALL3, lang="tr").encode("utf-16"))
    full = _answers(ALL3)
    put("galym__a06-plural.ipynb", nb)
    put("galym__answers-a06-plural.json", full[:full.index("кітаптар") + 2])  # cut inside q4
    put("hasan__a06-plural.ipynb", nb)
    put("hasan__answers.json", _answers({"q4": "атым"}, assignment=A2))
    mine = nbformat.reads(nb.decode(), as_version=4)
    mine.cells.append(nbformat.v4.new_code_cell("# I want to check my spelling of «кітаптар»\nprint('кітаптар')"))
    put("ilyas__a06-plural.ipynb", nbformat.writes(mine))
    put("ilyas__answers-a06-plural.json", _answers(ALL3))
    put("kairat__a06-plural.ipynb", course.path("release", A2, f"{A2}.ipynb").read_bytes())
    put("kairat__answers-a06-plural.json", _answers(ALL3))
    put("notes.txt", "my notes")
    got = pipeline.collect(course, A3, down)
    results, _ = pipeline.autograde(course, A3, workers=2, progress=False)
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    a2 = root / "down2"
    a2.mkdir()
    (a2 / f"aliya__{A2}.ipynb").write_text(nbformat.writes(_essay(course)), "utf-8")
    (a2 / f"aliya__answers-{A2}.json").write_text(_answers({"q1": "Сәлеметсіз бе"}, assignment=A2), "utf-8")
    pipeline.collect(course, A2, a2)
    pipeline.autograde(course, A2, workers=1, progress=False)
    for a in (A2, A3):
        pipeline.feedback(course, a)
    frame, csv = export_grades(course)
    return course, got, pd.read_csv(csv)


def _essay(course):
    nb = nbformat.read(str(course.path("release", A2, f"{A2}.ipynb")), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "Менің атым Әлия. Мен Германиядан келдім. Мен Берлинде тұрамын."
    return nb


def _row(grades, student, assignment=A3):
    rows = grades[(grades.student_id == student) & (grades.assignment == assignment)]
    assert len(rows) == 1, (student, len(rows))
    return rows.iloc[0]


def _feedback(course, student, assignment=A3) -> str:
    return course.path("feedback", student, assignment, f"{assignment}.html").read_text("utf-8")


@pytest.mark.nbgrader
@pytest.mark.slow
def test_1_source_answers_never_replace_the_learners(klass):
    course, _, grades = klass
    aliya = _row(grades, "aliya")
    assert (aliya.score, aliya.outcome) == (9.0, "ok")
    assert "kernel scores replaced" not in " ".join(grades.outcome)
    assert _row(grades, "madi").score == 0.0
    assert "you wrote" not in _feedback(course, "madi")  # not the teacher's answers
    assert not list(course.path("release", A3).glob("answers*.json"))


@pytest.mark.nbgrader
@pytest.mark.slow
def test_2_feedback_shows_answers_never_keys_or_code(klass):
    course, _, _ = klass
    madi, aliya, dana = (_feedback(course, s) for s in ("madi", "aliya", "dana"))
    for page in (madi, aliya, dana, _feedback(course, "erlan"), _feedback(course, "aliya", A2)):
        for leak in ("BEGIN HIDDEN", "grade(", "graded(", "Out[", "AnswerSheet", "most recent call last"):
            assert leak not in page, leak
    for key in ("мектептер", "кітаптар", "қаламдар", "дәптерлер"):
        assert key not in madi  # a learner who answered nothing sees no key
    assert "✔ q1: correct — 1/1; you wrote «балалар»" in aliya and "Answer: <b>балалар</b>" in aliya
    assert "✘ q2: wrong — 0.25/1; you wrote «мектептар»" in dana
    assert "hint:" in dana and "white-space: pre-wrap" in dana  # long hint lines wrap
    assert f"– q1: 0/1 — no answers file (answers-{A3}.json) was handed in with the notebook" in madi
    assert "✔ q1: верно — 1/1; ваш ответ: «балалар»" in _feedback(course, "erlan")
    assert "✔ q1: doğru — 1/1; cevabınız: «балалар»" in _feedback(course, "farida")
    assert "Менің атым Әлия" in _feedback(course, "aliya", A2)  # the free-text answer


@pytest.mark.nbgrader
@pytest.mark.slow
def test_3_answers_of_another_assignment_are_named(klass):
    _, _, grades = klass
    hasan = _row(grades, "hasan")
    assert hasan.score == 0.0
    assert f"answers.json holds the answers of {A2}, not of {A3}" in hasan.outcome


@pytest.mark.nbgrader
@pytest.mark.slow
def test_4_empty_notebook_is_graded_from_its_answers(klass, tmp_path):
    course, got, grades = klass
    bolat = _row(grades, "bolat")
    assert bolat.score == 9.0 and "was empty (0 bytes)" in bolat.outcome
    assert course.path("submitted", "bolat", A3, OTHER, f"{A3}.ipynb.original").read_bytes() == b""
    assert main(["--course", str(course.root), "report", "-o", str(tmp_path)]) == 0
    items = pd.read_csv(tmp_path / "items.csv").set_index(["assignment", "item"])
    assert items.loc[(A3, "q1"), "correct"] == 11  # every learner with q1 right, bolat included


@pytest.mark.nbgrader
@pytest.mark.slow
def test_5_harmless_added_cell_is_not_tampering_in_the_class(klass):
    _, _, grades = klass
    ilyas = _row(grades, "ilyas")
    assert (ilyas.score, ilyas.outcome) == (9.0, "ok")


@pytest.mark.nbgrader
@pytest.mark.slow
def test_6_validate_is_honest(klass, tmp_path):
    from nbgrader.validator import Validator

    course, _, _ = klass
    learner = tmp_path / "learner"
    learner.mkdir()
    shutil.copy(course.path("release", A3, f"{A3}.ipynb"), learner)
    (learner / f"answers-{A3}.json").write_text(_answers(ALL3), "utf-8")  # even full marks: Validate cannot know
    results = Validator().validate(str(learner / f"{A3}.ipynb"))
    assert "passed" not in results and len(results["failed"]) == 9
    assert "q1: answered and saved. Only your teacher's hidden tests can score it" in results["failed"][0]["raw_error"]
    source = tmp_path / "source"
    shutil.copytree(DEFAULT_SOURCE / A3, source)  # no answers file beside it
    assert Validator().validate(str(source / f"{A3}.ipynb")) == {}
    from traitlets.config.loader import PyFileConfigLoader  # the course's banner says why, too

    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    assert "In a learner's copy this always happens" in cfg.Validator.failed_warning


@pytest.mark.nbgrader
@pytest.mark.slow
def test_7_8_collect_names_every_doubtful_file(klass):
    course, got, grades = klass
    assert got.new == sorted(["aliya", "arman", "bolat", "chingis", "dana", "erlan", "farida", "galym", "gulnar",
                              "hasan", "ilyas", "kairat", "madi"])
    notes = "\n".join(got.notes)
    assert "notes.txt: set aside: no learner id in the name (expected <student_id>__<file>)" in notes
    assert ("chingis_resubmit.zip:Chingis__a06-plural.ipynb: collected as chingis/a06-plural.ipynb "
            "(learner id 'Chingis' taken as 'chingis')") in notes
    assert "chingis_resubmit.zip:Chingis__answers-a06-plural.json: 2 copies of chingis/answers-a06-plural.json: " \
           "graded this one (the newest)" in notes
    assert "gulnar_a06-plural.ipynb: collected as gulnar/a06-plural.ipynb (one separator instead of two " \
           "underscores: read as learner 'gulnar'" in notes
    assert "class.zip:arman/a06-plural.ipynb: collected as arman/a06-plural.ipynb (read as learner 'arman' " \
           "from the folder name" in notes
    assert "dana__a06-plural (1).ipynb: collected as dana/a06-plural.ipynb (a browser's extra copy" in notes
    assert _row(grades, "chingis").score == 9.0  # the newer, complete resubmission
    assert len(list(course.path("submitted", "chingis", A3, OTHER).iterdir())) == 2  # the older copies kept
    for s in ("gulnar", "arman"):
        assert _row(grades, s).score == 9.0
    assert _row(grades, "dana").score == 8.25


@pytest.mark.nbgrader
@pytest.mark.slow
def test_9_roster_learners_are_never_missing(klass, tmp_path):
    course, _, grades = klass
    zere = _row(grades, "zere")
    assert (zere.score, zere.max_score, zere.outcome) == (0.0, 9.0, "nothing handed in")
    assert len(grades) == 2 * 14  # 14 learners (13 handed in a03, plus zere) × 2 assignments
    assert main(["--course", str(course.root), "report", "-o", str(tmp_path)]) == 0
    students = pd.read_csv(tmp_path / "students.csv").set_index("student_id")
    assert students.loc["zere", f"{A3} (%)"] == 0.0


@pytest.mark.nbgrader
@pytest.mark.slow
def test_10_encodings_and_cut_off_files_in_the_class(klass):
    course, got, grades = klass
    assert _row(grades, "erlan").score == 9.0 and _row(grades, "farida").score == 9.0
    galym = _row(grades, "galym")
    assert galym.score == 3.0 and "cut off; its 3 complete answer(s) were read" in galym.outcome
    assert "erlan: notebook saved as UTF-8 with a BOM: re-encoded as UTF-8" in "\n".join(got.notes)
    assert course.path("submitted", "erlan", A3, OTHER, f"{A3}.ipynb.original").read_bytes()[:3] == b"\xef\xbb\xbf"


@pytest.mark.nbgrader
@pytest.mark.slow
def test_11_wrong_notebook_and_unreadable_keys(klass, tmp_path):
    course, got, grades = klass
    kairat = _row(grades, "kairat")
    assert kairat.score == 9.0 and "another assignment's notebook" in kairat.outcome
    nb = course.source / A3 / f"{A3}.ipynb"
    original = nb.read_bytes()
    try:
        _edit_test_cell(nb, "q2-test", "['мектептер']", "[KEY]")
        with pytest.raises(GradingError, match="q2-test: every argument of grade\\(\\) must be written out literally"):
            pipeline.autograde(course, A3, workers=1, force=True, progress=False)
        frame, _ = export_grades(course)  # the rest of the course is still exported
        assert _row(frame, "aliya", A2).outcome.startswith("free-text answer waiting")
        assert "answer keys of a06-plural cannot be read" in _row(frame, "aliya").outcome
        assert main(["--course", str(course.root), "report", "-o", str(tmp_path)]) == 0
    finally:
        nb.write_bytes(original)


@pytest.mark.nbgrader
@pytest.mark.slow
def test_12_report_and_teacher_tools(klass, tmp_path):
    course, _, grades = klass
    aliya2 = _row(grades, "aliya", A2)
    assert aliya2.needs_manual_grade and aliya2.outcome == "free-text answer waiting for the teacher's grade (formgrader)"
    assert _row(grades, "aliya").last_name == "Құнанбайұлы, Абай"  # from the roster, comma and all
    assert main(["--course", str(course.root), "report", "-o", str(tmp_path)]) == 0
    students = pd.read_csv(tmp_path / "students.csv").set_index("student_id")
    assert list(students.columns) == ["last_name", "first_name", f"{A2} (%)", f"{A3} (%)", "mean_percent",
                                      "pending_free_text"]
    a2_pct = round(100 * 1 / 10, 1)  # q1 right of 6 autograded points, essay (4) pending: 1/10
    assert students.loc["aliya", "mean_percent"] == pytest.approx((a2_pct + 100.0) / 2, abs=0.06)
    items = pd.read_csv(tmp_path / "items.csv").set_index(["assignment", "item"])
    assert items.loc[(A2, "essay"), "pending"] == 1 and pd.isna(items.loc[(A2, "essay"), "difficulty"])
    per_learner = (tmp_path / "report.html").read_text("utf-8").split("Per learner")[1].split("Submissions")[0]
    assert f"<th>{A3} (%)</th>" in per_learner and "<th>assignment</th>" not in per_learner


def test_12_demo_report_path_exists(monkeypatch, capsys, tmp_path):
    from qazaq.grading import demo

    real = demo.tempfile.mkdtemp

    def mkdtemp(*args, prefix=None, **kw):  # the demo's two folders, findable; any other as usual
        if not (prefix or "").startswith("qazaq-grade"):
            return real(*args, prefix=prefix, **kw)
        (tmp_path / prefix).mkdir()
        return str(tmp_path / prefix)

    monkeypatch.setattr(demo, "build_class", lambda course, **kw: None)  # the path logic, not the class
    monkeypatch.setattr(demo.tempfile, "mkdtemp", mkdtemp)
    assert demo.run(workers=1) == 0
    assert not (tmp_path / "qazaq-grade-demo-").exists()  # the throwaway course is gone
    printed = capsys.readouterr().out.splitlines()
    report = next(l for l in printed if l.startswith("report: "))[len("report: "):]
    assert Path(report).is_file() and printed[-1].startswith("grades: ") and Path(printed[-1][8:]).is_file()
