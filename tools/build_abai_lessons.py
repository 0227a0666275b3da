"""Write one lesson notebook per Abai text (lessons/abai/NN-<slug>.ipynb) from the YAML data.

    python tools/build_abai_lessons.py [--data PATH] [--out PATH]

The notebooks stay thin (ARCHITECTURE.md): the Kazakh title, then code cells for the introduction,
the Reader, the discussion questions and the comprehension activities (shared widgets), all in the
learner's interface language (qazaq.reader). Existing numbers are kept;
new texts get the next free number. Notebooks are written without outputs.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.content.abai import ABAI_DIR, AbaiDataError, Text, abai_texts  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

OUT = REPO_ROOT / "lessons" / "abai"
LANGS = ("en", "ru", "tr")


def heading_md(text: Text) -> str:
    """The Kazakh title: the one text of the page that is the same in every interface language."""
    return f"# {text.title}"


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "."


def metadata(text: Text) -> dict:
    # The site's catalogue reads titles and a description from here (the page's prose is rendered by code),
    # each a mapping by language so the home page speaks the visitor's language.
    return {"title_kk": text.title, "title_en": text.title_in("en"),
            "title": {lang: text.title_in(lang) for lang in LANGS},
            "description": {lang: _first_sentence(text.intro(lang)) for lang in LANGS}}


def notebook(text: Text) -> nbformat.NotebookNode:
    """Heading, introduction, Reader, questions, comprehension: the prose is rendered by qazaq.reader in the
    learner's interface language and follows it live (no English baked into the notebook)."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = 4  # no cell ids: stable diffs
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}, "qazaq": metadata(text)}
    slug = text.slug
    nb.cells = [
        nbformat.v4.new_markdown_cell(heading_md(text)),
        nbformat.v4.new_code_cell(f'from qazaq.reader import Reader, comprehension, introduction, questions\n\n'
                                  f'introduction("{slug}")'),
        nbformat.v4.new_code_cell(f'Reader("{slug}")'),
        nbformat.v4.new_code_cell(f'questions("{slug}")'),
        nbformat.v4.new_code_cell(f'comprehension("{slug}")'),
    ]
    for cell in nb.cells:
        cell.pop("id", None)  # stable diffs: no random cell ids
    return nb


def target(text: Text, out: Path) -> Path:
    """Keep an existing NN-<slug>.ipynb; otherwise take the next free number."""
    existing = {re.sub(r"^\d+-", "", p.stem): p for p in out.glob("*.ipynb")}
    if text.slug in existing:
        return existing[text.slug]
    numbers = [int(p.stem.split("-")[0]) for p in out.glob("*.ipynb") if p.stem.split("-")[0].isdigit()]
    return out / f"{max(numbers, default=0) + 1:02d}-{text.slug}.ipynb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ABAI_DIR), help="folder of Abai YAML texts")
    parser.add_argument("--out", default=str(OUT), help="folder for the notebooks")
    args = parser.parse_args(argv)
    try:
        texts = abai_texts(folder=args.data)
    except AbaiDataError as exc:
        print(f"Bad data: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for text in texts:
        path = target(text, out)
        nbformat.write(notebook(text), path)
        print(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
