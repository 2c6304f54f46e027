"""The one-off build without MkDocs: the build session, its store, the search index and the output folder."""
