"""Evaluate the Abai reader content: counts, glossary coverage, engine regeneration.

    python tools/evaluate_abai.py [--data PATH]

--data is the folder of Abai YAML texts (default assets/texts/abai). Prints: texts per kind,
lines, tokens; glossary coverage of every token; % of tagged forms that
qazaq.morphology.inflect(lemma, tags) regenerates exactly; irregular forms; untranslated and
unverified lines. Exit status 1 when coverage < 100%, a line lacks English, or regeneration < 98%.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.content.abai import ABAI_DIR, AbaiDataError, abai_texts, tokens  # noqa: E402

TARGET = 0.98


def _inflector():
    try:
        from qazaq.morphology import inflect
    except ImportError:
        return None
    return inflect


def regenerate(inflect, word) -> str | None:
    try:
        return inflect(word.lemma, word.tags)
    except Exception:  # an unknown tag or lemma counts as a miss, reported below
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ABAI_DIR), help="folder of Abai YAML texts")
    args = parser.parse_args(argv)
    if not Path(args.data).is_dir():
        print(f"No such folder: {args.data}", file=sys.stderr)
        return 2
    try:
        texts = abai_texts(folder=args.data)
    except AbaiDataError as exc:
        print(f"Bad data: {exc}", file=sys.stderr)
        return 2
    poems = [t for t in texts if t.kind == "poem"]
    words_ = [t for t in texts if t.kind == "word"]
    lines = [(t, i, l) for t in texts for i, l in enumerate(t.lines)]
    n_tokens = sum(len(tokens(l.kk)) for _, _, l in lines)
    covered = sum(1 for _, _, l in lines for tok, w in zip(tokens(l.kk), l.words) if tok == w.form)
    glossed = [(t, w) for t, _, l in lines for w in l.words]
    tagged = [(t, w) for t, w in glossed if w.tags]
    irregular = [w for _, w in glossed if w.irregular]
    print(f"texts: {len(poems)} poems, {len(words_)} Words; lines: {len(lines)}; tokens: {n_tokens}")
    print(f"glossary coverage: {covered}/{n_tokens} = {covered / max(n_tokens, 1):.1%}")
    print(f"tagged forms: {len(tagged)}; irregular (flagged, untagged): {len(irregular)}")
    plain = len(glossed) - len(tagged) - len(irregular)
    print(f"engine-checked tokens: {len(tagged)}/{n_tokens} = {len(tagged) / max(n_tokens, 1):.1%} "
          f"(the rest: {plain} uninflected, {len(irregular)} irregular)")
    inflect = _inflector()
    ok = covered == n_tokens
    if inflect is None:
        print("regeneration: qazaq.morphology.inflect not available — not measured")
    else:
        misses = [(t, w, regenerate(inflect, w)) for t, w in tagged]
        misses = [(t, w, got) for t, w, got in misses if got != w.form.lower()]
        rate = 1 - len(misses) / max(len(tagged), 1)
        print(f"regeneration: {len(tagged) - len(misses)}/{len(tagged)} = {rate:.1%} (target {TARGET:.0%})")
        for t, w, got in misses:
            print(f"  miss {t.slug}: {w.lemma} + {w.tags} -> {got!r}, text has {w.form!r}")
        ok = ok and rate >= TARGET
    untranslated = [(t.slug, i + 1) for t, i, l in lines if not l.en]
    unverified = [(t.slug, i + 1) for t, i, l in lines if not l.verified]
    print(f"untranslated lines: {len(untranslated)} {untranslated or ''}")
    print(f"lines with Russian: {sum(1 for _, _, l in lines if l.ru)}/{len(lines)}")
    print(f"lines with Turkish: {sum(1 for _, _, l in lines if l.tr)}/{len(lines)}")
    print(f"unverified lines: {len(unverified)}/{len(lines)}")
    for t in texts:
        bad = sum(1 for l in t.lines if not l.verified)
        print(f"  {t.slug:15} {t.kind:4} {len(t.lines):2} lines, {sum(len(l.words) for l in t.lines):3} tokens, "
              f"{bad} unverified")
    return 0 if ok and not untranslated else 1


if __name__ == "__main__":
    sys.exit(main())
