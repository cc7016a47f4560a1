"""Serving what was published, for others to follow and reuse: IRIs that answer (a server or
static files), the dataset's VoID/DCAT description, and N-Quads dumps for bulk loaders."""
