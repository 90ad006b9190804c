"""Contributor CLI: `python -m components.validate [PATH] [--json]` checks a data directory.

Exit 0 with one summary line when the data is valid; exit 1 with one line per problem otherwise.
Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from components.data.loader import DATA_DIR, load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m components.validate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "path", nargs="?", default=str(DATA_DIR), help="data directory laid out like data/ (default: data/)"
    )
    parser.add_argument("--json", action="store_true", help="print the problems (or the counts) as JSON")
    args = parser.parse_args(argv)

    result = load_dataset(Path(args.path))
    counts = result.dataset.counts()
    if args.json:
        payload = {"ok": result.ok, "counts": counts, "problems": [p.as_dict() for p in result.problems]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif result.ok:
        print("ok: " + ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items()))
    else:
        for problem in result.problems:
            print(problem.format())
        print(f"{len(result.problems)} problem(s) found", file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
