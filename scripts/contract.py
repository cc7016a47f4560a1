"""Write the lists of the published contract that the vocabulary decides, or check them.

ontology/shapes.ttl and schemas/newsgraph-jsonld.schema.json list the classes, event statuses and
participant roles newsgraph publishes, and the profile requires the bundled context; each is
written from src/newsgraph/model/vocab.py and schemas/newsgraph-context.jsonld
(newsgraph.contract.derived). After changing the vocabulary or the context:

    python scripts/contract.py           # rewrite the two files
    python scripts/contract.py --check   # exit 1 and name the files that are out of date

The tests run the same check (tests/test_conformance.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.contract.derived import profile_document, shapes_text

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "ontology" / "shapes.ttl"
PROFILE = ROOT / "schemas" / "newsgraph-jsonld.schema.json"
CONTEXT = ROOT / "schemas" / "newsgraph-context.jsonld"


def written() -> dict[Path, str]:
    """Each file as it should read."""
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))
    return {
        SHAPES: shapes_text(SHAPES.read_text(encoding="utf-8")),
        PROFILE: json.dumps(profile_document(profile, context), indent=2, ensure_ascii=False) + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    args = parser.parse_args()
    stale = [path for path, text in written().items() if path.read_text(encoding="utf-8") != text]
    for path in stale:
        if args.check:
            print(f"{path.relative_to(ROOT)}: out of date; run python scripts/contract.py", file=sys.stderr)
        else:
            path.write_text(written()[path], encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: rewritten")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
