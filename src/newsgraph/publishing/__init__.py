"""Building an article: map the story, write every serialisation, check it against the contract
and read it back; many stories in a batch, and the catalogue's own graph."""
