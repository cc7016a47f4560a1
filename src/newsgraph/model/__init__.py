"""The story model and the vocabulary it maps to: plain dataclasses, namespaces and type tables,
IRIs, dates at the precision the text gives. Pure: no I/O, used by every stage above it."""
