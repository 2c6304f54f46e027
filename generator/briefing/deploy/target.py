"""Where a deploy goes (bucket, prefix, endpoint) and the one error type a deploy raises."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

MANIFEST_NAME = ".briefing-deploy.json.gz"  # beside the site's files; MkDocs never writes dotfiles


class DeployError(Exception):
    """A deploy cannot go on: one line a user can act on (the CLI prints it without a traceback)."""


@dataclass(frozen=True)
class Target:
    """A bucket and the key prefix the site lives under (`""` for the bucket's root)."""

    bucket: str
    prefix: str = ""
    endpoint_url: str | None = None
    region: str | None = None

    @classmethod
    def of(cls, bucket: str, prefix: str = "", endpoint_url: str | None = None, region: str | None = None) -> Target:
        """The target with its prefix normalised to `a/b/` (or empty) and the options checked."""
        if not bucket or "/" in bucket or bucket.strip() != bucket:
            raise DeployError(f"--bucket {bucket!r}: give the bucket's name alone (no s3://, no slash, no spaces)")
        parts = [part for part in prefix.strip("/").split("/") if part]
        if any(part in (".", "..") for part in parts):
            raise DeployError(f"--prefix {prefix!r}: '.' and '..' are not allowed in a prefix")
        if endpoint_url is not None:
            split = urlsplit(endpoint_url)
            if split.scheme not in ("http", "https") or not split.hostname:
                raise DeployError(f"--endpoint-url {endpoint_url!r}: give a URL such as https://s3.example.com")
        return cls(bucket, "".join(f"{part}/" for part in parts), endpoint_url or None, region or None)

    def key(self, path: str) -> str:
        """The object key of a site file (`actors/x/index.html` -> `prefix/actors/x/index.html`)."""
        return self.prefix + path

    @property
    def manifest_key(self) -> str:
        return self.key(MANIFEST_NAME)

    def url(self, path: str = "") -> str:
        """`s3://bucket/prefix/path`, for messages."""
        return f"s3://{self.bucket}/{self.key(path)}"

    def where(self) -> str:
        """The target as the summary shows it: the S3 URL and, for another service, its host (never credentials)."""
        if self.endpoint_url is None:
            return self.url()
        split = urlsplit(self.endpoint_url)
        host = split.hostname or ""
        return f"{self.url()} at {split.scheme}://{host}{f':{split.port}' if split.port else ''}"


def site_path(key: str) -> str:
    """A manifest path checked: relative, normalised, no `..` (a tampered manifest must not reach
    outside the prefix), no control character (paths are printed, one per line, in CI logs)."""
    if not key or key.startswith("/") or posixpath.normpath(key) != key or key.split("/")[0] == "..":
        raise ValueError(f"{key!r} is not a path inside the site")
    if has_control_character(key):
        raise ValueError(f"{key!r} holds a control character")
    return key


def has_control_character(text: str) -> bool:
    return any(ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0 for character in text)
