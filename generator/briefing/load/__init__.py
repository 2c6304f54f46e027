"""Read the editors' files (articles, registries, mkdocs.yml) into a validated `Corpus`, every problem with file:line."""
