"""Mapping a story to RDF: the triples of its article's named graph and the schema.org structured
data of its page. Pure functions of the model; the writers serialise what they produce."""
