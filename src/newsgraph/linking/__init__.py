"""One IRI for one thing across articles: reconciliation proposes catalogue entries and Wikidata
items for a story's entities and events; promotion moves an entity into the catalogue."""
