"""Contributor CLI: `python -m components.validate [PATH] [--json]` checks a data directory.

Exit 0 with one summary line when the data is valid; exit 1 with one line per problem otherwise.
"Valid" means the app runs on it: besides loading, the CLI builds every table the pages draw from,
in each language, and reports a failure there as a problem. Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from components.data.checks import frame_problems
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

    root = Path(args.path)
    result = load_dataset(root)
    problems = list(result.problems)
    if root.is_dir():  # with no folder there is nothing to build
        problems.extend(frame_problems(result.dataset, root.name))
    ok = not problems
    counts = result.dataset.counts()
    if args.json:
        payload = {"ok": ok, "counts": counts, "problems": [p.as_dict() for p in problems]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif ok:
        print("ok: " + ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items()))
    else:
        for problem in problems:
            print(problem.format())
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
