"""Deploy a built site to S3-compatible object storage (`briefing deploy s3`); nothing here imports MkDocs."""
