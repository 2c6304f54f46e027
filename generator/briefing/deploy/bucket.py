"""The bucket, through boto3: the manifest read and written, files uploaded and deleted.

Credentials come only from boto3's standard chain (environment, shared config and credentials
files, a profile, an instance or container role): never from the command line, never logged.
boto3 is imported here and only when a deploy starts, so the default install does without it
(`pip install 'briefing[s3]'`). Every client error becomes one `DeployError` line that says
what failed and what to check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from briefing.deploy.site_files import SiteFile
from briefing.deploy.target import DeployError, Target

DELETE_BATCH = 1000  # the most keys one DeleteObjects request takes
PERMISSIONS = "s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject"
_MISSING = {"NoSuchBucket", "404", "NotFound"}  # NoSuchKey is the manifest's absence, handled where it is read
_REFUSED = {"AccessDenied", "403", "Forbidden", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"}


NEEDS_BOTO3 = "briefing deploy s3 needs boto3: pip install 'briefing[s3]' (pinned: requirements/s3-lock.txt)"


def session(region: str | None) -> Any:
    """A boto3 session on the standard credential chain; a `DeployError` without boto3 or without credentials."""
    with translated("reading the AWS configuration"):
        import boto3.session

        opened = boto3.session.Session(region_name=region)
        if opened.get_credentials() is None:
            raise DeployError(
                "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, "
                "or AWS_PROFILE to a profile in ~/.aws (never on the command line)"
            )
    return opened


def client_config(jobs: int) -> Any:
    from botocore.config import Config

    return Config(
        max_pool_connections=max(10, jobs),
        retries={"mode": "standard", "max_attempts": 4},
        connect_timeout=10,
        read_timeout=60,
    )


class S3Bucket:
    """The target's bucket through one boto3 S3 client (thread-safe: uploads share it)."""

    def __init__(self, client: Any, target: Target) -> None:
        self.client = client
        self.target = target

    @classmethod
    def connect(cls, target: Target, jobs: int = 8) -> S3Bucket:
        with translated(f"connecting to {target.where()}"):
            client = session(target.region).client("s3", endpoint_url=target.endpoint_url, config=client_config(jobs))
        return cls(client, target)

    def check(self) -> None:
        """Fail early, with a clear line, when the bucket is missing, unreachable or refused."""
        with translated(f"opening {self.target.url()}", self.target):
            self.client.head_bucket(Bucket=self.target.bucket)

    def read_manifest(self) -> bytes | None:
        """The manifest's bytes, or None when there is none (a first deploy)."""
        with translated(f"reading {self.target.url()}{_manifest_name(self.target)}", self.target):
            try:
                response = self.client.get_object(Bucket=self.target.bucket, Key=self.target.manifest_key)
            except self.client.exceptions.NoSuchKey:
                return None
            body: bytes = response["Body"].read()
            return body

    def write_manifest(self, data: bytes) -> None:
        with translated(f"writing {self.target.url()}{_manifest_name(self.target)}", self.target):
            self.client.put_object(
                Bucket=self.target.bucket,
                Key=self.target.manifest_key,
                Body=data,
                ContentType="application/gzip",
                CacheControl="no-store",
            )

    def upload(self, file: SiteFile) -> None:
        """Put one file with its headers; its bytes are checked against the plan's hash first."""
        try:
            data = file.source.read_bytes()
        except OSError as exc:
            raise DeployError(f"{file.source}: cannot read it ({exc.strerror or type(exc).__name__})") from None
        if hashlib.sha256(data).hexdigest() != file.sha256:
            raise DeployError(f"{file.source} changed during the deploy (a build running?); deploy again once the build is done")
        with translated(f"uploading {file.path}", self.target):
            self.client.put_object(
                Bucket=self.target.bucket,
                Key=self.target.key(file.path),
                Body=data,
                ContentType=file.headers.content_type,
                CacheControl=file.headers.cache_control,
                Metadata={"sha256": file.sha256},
            )

    def delete(self, paths: list[str]) -> None:
        for start in range(0, len(paths), DELETE_BATCH):
            batch = paths[start : start + DELETE_BATCH]
            with translated(f"deleting {len(batch)} files", self.target):
                response = self.client.delete_objects(
                    Bucket=self.target.bucket,
                    Delete={"Objects": [{"Key": self.target.key(path)} for path in batch], "Quiet": True},
                )
            errors = response.get("Errors") or []
            if errors:
                first = errors[0]
                raise DeployError(f"deleting {first.get('Key')}: {first.get('Code')}: {first.get('Message')} ({len(errors)} failed)")


def _manifest_name(target: Target) -> str:
    return target.manifest_key[len(target.prefix) :]


@contextmanager
def translated(action: str, target: Target | None = None) -> Iterator[None]:
    """botocore's exceptions as one `DeployError` line: what failed, why, and what to check."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
    except ImportError:  # the default install: boto3 is the s3 extra's
        raise DeployError(NEEDS_BOTO3) from None
    try:
        yield
    except NoCredentialsError:
        raise DeployError(f"{action}: no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)") from None
    except ClientError as exc:
        error = exc.response.get("Error", {})
        code, message = str(error.get("Code", "")), str(error.get("Message", "")).strip()
        bucket = f"bucket {target.bucket!r}" if target else "the bucket"
        if code in _MISSING:  # a bare 404 comes only from HEAD requests, and the only one is the bucket's
            raise DeployError(f"{action}: {bucket} does not exist at this endpoint (check --bucket, --endpoint-url and --region)") from None
        if code in _REFUSED:
            raise DeployError(f"{action}: access denied ({code}); the credentials need {PERMISSIONS} on {bucket}") from None
        raise DeployError(_one_line(f"{action}: {code or 'error'}: {message or exc}")) from None
    except BotoCoreError as exc:
        raise DeployError(_one_line(f"{action}: {exc}")) from None
    except ValueError as exc:  # botocore's checks of parameters, e.g. an invalid endpoint URL
        raise DeployError(_one_line(f"{action}: {exc}")) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())
