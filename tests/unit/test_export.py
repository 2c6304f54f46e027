"""export.export_pages: write pages to a folder Briefing owns, never into someone else's."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from briefing.build.export import MANIFEST, ExportError, export_pages
from briefing.render.output import MarkdownPage, Output

PAGES = [
    MarkdownPage("index.md", "# Home\n", None),
    MarkdownPage("actors/xi-jinping.md", "# Xi Jinping\n", "data/actors.yml", in_nav=False),
    MarkdownPage("articles/2024/05/summit.md", "# Summit – café\n", "articles/2024-05-15-summit.md", in_nav=False),
]


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


def test_writes_pages_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"

    count = export_pages(PAGES, out)

    assert count == 3
    files = tree(out)
    assert files == {
        MANIFEST: files[MANIFEST],
        "actors/xi-jinping.md": "# Xi Jinping\n",
        "articles/2024/05/summit.md": "# Summit – café\n",
        "index.md": "# Home\n",
    }
    assert json.loads(files[MANIFEST]) == {
        "generator": "briefing",
        "files": {uri: hashlib.sha256(text.encode()).hexdigest() for uri, text in sorted(files.items()) if uri != MANIFEST},
    }
    assert (out / "articles/2024/05/summit.md").read_bytes() == "# Summit – café\n".encode()
    assert siblings(out) == ["out"]  # no staging or retired folder left behind


def test_pages_get_their_blocks_back_and_data_files_are_written_as_they_are(tmp_path: Path) -> None:
    out = tmp_path / "out"
    placeholder = "<!--briefing-block-0-->"
    page = MarkdownPage("index.md", f"# Home\n\n{placeholder}\n", None, blocks=("<ul><li>x</li></ul>",))
    feed = Output("feeds/all.xml", f"<feed>{placeholder}</feed>\n")

    export_pages([page, feed], out)

    assert (out / "index.md").read_text(encoding="utf-8") == page.markdown
    assert "<ul><li>x</li></ul>" in page.markdown and placeholder not in page.markdown
    assert (out / "feeds/all.xml").read_text(encoding="utf-8") == f"<feed>{placeholder}</feed>\n"


def test_creates_missing_parent_folders(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"

    assert export_pages(PAGES[:1], out) == 1
    assert tree(out)["index.md"] == "# Home\n"


def test_empty_existing_folder_is_used(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()

    assert export_pages(PAGES[:1], out) == 1
    assert sorted(tree(out)) == [MANIFEST, "index.md"]
    assert siblings(out) == ["out"]


def test_folder_with_only_empty_subfolders_is_exported_or_cleanly_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "empty-sub").mkdir(parents=True)

    try:
        count = export_pages(PAGES[:1], out)
    except ExportError:
        assert tree(out) == {}  # a clean refusal, nothing written, is acceptable too
    else:
        assert count == 1
        assert sorted(tree(out)) == [MANIFEST, "index.md"]
    assert siblings(out) == ["out"]


def test_refuses_a_non_empty_folder_it_did_not_create(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.md").write_text("mine\n", encoding="utf-8")

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert str(info.value) == (f"{out} is not empty and was not created by 'briefing export'; choose a new or empty folder")
    assert tree(out) == {"notes.md": "mine\n"}
    assert siblings(out) == ["docs"]


def test_refuses_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert str(info.value) == f"{out} is a file, not a folder"
    assert out.read_text(encoding="utf-8") == "x"


def test_reexport_replaces_its_own_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)

    count = export_pages([MarkdownPage("index.md", "# New home\n", None), MarkdownPage("topics/trade.md", "# Trade\n", None)], out)

    assert count == 2
    files = tree(out)
    assert {k: v for k, v in files.items() if k != MANIFEST} == {"index.md": "# New home\n", "topics/trade.md": "# Trade\n"}
    assert list(json.loads(files[MANIFEST])["files"]) == ["index.md", "topics/trade.md"]
    assert siblings(out) == ["out"]


def test_reexport_after_the_user_deleted_an_exported_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    (out / "index.md").unlink()

    assert export_pages(PAGES, out) == 3
    assert tree(out)["index.md"] == "# Home\n"


def test_refuses_when_a_foreign_file_was_added(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    (out / "actors" / "my-notes.md").write_text("keep me\n", encoding="utf-8")
    before = tree(out)

    with pytest.raises(ExportError) as info:
        export_pages([MarkdownPage("index.md", "# Changed\n", None)], out)

    assert str(info.value) == (
        f"{out} holds files 'briefing export' did not write (e.g. actors/my-notes.md); move them or choose another folder"
    )
    assert tree(out) == before
    assert siblings(out) == ["out"]


def test_refuses_a_damaged_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert str(info.value) == f"{out / MANIFEST} is damaged; remove the folder or choose another"


def test_manifest_without_file_list_is_damaged(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text('{"generator": "briefing"}', encoding="utf-8")

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert str(info.value) == f"{out / MANIFEST} is damaged; remove the folder or choose another"


def test_relative_out_is_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    assert export_pages(PAGES[:1], Path("rel-out")) == 1
    assert tree(tmp_path / "rel-out")["index.md"] == "# Home\n"


def test_failed_write_leaves_the_previous_export_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    before = tree(out)

    class Boom(MarkdownPage):
        @property
        def file_text(self) -> str:
            raise RuntimeError("render failed")

    broken = MarkdownPage.__new__(Boom)
    object.__setattr__(broken, "uri", "z.md")
    object.__setattr__(broken, "source_path", None)
    object.__setattr__(broken, "in_nav", True)

    with pytest.raises(RuntimeError, match="render failed"):
        export_pages([PAGES[0], broken], out)

    assert tree(out) == before
    assert siblings(out) == ["out"]


def test_export_folder_gets_normal_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        reference = tmp_path / "reference"
        reference.mkdir()
        out = tmp_path / "out"
        export_pages(PAGES, out)
    finally:
        os.umask(old_umask)

    expected = stat.S_IMODE(reference.stat().st_mode)
    assert expected == 0o755
    assert stat.S_IMODE((out / "actors").stat().st_mode) == expected
    assert stat.S_IMODE(out.stat().st_mode) == expected


# -------------------------------------------------------------------- what the export may delete


def test_a_sibling_named_like_the_retired_export_is_never_touched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    sibling = tmp_path / ".out.old"
    sibling.mkdir()
    (sibling / "thesis.md").write_text("years of work\n", encoding="utf-8")

    export_pages(PAGES, out)

    assert (sibling / "thesis.md").read_text(encoding="utf-8") == "years of work\n"
    assert siblings(out) == [".out.old", "out"]


def test_a_manifest_found_in_a_folder_is_not_trusted_without_matching_hashes(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "index.md").write_text("my own notes\n", encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({"generator": "briefing", "files": {"index.md": "0" * 64}}), encoding="utf-8")
    before = tree(out)

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert (
        str(info.value)
        == f"{out} holds files changed since 'briefing export' wrote them (e.g. index.md); move them or choose another folder"
    )
    assert tree(out) == before


def test_a_manifest_of_names_alone_is_refused(tmp_path: Path) -> None:
    """The older manifest (a list of names) proves nothing about the files' content."""
    out = tmp_path / "notes"
    out.mkdir()
    (out / "index.md").write_text("my own notes\n", encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({"generator": "briefing", "files": ["index.md"]}), encoding="utf-8")

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert str(info.value) == f"{out / MANIFEST} is damaged; remove the folder or choose another"
    assert (out / "index.md").read_text(encoding="utf-8") == "my own notes\n"


def test_an_exported_file_edited_since_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    (out / "index.md").write_text("# Home, with my edits\n", encoding="utf-8")

    with pytest.raises(ExportError):
        export_pages(PAGES, out)

    assert (out / "index.md").read_text(encoding="utf-8") == "# Home, with my edits\n"


def test_a_link_in_the_export_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "a.md").write_text("keep\n", encoding="utf-8")
    (out / "actors" / "linked").symlink_to(precious)

    with pytest.raises(ExportError) as info:
        export_pages(PAGES, out)

    assert str(info.value) == f"{out} holds actors/linked, which 'briefing export' does not write; move it or choose another folder"
    assert (precious / "a.md").read_text(encoding="utf-8") == "keep\n"


def test_a_manifest_naming_files_outside_the_folder_deletes_nothing_there(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_pages(PAGES, out)
    outside = tmp_path / "outside.md"
    outside.write_text("# Home\n", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["../outside.md"] = hashlib.sha256(b"# Home\n").hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    export_pages(PAGES, out)

    assert outside.read_text(encoding="utf-8") == "# Home\n"
    assert siblings(out) == ["out", "outside.md"]
