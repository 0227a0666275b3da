"""The bundled web font: DejaVu Sans cut down to the scripts Kazakh is written in.

One family covers all three scripts (Cyrillic, the 2021 Latin alphabet, the Arabic-based
tote jazu), so a learner switching scripts never sees a fallback font. The full TTF is
~740 KB; the WOFF2 subset is what the pages load. Rebuild with
`python -m qazaq.site.fonts` (needs Debian's fonts-dejavu-core and `pip install fonttools brotli`).
"""
from __future__ import annotations

import sys
from pathlib import Path

from qazaq.shared import REPO_ROOT

FONT_DIR = REPO_ROOT / "assets" / "fonts"
SOURCES = {
    "regular": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "bold": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}
# Basic Latin + Latin-1 + Latin Extended-A (ğ ı ş ū ...), Cyrillic, Arabic, general punctuation,
# and the Arabic presentation forms some browsers map to.
UNICODE_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x017F), (0x0300, 0x036F), (0x0400, 0x04FF),
    (0x0600, 0x06FF), (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2190, 0x2193), (0x2713, 0x2717),
    (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
]
# Letters a learner must always see in the bundled font (tests check the shipped files).
KAZAKH_LETTERS = {
    "cyrl": "әғқңөұүһіӘҒҚҢӨҰҮҺІ",
    "latn": "äğıñöşūüÄĞİÑÖŞŪÜ",
    "arab": "ٴۇۋڭەاعقۆى",
}


def font_path(weight: str) -> Path:
    return FONT_DIR / f"DejaVuSans-kk-{weight}.woff2"


def build_subset(source: Path, target: Path) -> None:
    from fontTools import subset  # here, not on top: only a font rebuild needs it, never the server

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic joining (init/medi/fina) and ligatures need GSUB
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in UNICODE_RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> int:
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    for weight, source in SOURCES.items():
        if not source.exists():
            print(f"missing {source}: apt-get install fonts-dejavu-core", file=sys.stderr)
            return 1
        build_subset(source, font_path(weight))
        print(f"{font_path(weight).relative_to(REPO_ROOT)}: {font_path(weight).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
