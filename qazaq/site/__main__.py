"""`python -m qazaq.site [--port N]`: serve the lessons with Voila (what `make serve` runs)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

from qazaq.site import voila_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the Qazaq Notebooks lessons with Voila.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8866)))
    args = parser.parse_args(argv)
    print(f"Qazaq Notebooks: serving the lessons at http://127.0.0.1:{args.port}/", flush=True)
    try:
        return subprocess.call(voila_command(args.port))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
