"""What a deploy must do: the site's files against the manifest of what the bucket holds.

A file is uploaded when the manifest lacks it, does not know its content (an earlier deploy was
interrupted while uploading it), or records other bytes or headers; paths the manifest names
that the site no longer has are deleted. The plan also gives the manifest to write at each step
of the deploy (`deploy/run.py`), so that at any moment the manifest names every object Briefing
may have put in the bucket and claims no content it has not seen uploaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.deploy.headers import upload_rank
from briefing.deploy.manifest import Entry, Manifest
from briefing.deploy.site_files import SiteFile


@dataclass(frozen=True)
class Plan:
    files: list[SiteFile]  # the whole site
    uploads: list[SiteFile]  # in upload order: by rank, then path
    new: frozenset[str]  # paths among the uploads that the bucket did not have
    deletes: list[str]  # in delete order: the reverse of the upload order
    kept: list[str]  # gone from the site but left in the bucket (--no-delete)
    previous: Manifest

    @property
    def unchanged(self) -> list[SiteFile]:
        uploading = {file.path for file in self.uploads}
        return [file for file in self.files if file.path not in uploading]

    @property
    def has_work(self) -> bool:
        return bool(self.uploads or self.deletes)

    def before_uploads(self) -> Manifest:
        """Written before the first upload: every path about to be written is Briefing's, its content unknown."""
        manifest = dict(self.previous)
        manifest.update(dict.fromkeys((file.path for file in self.uploads), None))
        return manifest

    def after_uploads(self) -> Manifest:
        """Written once every upload is done: the site as uploaded, and what is still to delete."""
        manifest = self._site()
        manifest.update({path: self.previous[path] for path in self.deletes})
        return manifest

    def after_deletes(self) -> Manifest:
        return self._site()

    def _site(self) -> Manifest:
        manifest: Manifest = {file.path: Entry.of(file) for file in self.files}
        manifest.update({path: self.previous[path] for path in self.kept})
        return manifest


def make_plan(files: list[SiteFile], previous: Manifest, delete: bool = True, full: bool = False) -> Plan:
    """The plan for putting `files` where `previous` describes the bucket; `full` uploads every file."""
    uploads = [file for file in files if full or previous.get(file.path) != Entry.of(file)]
    uploads.sort(key=lambda file: (file.rank, file.path))
    on_site = {file.path for file in files}
    removed = sorted(path for path in previous if path not in on_site)
    deletes = sorted(removed, key=lambda path: (-upload_rank(path), path)) if delete else []
    return Plan(
        files=files,
        uploads=uploads,
        new=frozenset(file.path for file in uploads if file.path not in previous),
        deletes=deletes,
        kept=[] if delete else removed,
        previous=previous,
    )
