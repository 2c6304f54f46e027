"""Turn a `Corpus` into lookups: each entry's briefings, co-occurrence, related articles, neighbours in time."""
