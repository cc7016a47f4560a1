"""Write the parts of the published contract that are decided elsewhere, or check them.

ontology/shapes.ttl and schemas/newsgraph-jsonld.schema.json list the classes, event statuses and
participant roles of src/newsgraph/model/vocab.py; the profile requires the bundled context of
schemas/newsgraph-context.jsonld; the profile, the shapes and schemas/catalogue.schema.json share
the story schema's forms of a language tag, a QID, an id and a date (newsgraph.contract.derived).
After changing any of those:

    python scripts/contract.py           # rewrite the files
    python scripts/contract.py --check   # exit 1 and name the files that are out of date

The tests run the same check (tests/test_conformance.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.contract.derived import catalogue_schema, profile_document, shapes_text
from newsgraph.writing.files import write_files

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "ontology" / "shapes.ttl"
PROFILE = ROOT / "schemas" / "newsgraph-jsonld.schema.json"
CONTEXT = ROOT / "schemas" / "newsgraph-context.jsonld"
STORY_SCHEMA = ROOT / "schemas" / "story.schema.json"
CATALOGUE_SCHEMA = ROOT / "schemas" / "catalogue.schema.json"


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _text(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def written() -> dict[Path, str]:
    """Each file as it should read."""
    story = _json(STORY_SCHEMA)
    return {
        SHAPES: shapes_text(SHAPES.read_text(encoding="utf-8"), story),
        PROFILE: _text(profile_document(_json(PROFILE), _json(CONTEXT), story)),
        CATALOGUE_SCHEMA: _text(catalogue_schema(_json(CATALOGUE_SCHEMA), story)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    args = parser.parse_args()
    stale = {path: text for path, text in written().items() if path.read_text(encoding="utf-8") != text}
    for path, text in stale.items():
        if args.check:
            print(f"{path.relative_to(ROOT)}: out of date; run python scripts/contract.py", file=sys.stderr)
        else:
            write_files(path.parent, {path.name: text.encode("utf-8")})
            print(f"{path.relative_to(ROOT)}: rewritten")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
