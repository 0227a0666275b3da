"""Evaluate qazaq.morphology against UniMorph noun tables and apertium morphophonology tests.

    python tools/evaluate_morphology.py [--data PATH] [--quiet]

--data is the shared reference-data folder (default: qazaq.shared.shared_data()).
Prints accuracy per tag bundle and every mismatch; docs/morphology_mismatches.md
reviews each remaining mismatch.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.morphology import inflect  # noqa: E402
from qazaq.shared import shared_data_or_exit  # noqa: E402

# apertium tag -> our tag (None: part of the lemma's class, ignored)
APERTIUM_TAGS = {
    "n": "N", "v": "V", "tv": None, "iv": None, "pl": "PL", "sg": "SG",
    "nom": "NOM", "gen": "GEN", "dat": "DAT", "acc": "ACC", "loc": "LOC", "abl": "ABL", "ins": "INS",
    "px1sg": "PSS1S", "px1pl": "PSS1P", "px2sg": "PSS2S", "px2pl": "PSS2P", "px3sp": "PSS3", "frm": "LSSPEC2",
    "p1": "1", "p2": "2", "p3": "3",
    "aor": "PRS", "ifi": "PST", "past": "PRF", "fut": "FUT", "ger": "NFIN", "imp": "IMP", "neg": "NEG",
    "gpr_fut": "PTCP;FUT", "gpr_past": "PTCP;PST", "subst": None,
}


def _apertium_bundle(tags: list[str]) -> str | None:
    """Our bundle for an apertium analysis, or None when a tag is outside what we support."""
    out = []
    for t in tags:
        if t not in APERTIUM_TAGS:
            return None
        if APERTIUM_TAGS[t]:
            out.append(APERTIUM_TAGS[t])
    return ";".join(out)


def read_unimorph(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            yield parts[0], parts[2], parts[1], parts[2]


def read_apertium(folder: Path, skipped: list):
    """Positive cases (lines starting with '_') of every morphophonology TSV."""
    for tsv in sorted(folder.glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3 or parts[0].strip() != "_":
                continue  # '>' lines are forms apertium must NOT generate
            m = re.match(r"^(.*?)((?:<[^>]+>)+)$", parts[1])
            lemma, tags = m.group(1), re.findall(r"<([^>]+)>", m.group(2))
            bundle = _apertium_bundle(tags)
            label = f"{tsv.stem}:{'.'.join(tags)}"
            if bundle is None:
                skipped.append((lemma, parts[1], parts[2]))
                continue
            yield lemma, bundle, parts[2], label


def evaluate(rows, title: str, quiet: bool) -> tuple[int, int]:
    per_bundle = defaultdict(lambda: [0, 0])
    mismatches = []
    for lemma, bundle, expected, label in rows:
        try:
            got = inflect(lemma, bundle)
        except ValueError as err:
            got = f"<error: {err}>"
        per_bundle[label][1] += 1
        if got == expected:
            per_bundle[label][0] += 1
        else:
            mismatches.append((lemma, bundle, expected, got))
    ok = sum(v[0] for v in per_bundle.values())
    total = sum(v[1] for v in per_bundle.values())
    print(f"\n== {title}: {ok}/{total} = {100 * ok / max(total, 1):.2f}%")
    for label, (good, n) in sorted(per_bundle.items()):
        print(f"  {label:40s} {good:6d}/{n:<6d} {100 * good / n:6.2f}%")
    if not quiet:
        print(f"-- {len(mismatches)} mismatches (lemma, tags, expected, got):")
        for m in mismatches:
            print("  " + "\t".join(m))
    return ok, total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="shared reference-data folder (default: ../shared/data)")
    ap.add_argument("--quiet", action="store_true", help="only the accuracy tables")
    args = ap.parse_args(argv)
    root = shared_data_or_exit(args.data)
    unimorph = root / "unimorph-kaz" / "kaz.noun.tsv"
    apertium = root / "apertium-kaz" / "morphophonology"
    if unimorph.is_file():
        evaluate(read_unimorph(unimorph), f"UniMorph {unimorph.name}", args.quiet)
    else:
        print(f"missing {unimorph}", file=sys.stderr)
    if apertium.is_dir():
        skipped: list = []
        evaluate(list(read_apertium(apertium, skipped)), "apertium morphophonology (supported tags)", args.quiet)
        print(f"-- {len(skipped)} apertium cases use unsupported tags (derivations): "
              + ", ".join(sorted({s[1].split('<', 1)[1] for s in skipped})))
    else:
        print(f"missing {apertium}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
