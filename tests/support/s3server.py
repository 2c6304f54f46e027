"""A local S3-compatible server (moto in server mode) and what the deploy tests read back from it."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

# Credentials the server accepts (moto checks none); never real ones, and no other source is read.
TEST_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "briefing-test-key",
    "AWS_SECRET_ACCESS_KEY": "briefing-test-secret-0123456789",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
_names = count(1)


@dataclass(frozen=True)
class S3Server:
    url: str

    def environment(self, **more: str) -> dict[str, str]:
        """This process's environment with the test credentials, and nothing AWS from the host."""
        base = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
        return {**base, **TEST_CREDENTIALS, **more}

    def client(self, service: str = "s3") -> Any:
        return boto3.session.Session(
            aws_access_key_id=TEST_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=TEST_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=TEST_CREDENTIALS["AWS_DEFAULT_REGION"],
        ).client(service, endpoint_url=self.url)

    def new_bucket(self, versioned: bool = True) -> str:
        """A fresh bucket; versioned, so every PUT and DELETE of a key can be counted afterwards."""
        name = f"briefing-site-{next(_names)}"
        client = self.client()
        client.create_bucket(Bucket=name)
        if versioned:
            client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        return name


@contextmanager
def s3_server() -> Iterator[S3Server]:
    """moto's S3 (and CloudFront) on a free port of 127.0.0.1, for the time of the block."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield S3Server(f"http://{host}:{port}")
    finally:
        server.stop()


@dataclass(frozen=True)
class StoredObject:
    body: bytes
    content_type: str
    cache_control: str
    metadata: dict[str, str]


def stored_objects(client: Any, bucket: str, prefix: str = "") -> dict[str, StoredObject]:
    """Every current object under `prefix` (keys without it), with its bytes and headers, manifest left out."""
    found: dict[str, StoredObject] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            key = item["Key"]
            if key == f"{prefix}.briefing-deploy.json.gz":
                continue
            response = client.get_object(Bucket=bucket, Key=key)
            found[key[len(prefix) :]] = StoredObject(
                response["Body"].read(), response["ContentType"], response.get("CacheControl", ""), response.get("Metadata", {})
            )
    return found


def stored_digests(client: Any, bucket: str, prefix: str = "") -> dict[str, str]:
    """Every current object under `prefix` (keys without it) by the MD5 of its bytes, as the
    server computed it (the ETag of a single-part upload), manifest left out: one request per 1,000."""
    found: dict[str, str] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            if item["Key"] != f"{prefix}.briefing-deploy.json.gz":
                found[item["Key"][len(prefix) :]] = item["ETag"].strip('"')
    return found


def digests(files: dict[str, bytes]) -> dict[str, str]:
    """The MD5 of each file, to compare with `stored_digests`."""
    return {path: hashlib.md5(data).hexdigest() for path, data in files.items()}


def writes_per_key(client: Any, bucket: str) -> dict[str, int]:
    """How many times each key was written (PUT) or deleted, from the bucket's versions."""
    writes: dict[str, int] = {}
    for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for item in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
            writes[item["Key"]] = writes.get(item["Key"], 0) + 1
    return writes


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path relative to the site, with `/`."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def changed_paths(before: dict[str, bytes], after: dict[str, bytes]) -> tuple[set[str], set[str]]:
    """(paths added or changed, paths removed) from one build to the next."""
    return {p for p, data in after.items() if before.get(p) != data}, set(before) - set(after)


MATERIAL_HASHED = re.compile(r"^assets/(javascripts|stylesheets)/(.+/)?[\w-]+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$")
