"""A class on JupyterHub, end to end with the real components (issue 17).

The hub (`python -m qazaq.classroom`, as `make classroom` starts it) runs with its npm proxy and
NativeAuthenticator; learners are real system users (prefix `qzt-`, removed afterwards). Chromium
drives the teacher and two learners through sign-up, approval, release, fetch, answering in the
widgets, submission (one learner twice), collection, parallel autograding, feedback and fetching
it. Then, on the same class: isolation between accounts, the class view, and a hub restart.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest


A = "a01-alphabet"
PASSWORDS = {"aigerim": "Aigerim-Qazaq-17", "dana": "Dana-Qazaq-17"}
# What each learner types: aigerim submits twice (41 first, then 42); dana once.
ANSWERS = {"aigerim": {"q1": "ө", "q5": "42", "q8": "дала"}, "dana": {"q1": "о", "q5": "41", "q8": "дала"}}
SCORES = {"aigerim": 3.0, "dana": 1.0}  # q1, q5, q8 right = 3 of 8; dana only q8

CLASS_DONE: dict = {}  # set by the browser test; the tests after it look at the class it left


def _skip_reasons() -> list[str]:
    why = []
    if os.geteuid() != 0:
        why.append("the class hub runs servers as system users: needs root")
    if not shutil.which("node") or not shutil.which("npm"):
        why.append("needs node and npm (apt-get install nodejs npm) for configurable-http-proxy")
    if not shutil.which("runuser") or not shutil.which("useradd"):
        why.append("needs runuser and useradd")
    return why


@pytest.fixture(scope="module")
def hub():
    if _skip_reasons():
        pytest.skip("; ".join(_skip_reasons()))
    from qazaq.classroom.trial import TrialHub

    trial = TrialHub(prefix="qzt")
    try:
        trial.start()
        yield trial
    finally:
        trial.close()


# ---------------------------------------------------------------- browser steps

def _page(chromium):
    page = chromium.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(120_000)
    return page


def log_in(page, hub, user: str, password: str) -> None:
    page.goto(hub.url + "/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"**/user/{user}/qazaq/home")  # the course home page, in their own server


def menu(page, top: str, item: str, timeout: float = 120_000) -> None:
    page.locator(f".lm-MenuBar-itemLabel:text-is('{top}')").click(timeout=timeout)
    page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click(timeout=timeout)


def press(page, button: str) -> None:
    """Click a button of nbgrader's Assignments list. The list redraws itself as soon as the action
    is done, which can detach the button under Playwright's click: the caller waits for the result."""
    try:
        page.locator(f"button:text-is('{button}')").first.click(timeout=15_000)
    except Exception:  # noqa: BLE001 (the redraw; the next wait tells whether the action happened)
        pass


def wait_for_files(folder: Path, pattern: str, timeout: float = 60) -> list[Path]:
    deadline = time.monotonic() + timeout
    while not (found := sorted(folder.glob(pattern))) and time.monotonic() < deadline:
        time.sleep(0.3)
    return found


def formgrader_action(page, icon: str) -> None:
    """Click one of formgrader's buttons in the assignment's row and wait for its success dialog."""
    page.locator(f"tr:has-text('{A}') .{icon}").click()
    page.wait_for_selector("#success-modal", state="visible")
    page.click("#success-modal button[data-dismiss=modal]")
    page.wait_for_selector("#success-modal", state="detached")


def assignments_tab(page, user: str):
    page.goto(f"{page.hub_url}/user/{user}/lab")
    menu(page, "Nbgrader", "Assignment List")
    return page.locator(".lm-Widget:has-text('Released assignments')").last


def answer(page, user: str, values: dict[str, str]) -> None:
    page.goto(f"{page.hub_url}/user/{user}/lab/tree/{A}/{A}.ipynb")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    radio = page.locator(f".widget-radio-box label:text-is('{values['q1']}')").first
    dialog = page.locator(".jp-Dialog .jp-mod-accept")  # "Select Kernel", asked when the kernel list came late
    for attempt in range(6):  # "Run All Cells" does nothing while the kernel is still connecting
        if dialog.is_visible():
            dialog.click()
        try:
            menu(page, "Run", "Run All Cells", timeout=15_000)
            radio.or_(dialog).wait_for(timeout=20_000)
        except Exception:  # noqa: BLE001 (try again)
            page.keyboard.press("Escape")  # a menu left open
            continue
        if radio.is_visible():
            break
    radio.click()
    texts = page.locator(".widget-text input")  # q5 .. q8
    for index, item in ((0, "q5"), (3, "q8")):
        texts.nth(index).fill(values[item])
        texts.nth(index).press("Enter")
    folder = Path(f"~{user}").expanduser() / A
    deadline = time.monotonic() + 60
    while saved_answers(folder) != values and time.monotonic() < deadline:  # saved at every change
        time.sleep(0.3)
    assert saved_answers(folder) == values


def saved_answers(folder: Path) -> dict:
    for f in folder.glob("answers*.json"):
        try:
            return json.loads(f.read_text(encoding="utf-8"))["answers"]
        except (ValueError, KeyError):
            return {}
    return {}


def submit(page, user: str) -> None:
    assignments_tab(page, user)
    before = page.locator(".jp-Notebook, body").locator("text=/\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d/").count()
    press(page, "Submit")
    page.wait_for_function(f"document.body.innerText.match(/\\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d/g)?.length > {before}")


# ---------------------------------------------------------------- the class

@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.nbgrader
def test_class_in_the_browser(hub, browser):  # browser: Debian's Chromium (conftest)
    pages: dict = {}
    try:
        _class(hub, browser, pages)
    except Exception:
        artifacts = Path(__file__).parent / "artifacts"
        artifacts.mkdir(exist_ok=True)
        for name, page in pages.items():
            page.screenshot(path=str(artifacts / f"classroom-failed-{name}.png"))
        print(hub.log_tail(8000))
        raise


def _class(hub, chromium, pages):
    teacher = hub.teacher
    t0 = time.monotonic()
    tp = pages["teacher"] = _page(chromium)
    tp.hub_url = hub.url
    log_in(tp, hub, teacher, hub.password)
    tp.goto(f"{hub.url}/user/{teacher}/formgrader")
    tp.wait_for_selector(f"tr:has-text('{A}') .glyphicon-education")
    formgrader_action(tp, "glyphicon-education")   # generate the learners' version
    formgrader_action(tp, "glyphicon-cloud-upload")  # release it to the exchange

    for name, password in PASSWORDS.items():
        user = hub.learner(name)
        page = pages[name] = _page(chromium)
        page.hub_url = hub.url
        page.goto(hub.url + "/hub/signup")
        page.fill("#username_input", user)
        page.fill("#password_input", password)
        page.fill("#password_confirmation_input", password)
        page.click("#signup_submit")
        page.locator("text=Your information has been sent to the admin").wait_for()
        page.goto(hub.url + "/hub/login")  # not approved yet: no way in
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", password)
        page.click("input[type=submit], button[type=submit]")
        assert "/hub/login" in page.url
    tp.goto(hub.url + "/hub/authorize")
    for name in PASSWORDS:
        tp.locator(f"tr:has-text('{hub.learner(name)}') a:text-is('Authorize')").click()
        tp.wait_for_selector(f"tr:has-text('{hub.learner(name)}') a:text-is('Unauthorize')")

    for name in PASSWORDS:
        page, user = pages[name], hub.learner(name)
        print(f"{time.monotonic() - t0:.0f} s: {name} logs in")
        log_in(page, hub, user, PASSWORDS[name])
        assert page.locator("a.app").count() > 20  # every lesson, also as an app
        if name == "aigerim":  # a lesson as an app (Voila in their own server), progress in their home
            page.locator("a.app[href*='01-alphabet']").click()
            page.locator("text=The alphabet and its sounds").first.wait_for()
            assert (Path(f"~{user}").expanduser() / ".local" / "share" / "qazaq-notebooks").is_dir()
        assignments_tab(page, user)
        page.locator("button:text-is('Fetch')").wait_for()
        press(page, "Fetch")
        page.locator("button:text-is('Submit')").wait_for()
        first = dict(ANSWERS[name], q5="41") if name == "aigerim" else ANSWERS[name]
        answer(page, user, first)
        submit(page, user)
    answer(pages["aigerim"], hub.learner("aigerim"), ANSWERS["aigerim"])  # changes q5, submits again
    submit(pages["aigerim"], hub.learner("aigerim"))
    inbound = hub.settings.exchange / "qazaq" / "inbound"
    assert len(list(inbound.glob(f"{hub.learner('aigerim')}+{A}+*"))) == 2  # both submissions kept

    # The due date has passed (set now, as formgrader's "Edit" would): the late policy applies.
    course = Path(f"~{teacher}").expanduser() / "course"
    due = hub.as_user(teacher, "python", "-c", "from qazaq.grading.course import Course; from qazaq.grading.exchange "
                      f"import set_due; set_due(Course('.'), '{A}', '2026-01-01T00:00+05:00')", cwd=str(course))
    assert due.returncode == 0, due.stderr
    tp.goto(f"{hub.url}/user/{teacher}/formgrader")
    tp.wait_for_selector(f"tr:has-text('{A}') .glyphicon-cloud-download")
    formgrader_action(tp, "glyphicon-cloud-download")  # collect
    graded = hub.as_user(teacher, "qazaq-grade", "autograde", A, "-j", "2", "-q", cwd=str(Path(f"~{teacher}").expanduser() / "course"))
    assert "autograded 2 of 2" in graded.stdout, graded.stdout + graded.stderr
    with sqlite3.connect(course / "gradebook.db") as db:
        scores = dict(db.execute(
            "select st.id, sum(coalesce(g.manual_score, g.auto_score)) from grade g join submitted_notebook n on g.notebook_id = n.id "
            "join submitted_assignment sa on n.assignment_id = sa.id join student st on sa.student_id = st.id group by st.id"))
    assert scores == {hub.learner(n): s for n, s in SCORES.items()}  # aigerim's latest submission counts
    with sqlite3.connect(course / "gradebook.db") as db:
        penalties = dict(db.execute(
            "select st.id, n.late_submission_penalty from submitted_notebook n join submitted_assignment sa "
            "on n.assignment_id = sa.id join student st on sa.student_id = st.id"))
    assert penalties == {hub.learner(n): s / 2 for n, s in SCORES.items()}  # months late: the 50 % cap
    tp.reload()
    tp.wait_for_selector(f"tr:has-text('{A}') .glyphicon-comment")
    formgrader_action(tp, "glyphicon-comment")   # generate feedback
    formgrader_action(tp, "glyphicon-envelope")  # release it

    feedback_urls = {}
    for name in PASSWORDS:
        page, user = pages[name], hub.learner(name)
        print(f"{time.monotonic() - t0:.0f} s: {name} fetches feedback")
        assignments_tab(page, user)
        page.locator("button:text-is('Fetch Feedback')").first.wait_for()
        press(page, "Fetch Feedback")
        found = wait_for_files(Path(f"~{user}").expanduser(), f"{A}/feedback/*/{A}.html")
        assert len(found) == 1
        feedback_urls[name] = f"{hub.url}/user/{user}/files/{found[0].relative_to(Path(f'~{user}').expanduser())}"
        page.goto(feedback_urls[name])
        text = page.inner_text("body")
        assert f"{A} (Score: {SCORES[name] / 2:.1f} / 8.0)" in text  # after the late penalty
        assert f"you wrote «{ANSWERS[name]['q5']}»" in text
        page.screenshot(path=str(Path(__file__).parent / "artifacts" / f"classroom-feedback-{name}.png"))
    # Each learner's own feedback only: the other's URL is not theirs to open.
    other = pages["aigerim"]
    response = other.goto(feedback_urls["dana"])
    assert "you wrote «41»" not in other.inner_text("body")
    assert response.status in (403, 404) or f"/user/{hub.learner('aigerim')}/" in other.url
    print(f"browser class: {time.monotonic() - t0:.0f} s")
    CLASS_DONE.update(course=course, pages=pages)


def _after_class():
    if not CLASS_DONE:
        pytest.skip("needs the class left by test_class_in_the_browser")
    return CLASS_DONE["course"]


@pytest.mark.browser  # runs after the browser test (browser tests go last), on the class it left
@pytest.mark.slow
@pytest.mark.nbgrader
def test_a_learner_reads_nothing_of_others(hub):
    course = _after_class()
    me, other = hub.learner("aigerim"), hub.learner("dana")
    exchange = hub.settings.exchange / "qazaq"
    from qazaq.shared import REPO_ROOT

    def can_read(*cmd: str) -> bool:
        return hub.as_user(me, *cmd).returncode == 0

    assert can_read("cat", str(Path(f"~{me}").expanduser() / A / f"{A}.ipynb"))  # their own work
    assert not can_read("ls", str(Path(f"~{other}").expanduser()))                 # another learner's home
    assert not can_read("cat", str(Path(f"~{other}").expanduser() / A / "answers.json"))
    assert not can_read("ls", str(exchange / "inbound"))      # nobody's submissions can be found
    assert not can_read("ls", str(exchange / "feedback"))     # nor anybody's feedback
    assert not can_read("cat", str(course / "gradebook.db"))
    assert not can_read("ls", str(course / "submitted"))
    assert not can_read("cat", str(course / "source" / A / f"{A}.ipynb"))       # hidden tests, keys
    assert not can_read("cat", str(REPO_ROOT / "exercises" / "source" / A / f"{A}.ipynb"))
    released = hub.as_user(me, "cat", str(exchange / "outbound" / A / f"{A}.ipynb"))
    assert released.returncode == 0 and "grade(" not in released.stdout and "HIDDEN TESTS" not in released.stdout


@pytest.mark.browser  # runs after the browser test (browser tests go last), on the class it left
@pytest.mark.slow
@pytest.mark.nbgrader
def test_class_view_notebook(hub):
    course = _after_class()
    from qazaq.grading.class_view import ClassView

    view = ClassView.load(course)
    aigerim, dana = hub.learner("aigerim"), hub.learner("dana")
    assert view.scores[A].to_dict() == {aigerim: 18.75, dana: 6.25}  # 3/8 and 1/8, halved: months late
    mistakes = view.learner_mistakes.set_index("student_id")
    assert mistakes.loc[dana, "most_frequent"] == "wrong choice" and mistakes.loc[dana, "mistakes"] == 2
    assert aigerim not in mistakes.index  # right or unanswered: nothing to teach again
    hardest = view.difficulty.iloc[0]
    assert hardest["difficulty"] == 1.0
    # The notebook itself runs as the teacher, in their course folder.
    run = hub.as_user(hub.teacher, "jupyter", "nbconvert", "--to", "notebook", "--execute", "--stdout",
                      "class_view.ipynb", cwd=str(course))
    assert run.returncode == 0, run.stderr[-3000:]
    assert '"output_type": "error"' not in run.stdout and "image/png" in run.stdout


@pytest.mark.browser  # runs after the browser test (browser tests go last), on the class it left
@pytest.mark.slow
@pytest.mark.nbgrader
def test_hub_restart_mid_class_loses_nothing(hub):
    course = _after_class()
    learner = hub.learner("aigerim")
    pids = subprocess.run(["pgrep", "-u", learner, "-f", "jupyterhub-singleuser"], capture_output=True, text=True).stdout.split()
    assert pids
    hub.stop_hub()
    for pid in pids:  # the learner's server kept running without the hub
        os.kill(int(pid), 0)
    hub.start()
    assert hub.api("GET", f"/users/{learner}")["servers"][""]["ready"]
    status = hub.server_request(learner, "GET", "api/status")  # reached through the restarted proxy
    assert status["kernels"] >= 0
    # The learner's browser session still works, and so does their assignment list.
    page = CLASS_DONE["pages"]["aigerim"]
    assignments_tab(page, learner)
    page.locator("button:text-is('Fetch Feedback')").first.wait_for()
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("select count(*) from submitted_assignment").fetchone()[0] == 2


def test_late_policy():
    from qazaq.grading.late import PercentPerDay

    late = PercentPerDay()
    assert late.late_submission_penalty("a", 8.0, 0) is None
    assert late.late_submission_penalty("a", 8.0, 3600) == 0.8       # 1 started day: 10 %
    assert late.late_submission_penalty("a", 8.0, 2.5 * 86400) == 2.4  # 3 started days: 30 %
    assert late.late_submission_penalty("a", 8.0, 30 * 86400) == 4.0   # never more than 50 %


def test_deleted_answers_file_is_written_again_with_a_message(tmp_path):
    from qazaq.assignment import AnswerSheet, load_answers, save_answers

    sheet = AnswerSheet(A, folder=tmp_path)
    sheet.text("q5", "How many letters?", script="any")
    sheet.set("q5", "42")
    (tmp_path / f"answers-{A}.json").unlink()  # the learner deletes the file in JupyterLab's file browser
    report = sheet.self_check_report()
    assert f"Your answers file answers-{A}.json had been deleted; the answers on this page have been " \
           f"written again to answers-{A}.json. Nothing is lost." in report
    assert load_answers(tmp_path, A) == {"q5": "42"}
    assert not any("had been deleted" in line for line in sheet.self_check_report())  # said once

    # An older release's answers.json, deleted after it was read: back under today's name.
    older = tmp_path / "older"
    older.mkdir()
    save_answers({"q1": "ө"}, A, older / "answers.json")
    sheet = AnswerSheet(A, folder=older)
    assert not any("had been deleted" in line for line in sheet.self_check_report())  # still there: no alarm
    (older / "answers.json").unlink()
    assert any(line.startswith("Your answers file answers.json had been deleted") and f"to answers-{A}.json" in line
               for line in sheet.self_check_report())
    assert sorted(p.name for p in older.iterdir()) == [f"answers-{A}.json"]
    assert load_answers(older, A) == {"q1": "ө"}


def test_exchange_commands_need_a_class_course(tmp_path, capsys):
    from qazaq.grading.cli import main
    from qazaq.grading.simulate import make_course

    course = make_course(tmp_path / "course")  # a course for downloaded files, not a class hub
    assert main(["--course", str(course.root), "release", A, "--exchange"]) == 1
    assert "sets no exchange" in capsys.readouterr().err
    assert main(["--course", str(course.root), "collect", A]) == 1
    assert "--exchange" in capsys.readouterr().err


def test_home_page_links_every_lesson_in_lab_and_as_an_app(tmp_path):
    from qazaq.classroom.home import page
    from qazaq.shared import REPO_ROOT

    (tmp_path / "lessons").symlink_to(REPO_ROOT / "lessons")
    learner = page("/user/ana/", "ana", tmp_path, teacher=False)
    assert '/user/ana/lab/tree/lessons/01-alphabet.ipynb"' in learner
    assert '/user/ana/voila/render/lessons/01-alphabet.ipynb"' in learner
    assert "Assignment List" in learner and "formgrader" not in learner
    teacher = page("/user/t/", "t", tmp_path, teacher=True)
    assert "/user/t/formgrader" in teacher and "hub/authorize" in teacher and "class_view.ipynb" in teacher
    assert "lessons folder is missing" in page("/user/x/", "x", tmp_path / "nowhere", teacher=False)
