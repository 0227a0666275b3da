"""Evaluate qazaq.script against the shared reference data.

    python tools/evaluate_script.py [--data PATH] [--fuzz N]

Prints (1) per-direction exact match on script/parallel_fixtures.tsv, (2) the round trip
Cyrillic -> Latin -> Cyrillic (and -> Arabic -> Cyrillic) on the single-word native lemmas of
unimorph-kaz/kaz.noun.tsv with the failures grouped by cause, (3) optionally N random strings
converted in every direction, counting exceptions.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.script import SCRIPTS, convert  # noqa: E402
from qazaq.shared import shared_data_or_exit  # noqa: E402

# Schemes in the fixtures that are ours: the 2021-04 Latin and the Arabic (MediaWiki test line).
SCHEMES = {"latn-2021-04": "latn", "kk-arab(MediaWiki scheme)": "arab"}
# Letters used only in Russian loans (щ is native in ащы, тұщы, кеще).
LOAN_LETTERS = set("ёцчъьэ")
CAUSES = [
    ("һ written h (read back as х)", re.compile("һ")),
    ("loan letter ц ч ъ ь э ё", re.compile("[цчъьэё]")),
    ("и/й next to a vowel", re.compile("[аәеоөұүыіуи][ий]|[ий][аәеоөұүыіуяюё]")),
    ("я ю ё (i + vowel)", re.compile("[яюё]")),
    ("шш read back as щ", re.compile("шш")),
]


def fixtures(data: Path) -> None:
    path = data / "script" / "parallel_fixtures.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["target_scheme"] in SCHEMES]
    print(f"Parallel fixtures ({path}):")
    for scheme, code in SCHEMES.items():
        pairs = [(r["cyrillic"], r["target_text"]) for r in rows if r["target_scheme"] == scheme]
        forward = sum(convert(c, code, source="cyrl") == t for c, t in pairs)
        back = sum(convert(t, "cyrl", source=code) == c for c, t in pairs)
        print(f"  cyrl->{code}: {forward}/{len(pairs)} exact   {code}->cyrl: {back}/{len(pairs)} exact")
        for c, t in pairs:
            for got, want, label in ((convert(c, code, source="cyrl"), t, f"cyrl->{code}"),
                                     (convert(t, "cyrl", source=code), c, f"{code}->cyrl")):
                if got != want:
                    diff = [(g, w) for g, w in zip(got.split(), want.split()) if g != w]
                    print(f"    {label} differs: {diff}")


def cause_of(word: str) -> str:
    return next((name for name, rx in CAUSES if rx.search(word)), "other")


def round_trip(data: Path) -> None:
    path = data / "unimorph-kaz" / "kaz.noun.tsv"
    with path.open(encoding="utf-8") as f:
        lemmas = sorted({line.split("\t")[0] for line in f if line.strip()})
    words = [w for w in lemmas if re.fullmatch(r"[а-яёәғқңөұүһі]+", w.lower())]
    native = [w for w in words if not LOAN_LETTERS & set(w.lower())]
    print(f"\nRound trip on {path}: {len(lemmas)} lemmas, {len(words)} single words, "
          f"{len(native)} native (no {''.join(sorted(LOAN_LETTERS))}).")
    for via in ("latn", "arab"):
        for label, group in (("native", native), ("all single words", words)):
            failures = [(w, convert(w, via, source="cyrl")) for w in group]
            failures = [(w, v, convert(v, "cyrl", source=via)) for w, v in failures]
            failures = [f for f in failures if f[2] != (f[0] if via == "latn" else f[0].lower())]
            ok = len(group) - len(failures)
            print(f"  cyrl->{via}->cyrl, {label}: {ok}/{len(group)} = {100 * ok / len(group):.2f}%")
            if label == "native":
                by_cause = defaultdict(list)
                for w, v, back in failures:
                    by_cause[cause_of(w) if via == "latn" else "front/back vowel not shown"].append(
                        f"{w}>{v}>{back}")
                for cause, items in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
                    shown = ", ".join(items[:12]) + (" ..." if len(items) > 12 else "")
                    print(f"    {cause} ({len(items)}): {shown}")


def fuzz(n: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    alphabet = ("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘҒҚҢӨҰҮІЁЮЯЧ"
                "aäbdefgğhiıjklmnñoöpqrsştuūüvyzİIŞÇCWX" "اەبپتجچحدرزسشعفقكگڭلمنوۆۇۋىيھٴٵ،؛؟"
                " ,.;?!-'\"«»0123456789\n\u0306\u0308")
    errors = 0
    for _ in range(n):
        size = rng.randint(0, 60)
        if rng.random() < 0.2:  # some arbitrary code points too
            text = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(size))
        else:
            text = "".join(rng.choice(alphabet) for _ in range(size))
        for to in SCRIPTS:
            for source in (None, *SCRIPTS):
                try:
                    convert(text, to, source)
                except Exception as exc:  # noqa: BLE001 - counting is the point
                    errors += 1
                    if errors <= 5:
                        print(f"  {type(exc).__name__} on {text!r} to={to} source={source}: {exc}")
    print(f"\nFuzz: {n} random strings x 12 conversions: {errors} exceptions.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--fuzz", type=int, default=0, metavar="N", help="also convert N random strings")
    args = parser.parse_args(argv)
    data = shared_data_or_exit(args.data)
    fixtures(data)
    round_trip(data)
    if args.fuzz:
        fuzz(args.fuzz)
    return 0


if __name__ == "__main__":
    sys.exit(main())
