"""Reading and checking what editors write: story files (YAML or JSON, with positions), the
newsroom's configuration and catalogue file, evidence spans, the schema and the cross-checks."""
