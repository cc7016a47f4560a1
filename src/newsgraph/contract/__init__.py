"""The published contract, checked in-process: the JSON-LD profile and the SHACL shapes that
consumers can rely on, and the well-formedness of every term before anything is written."""
