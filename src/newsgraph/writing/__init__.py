"""Writing what a build publishes: Turtle, TriG, N-Triples and N-Quads, JSON-LD, the HTML embed,
IPTC ninjs, and the files themselves (atomically: all or nothing)."""
