"""Write the nbgrader source notebooks in exercises/source/ from the item lists below.

    python exercises/build.py          # rewrite every source notebook

Each assignment is: locked instructions, a locked cell creating the answer sheet, then per
item a locked widget cell and an autograder test cell whose grading call is a hidden test,
manually graded free-text answers (markdown solution cells with the rubric in the cell), and a
self-check button. The notebooks may also be edited directly in JupyterLab; the teacher's
report reads the keys back from the hidden tests, so they stay the one source of truth.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

SOURCE = Path(__file__).resolve().parent / "source"
CONTENT_LICENSE = "Course content: CC BY-SA 4.0. Abai's original texts: public domain."


@dataclass(frozen=True)
class Item:
    id: str
    prompt: str
    accepted: tuple[str, ...]
    choices: tuple[str, ...] = ()  # a choice item when given
    script: str = "cyrl"  # the script of a well-formed typed answer
    points: float = 1
    exact: bool = False  # no partial credit (numbers, single letters)


@dataclass(frozen=True)
class Essay:
    id: str
    task: str
    rubric: tuple[str, ...]
    model: str
    points: float


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    lesson: str
    intro: str
    items: tuple[Item, ...]
    essays: tuple[Essay, ...] = field(default_factory=tuple)


def choice(id, prompt, choices, answer, points=1):
    return Item(id, prompt, (answer,), tuple(choices), points=points, exact=True)


def text(id, prompt, *accepted, script="cyrl", points=1, exact=False):
    return Item(id, prompt, tuple(accepted), script=script, points=points, exact=exact)


SUFFIXES = ["-лар", "-лер", "-дар", "-дер", "-тар", "-тер"]
QUESTION_PARTICLES = ["ма", "ме", "ба", "бе", "па", "пе"]

ASSIGNMENTS = (
    Assignment(
        "a01-alphabet", "Assignment 1: the alphabet and sounds", "Lesson 1",
        "The 42 letters of the Kazakh Cyrillic alphabet, the nine letters specific to Kazakh "
        "(Ә Ғ Қ Ң Ө Ұ Ү Һ І), back and front vowels, and reading across scripts.",
        (
            choice("q1", "Which letter is one of the nine letters specific to Kazakh?", ["о", "ө", "е", "у"], "ө"),
            choice("q2", "Which vowel is a back (hard) vowel?", ["ә", "е", "а", "і"], "а"),
            choice("q3", "Which vowel is a front (soft) vowel?", ["ы", "ұ", "о", "ү"], "ү"),
            choice("q4", "«көл» (lake): which vowels does this word have?", ["front vowels", "back vowels"], "front vowels"),
            text("q5", "How many letters does the Kazakh Cyrillic alphabet have? Write the number.", "42", script="any", exact=True),
            text("q6", "Write the Kazakh letter for the sound [q], a k pronounced far back in the throat.", "қ", exact=True),
            text("q7", "Write «қала» (city) in the Latin script.", "qala", script="latn"),
            text("q8", "Write «dala» (steppe) in the Cyrillic script.", "дала"),
        ),
    ),
    Assignment(
        "a02-greetings", "Assignment 2: greetings and introductions", "Lesson 2",
        "Greeting people politely, saying goodbye, thanking, and introducing yourself.",
        (
            choice("q1", "How do you greet your teacher politely?", ["Сәлем", "Сәлеметсіз бе", "Сау бол"], "Сәлеметсіз бе"),
            choice("q2", "How do you say goodbye to a friend?", ["Сау бол", "Қайырлы таң", "Рақмет"], "Сау бол"),
            choice("q3", "How do you ask an older person how they are?", ["Қалыңыз қалай?", "Атыңыз кім?", "Қайда барасыз?"], "Қалыңыз қалай?"),
            text("q4", "Complete «My name is Aigúl»: Менің ___ Айгүл.", "атым"),
            text("q5", "Write “thank you” in Kazakh.", "рақмет", "рахмет"),
            text("q6", "Write “Nice to meet you” in Kazakh (two words).", "Танысқаныма қуаныштымын"),
        ),
        (
            Essay("essay", "Introduce yourself in three sentences: your name, where you are from, and "
                  "where you live now.",
                  ("1 point: the name sentence (Менің атым …).",
                   "1 point: where you are from (Мен … келдім / Мен …-данмын).",
                   "1 point: where you live (Мен …-да тұрамын).",
                   "1 point: spelling, including the Kazakh letters."),
                  "Менің атым Дана. Мен Германиядан келдім. Мен Берлинде тұрамын.", 4),
        ),
    ),
    Assignment(
        "a03-plural", "Assignment 3: vowel harmony and the plural", "Lesson 3",
        "The plural ending follows the last vowel (back: -лар/-дар/-тар, front: -лер/-дер/-тер) and "
        "the last sound (vowels and р, й, у: л-; л, м, н, ң, з, ж: д-; voiceless consonants: т-).",
        (
            text("q1", "Write the plural of «бала» (child).", "балалар"),
            text("q2", "Write the plural of «мектеп» (school).", "мектептер"),
            text("q3", "Write the plural of «үй» (house).", "үйлер"),
            text("q4", "Write the plural of «кітап» (book).", "кітаптар"),
            text("q5", "Write the plural of «қалам» (pen).", "қаламдар"),
            text("q6", "Write the plural of «дәптер» (exercise book).", "дәптерлер"),
            choice("q7", "Which plural ending does «гүл» (flower) take?", SUFFIXES, "-дер"),
            choice("q8", "Which plural ending does «қала» (city) take?", SUFFIXES, "-лар"),
            choice("q9", "Which plural ending does «ат» (horse) take?", SUFFIXES, "-тар"),
        ),
    ),
    Assignment(
        "a04-to-be", "Assignment 4: pronouns and “to be”", "Lesson 4",
        "Personal endings on nouns (мен студентпін, сен мұғалімсің) and the negative емес.",
        (
            text("q1", "“I am a student”: Мен ___ . (студент)", "студентпін"),
            text("q2", "“I am a child”: Мен ___ . (бала)", "баламын"),
            text("q3", "“You are a teacher” (to a friend): Сен ___ . (мұғалім)", "мұғалімсің"),
            text("q4", "“You are a doctor” (politely): Сіз ___ . (дәрігер)", "дәрігерсіз"),
            text("q5", "“We are Kazakhs”: Біз ___ . (қазақ)", "қазақпыз"),
            choice("q6", "“I am not a student”: Мен студент ___ .", ["емеспін", "емес", "жоқпын"], "емеспін"),
            choice("q7", "Which pronoun is the polite “you”?", ["сен", "сіз", "ол"], "сіз"),
        ),
    ),
    Assignment(
        "a05-questions", "Assignment 5: questions", "Lesson 5",
        "The question particle (ма/ме after vowels and р, у, й, л; ба/бе after м, н, ң, з, ж; "
        "па/пе after voiceless consonants) and question words.",
        (
            choice("q1", "Бұл кітап ___? (Is this a book?)", QUESTION_PARTICLES, "па"),
            choice("q2", "Бұл қала ___? (Is this a city?)", QUESTION_PARTICLES, "ма"),
            choice("q3", "Ол студент ___? (Is he a student?)", QUESTION_PARTICLES, "пе"),
            choice("q4", "Сіз қазақсыз ___? (Are you Kazakh?)", QUESTION_PARTICLES, "ба"),
            choice("q5", "Which word means “when”?", ["қашан", "қайда", "неше", "қандай"], "қашан"),
            text("q6", "“Who is this?”: Бұл ___?", "кім"),
            text("q7", "“Where is the school?”: Мектеп ___?", "қайда"),
            text("q8", "Write “What is this?” in Kazakh.", "Бұл не?", "Бұл не"),
        ),
    ),
    Assignment(
        "a06-family", "Assignment 6: family and possessive endings", "Lesson 7",
        "Possessive endings: менің әкем, сенің анаң, оның әпкесі, біздің қаламыз, сіздің үйіңіз.",
        (
            text("q1", "“my father”: менің ___ (әке)", "әкем"),
            text("q2", "“your mother” (to a friend): сенің ___ (ана)", "анаң"),
            text("q3", "“my elder brother”: менің ___ (аға)", "ағам"),
            text("q4", "“her elder sister”: оның ___ (әпке)", "әпкесі"),
            text("q5", "“my book”: менің ___ (кітап)", "кітабым"),
            text("q6", "“your house” (politely): сіздің ___ (үй)", "үйіңіз"),
            text("q7", "“our city”: біздің ___ (қала)", "қаламыз"),
            choice("q8", "Which form means “my daughter”?", ["қызым", "қызың", "қызы"], "қызым"),
        ),
        (
            Essay("essay", "Write five sentences about your family.",
                  ("1 point per sentence (up to 5) that is a complete, understandable Kazakh sentence "
                   "about a family member;",
                   "up to 1 point is taken off for repeated errors in possessive endings (менің әкем, "
                   "анам, ағам …) or in the Kazakh letters."),
                  "Менің отбасым үлкен. Менің әкем дәрігер. Менің анам мұғалім. Менің ағам студент. "
                  "Менің әпкем Алматыда тұрады.", 5),
        ),
    ),
    Assignment(
        "a07-place", "Assignment 7: where — dative, locative, ablative", "Lesson 8",
        "Where to (-ға/-ге/-қа/-ке), where (-да/-де/-та/-те), where from "
        "(-дан/-ден/-тан/-тен/-нан/-нен).",
        (
            text("q1", "“to the city”: ___ (қала)", "қалаға"),
            text("q2", "“in the city”: ___ (қала)", "қалада"),
            text("q3", "“from the city”: ___ (қала)", "қаладан"),
            text("q4", "“to school”: ___ (мектеп)", "мектепке"),
            text("q5", "“at school”: ___ (мектеп)", "мектепте"),
            text("q6", "“from school”: ___ (мектеп)", "мектептен"),
            text("q7", "“at home”: ___ (үй)", "үйде"),
            text("q8", "“from Almaty”: ___ (Алматы)", "Алматыдан"),
            text("q9", "“from Kazakhstan”: ___ (Қазақстан)", "Қазақстаннан"),
            text("q10", "“from the village”: ___ (ауыл)", "ауылдан"),
        ),
    ),
    Assignment(
        "a08-abai-winter", "Assignment 8: reading Abai — «Қыс» (Winter)", "Lesson 16",
        "Read the first stanza of Abai Qunanbaiuly's poem «Қыс» (1888):\n\n"
        "> Ақ киімді, денелі, ақ сақалды,  \n"
        "> Соқыр, мылқау, танымас тірі жанды.  \n"
        "> Үсті-басы ақ қырау, түсі суық,  \n"
        "> Басқан жері сықырлап келіп қалды.",
        (
            choice("q1", "Who is the white-clothed, white-bearded figure?", ["winter", "an old shepherd", "a snowy mountain"], "winter"),
            choice("q2", "Which colour word comes back three times?", ["ақ (white)", "қара (black)", "көк (blue)"], "ақ (white)"),
            text("q3", "Which word in line 2 means “blind”?", "соқыр"),
            text("q4", "Which word in line 2 means “mute”?", "мылқау"),
            text("q5", "Copy the two words of line 1 that mean “white-bearded … with a beard”: ___ ___", "ақ сақалды"),
            choice("q6", "How does the ground sound where he steps (line 4)?", ["it creaks (сықырлап)", "it babbles (сылдырлап)", "it roars (гүрілдеп)"], "it creaks (сықырлап)"),
            text("q7", "Write «ақ қырау» (white hoarfrost) in the Latin script.", "aq qyrau", script="latn"),
        ),
        (
            Essay("essay", "Translate the stanza into English (or into your own language).",
                  ("1 point per line whose meaning is rendered (4 lines);",
                   "1 point for keeping the image of winter as a living, white-bearded old man."),
                  "White-clothed, big-bodied, white-bearded, / blind and mute, knowing no living soul, / "
                  "covered all over in white hoarfrost, with a cold face, / he came, the ground creaking "
                  "where he stepped.", 5),
        ),
    ),
)


# ------------------------------------------------------------------ notebook cells

def _meta(grade_id: str, *, grade=False, solution=False, locked=True, points=None) -> dict:
    nb = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
          "solution": solution, "task": False}
    if points is not None:
        nb["points"] = points
    return {"nbgrader": nb}


def _md(source: str, grade_id: str, **kw):
    return nbformat.v4.new_markdown_cell(source, metadata=_meta(grade_id, **kw))


def _code(source: str, grade_id: str, **kw):
    return nbformat.v4.new_code_cell(source, metadata=_meta(grade_id, **kw))


def _widget_call(item: Item) -> str:
    if item.choices:
        return f"sheet.choice({item.id!r}, {item.prompt!r}, {list(item.choices)!r})"
    return f"sheet.text({item.id!r}, {item.prompt!r}, script={item.script!r})"


def _test_source(item: Item) -> str:
    args = f"{item.id!r}, {list(item.accepted)!r}, points={item.points:g}"
    if item.exact:
        args += ", exact=True"
    return ("# Your teacher's hidden tests check this answer when grading.\n"
            "### BEGIN HIDDEN TESTS\n"
            "from qazaq.assignment import grade\n"
            f"grade({args})\n"
            "### END HIDDEN TESTS")


def _essay_cells(essay: Essay) -> list:
    rubric = "\n".join(f"- {line}" for line in essay.rubric)
    task = (f"### {essay.id} ({essay.points:g} points, graded by your teacher)\n\n{essay.task}\n\n"
            f"**Rubric**\n\n{rubric}\n\nDouble-click the cell below and write your answer as plain text.")
    answer = f"### BEGIN SOLUTION\n{essay.model}\n### END SOLUTION"
    return [_md(task, f"{essay.id}-task"),
            _md(answer, essay.id, grade=True, solution=True, locked=False, points=essay.points)]


def notebook(a: Assignment):
    cells = [
        _md(f"# {a.title}\n\n*{a.lesson}.* {a.intro}\n\n"
            "**How to answer.** Run all cells (menu *Run → Run All Cells*), then choose or type your "
            "answers in the boxes. Every answer is saved at once in `answers.json` beside this "
            "notebook, and comes back when you reopen it. Press *Check before submitting* at the "
            "end, then submit the notebook together with `answers.json`.\n\n"
            f"<small>{CONTENT_LICENSE}</small>", "instructions"),
        _code(f"from qazaq.assignment import AnswerSheet\n\nsheet = AnswerSheet({a.id!r})", "sheet"),
    ]
    for item in a.items:
        cells.append(_code(_widget_call(item), f"{item.id}-ask"))
        cells.append(_code(_test_source(item), f"{item.id}-test", grade=True, points=item.points))
    for essay in a.essays:
        cells.extend(_essay_cells(essay))
    cells.append(_code("sheet.self_check()", "self-check"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_all(root: Path = SOURCE) -> list[Path]:
    paths = []
    for a in ASSIGNMENTS:
        path = root / a.id / f"{a.id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nb = notebook(a)
        for i, cell in enumerate(nb.cells):  # stable ids keep diffs small
            cell["id"] = f"{a.id}-{i:02d}"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE):
        print(p)
