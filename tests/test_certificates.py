"""Issue 18: the A1 level test through real nbgrader, then `qazaq-grade certificates` and `verify`."""
from __future__ import annotations

import json
import subprocess
from datetime import date

import nbformat
import pytest

from qazaq.grading import pipeline
from qazaq.grading.cli import main
from qazaq.grading.simulate import make_course
from qazaq.level_test import BLOCKS, generate

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
A1 = "level-a1"


def answers(seed: int, right: dict[str, int], skip: str = "") -> dict[str, str]:
    """The learner's answers.json content: the first right[block] items right, the rest wrong."""
    test = generate("A1", seed)
    out = {"seed": str(seed), "version": test.version}
    for block in BLOCKS:
        if block == skip:
            continue
        for n, item in enumerate(test.block(block)):
            good = n < right.get(block, len(test.block(block)))
            out[item.id] = item.key if good else (next(c for c in item.choices if c != item.key)
                                                  if item.choices else "жоқ")
    return out


# student: (first name, last name or None = not in the roster, right answers per block, block skipped, essay points)
LEARNERS = {
    "aigerim": ("Айгерім", "Сәрсенова", {}, "", 5),                                  # everything right
    "abai": ('Абай "Ибраһим"', "Құнанбайұлы, Абай", {"listening": 6, "lexis": 6, "reading": 6}, "", 1),  # 60% everywhere
    "dana": ("Dana", "O'Brien", {"listening": 4}, "", 5),                             # fails listening
    "nurlan": ("نۇرلان", "", {}, "", 4),                                               # a name in Arabic script
    "ghost": (None, None, {}, "", 5),                                                  # not in the roster
    "erlan": ("Ерлан", "Omarov", {}, "reading", 5),                                    # did not take reading
    "saule": ("Сәуле", "Lock", {}, "", None),                                          # free text not graded yet
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    course = make_course(root, cell_timeout=60)
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
        fh.write("c.QazaqCourse.title = 'Қазақ тілі онлайн, A1–A2'\n"
                 "c.QazaqCourse.organisation = 'Foundation «Qazaq Tili»'\n")
    pipeline.release(course, A1)
    released = pipeline.release_notebook(course, A1)
    with course.gradebook() as gb:
        for student, (first, last, *_rest) in LEARNERS.items():
            if first is not None:
                gb.update_or_create_student(student, first_name=first, last_name=last)
    for n, (student, (_f, _l, right, skip, _e)) in enumerate(LEARNERS.items()):
        folder = course.path("submitted", student, A1)
        folder.mkdir(parents=True)
        nb = nbformat.read(str(released), as_version=4)
        for cell in nb.cells:  # the free text, for the teacher to grade
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "essay":
                cell.source = "Менің атым Дана. Мен Германиядан келдім. Мен студентпін."
        nbformat.write(nb, str(folder / released.name))
        given = answers(100 + n, right, skip)
        (folder / "answers.json").write_text(json.dumps({"answers": given}, ensure_ascii=False), "utf-8")
    results, _ = pipeline.autograde(course, A1, workers=2, progress=False)
    assert all(r.ok for r in results), [r.message for r in results if not r.ok]
    with course.gradebook() as gb:  # the teacher grades the free texts (as formgrader does)
        for student, (*_rest, essay) in LEARNERS.items():
            if essay is not None:
                gb.find_grade("essay", A1, A1, student).manual_score = essay
        gb.db.commit()
    return course


def block_grades(course, student):
    with course.gradebook() as gb:
        return {g: gb.find_grade(g, A1, A1, student).score for g in ("listening", "lexis", "reading", "dictation", "essay")}


def test_the_gradebook_holds_the_block_scores(course):
    assert block_grades(course, "aigerim") == {"listening": 10, "lexis": 10, "reading": 10, "dictation": 5, "essay": 5}
    assert block_grades(course, "abai") == {"listening": 6, "lexis": 6, "reading": 6, "dictation": 5, "essay": 1}
    assert block_grades(course, "dana")["listening"] == 4
    assert block_grades(course, "erlan")["reading"] == 0


def test_certificates_only_for_learners_who_passed_every_block(course, capsys):
    assert main(["--course", str(course.root), "certificates", A1]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.strip().splitlines())
    assert lines["aigerim"].startswith("certificate QZ-")
    assert lines["abai"].startswith("certificate QZ-")
    assert lines["nurlan"].startswith("certificate QZ-") and "Arabic script" in lines["nurlan"]
    assert lines["dana"] == "no certificate: Listening failed (40%)"
    assert lines["erlan"] == "no certificate: Reading not taken"
    assert lines["saule"] == "no certificate: Writing not graded"
    assert lines["ghost"].startswith("no certificate: passed every block, but the roster has no name")
    pdfs = sorted(p.name for p in course.path("certificates", A1).glob("*.pdf"))
    assert pdfs == ["abai.pdf", "aigerim.pdf", "nurlan.pdf"]


def _code(course, student):
    entries = [json.loads(l) for l in course.path("certificates", "register.jsonl").read_text("utf-8").splitlines()]
    return next(e for e in entries if e["student"] == student)["code"]


def test_pdf_text_has_name_level_code_and_scores(course):
    pdf = course.path("certificates", A1, "abai.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    code = _code(course, "abai")
    assert 'Абай "Ибраһим" Құнанбайұлы, Абай' in text
    assert "Level A1" in text and code in text
    assert "Foundation «Qazaq Tili»" in text and "Қазақ тілі онлайн, A1–A2" in text
    assert text.count("6/10 (60%)") == 4 and date.today().isoformat() in text
    arabic = subprocess.run(["pdftotext", str(course.path("certificates", A1, "nurlan.pdf")), "-"],
                            capture_output=True, text=True, check=True).stdout
    # pdftotext gives the lam-alef ligature of نۇرلان back as ال: compare the letters
    assert "\u202b" in arabic and set("نۇرلان") <= set(arabic)


def test_verify_accepts_an_issued_code_and_rejects_altered_ones(course, capsys):
    code = _code(course, "aigerim")
    assert main(["--course", str(course.root), "verify", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith("GENUINE") and "Айгерім Сәрсенова (aigerim)" in out and "level A1" in out
    altered = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert main(["--course", str(course.root), "verify", altered]) == 2
    assert "altered or mistyped" in capsys.readouterr().out
    assert main(["--course", str(course.root), "verify", code.lower().replace("-", " ")]) == 0  # as typed by hand
    capsys.readouterr()
    assert main(["--course", str(course.root), "verify", "hello"]) == 2
    assert "not a certificate code" in capsys.readouterr().out


def test_certificates_again_keep_the_codes_and_refuse_other_assignments(course, capsys):
    before = _code(course, "aigerim")
    main(["--course", str(course.root), "certificates", A1])
    assert _code(course, "aigerim") == before
    capsys.readouterr()
    assert main(["--course", str(course.root), "certificates", "a01-alphabet"]) == 1
    assert "not a level test" in capsys.readouterr().err


def test_verify_rejects_a_changed_register_entry_and_a_withdrawn_code(course, capsys):
    register = course.path("certificates", "register.jsonl")
    original = register.read_text("utf-8")
    code = _code(course, "aigerim")
    try:
        register.write_text(original.replace("Айгерім Сәрсенова", "Someone Else"), "utf-8")
        assert main(["--course", str(course.root), "verify", code]) == 2
        assert "changed after it was issued" in capsys.readouterr().out
        register.write_text("".join(l + "\n" for l in original.splitlines() if code not in l), "utf-8")
        assert main(["--course", str(course.root), "verify", code]) == 2
        assert "not in this course's register" in capsys.readouterr().out
    finally:
        register.write_text(original, "utf-8")
