"""Compiled JSON Schemas: jsonschema-rs decides, jsonschema explains.

jsonschema-rs (Rust) checks a document in microseconds and is what decides whether it is valid;
when it is not, the Python ``jsonschema`` validator lists the errors with the detail an editor
needs (the failing keyword, the allowed values, the schema's description). Neither ever fetches a
``$ref``: only the packaged schemas resolve.

>>> schema = compiled("schemas/story.schema.json")
>>> schema.is_valid({"newsgraph": 1})
False
>>> [e.message for e in schema.errors({"newsgraph": 1})]
["'article' is a required property"]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .resources import read_json

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = ["CompiledSchema", "compiled"]


def _refuse(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # referencing's attrs fields are hidden from mypy


def _refuse_rs(uri: str) -> Any:
    raise ValueError(f"newsgraph never fetches a schema $ref ({uri})")


@dataclass(frozen=True)
class CompiledSchema:
    """One packaged schema, compiled for the fast validator; the detailed one (and its import)
    only when there are errors to explain. The packaged schemas are checked against their
    metaschema by the tests, not at every run."""

    name: str
    schema: dict[str, Any] = field(repr=False)
    fast: Any  # jsonschema_rs validator

    def is_valid(self, instance: Any) -> bool:
        return self.fast.is_valid(instance)

    @cached_property
    def detailed(self) -> Draft202012Validator:
        from jsonschema import Draft202012Validator
        from referencing import Registry

        registry = Registry(retrieve=_refuse)  # type: ignore[call-arg]  # as above
        return Draft202012Validator(self.schema, registry=registry)

    def errors(self, instance: Any) -> Iterator[ValidationError]:
        """The errors of an instance, in the detailed form (empty when it is valid)."""
        if self.fast.is_valid(instance):
            return
        from jsonschema.exceptions import ValidationError

        found = False
        for error in self.detailed.iter_errors(instance):
            found = True
            yield error
        if not found:
            # The dialects differ at the edges (a Python regex '$' also matches before a final
            # newline): the Rust verdict stands, with its own words.
            for error in self.fast.iter_errors(instance):
                yield ValidationError(
                    error.message,
                    path=list(error.instance_path),
                    instance=error.instance,
                    validator="pattern" if "does not match" in error.message else "",
                )


@cache
def compiled(name: str, definition: str | None = None) -> CompiledSchema:
    """The packaged schema ``name`` (e.g. ``schemas/story.schema.json``), compiled once per
    process; with ``definition``, the schema's ``$defs`` entry of that name."""
    schema = read_json(name)
    if definition is not None:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
    fast = jsonschema_rs.Draft202012Validator(schema, retriever=_refuse_rs)
    return CompiledSchema(name, schema, fast)
