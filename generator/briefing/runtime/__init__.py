"""How the pipeline runs: worker processes, timing and the progress line."""
