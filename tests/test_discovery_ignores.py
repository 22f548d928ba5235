"""A folder walk skips what the repository ignores: ``.git``, ``node_modules`` (always), and
what the ``.gitignore`` files (root, nested, the folders above the one walked) and
``.git/info/exclude`` ignore, with git's rules. A file or folder named on the command line is
linted even when ignored."""

from __future__ import annotations

import os

from helpers_cli import VQ, by_path, cli, git, report, write

DOG = "Dogs bark.\n"
ARGS = ("--select", VQ, "--format", "json", "--no-cache")


def linted(*paths: str, cwd) -> list[str]:
    result = cli("lint", *paths, *ARGS, cwd=cwd)
    assert result.stderr == "", result.stderr
    return sorted(by_path(report(result)))


def repo(root, files: dict[str, str]):
    write(root, files)
    git(root, "init", "-q", "-b", "main")
    return root


TREE = {
    ".gitignore": "build/\n*.txt\n!keep.txt\n/drafts/\n# a comment.md\ntmp-*\n",
    "content/.gitignore": "secret.md\n!../ok.md\n",
    "content/sub/.gitignore": "!secret.md\n",
    "content/a.md": DOG, "content/secret.md": DOG, "content/sub/secret.md": DOG, "content/b.txt": DOG,
    "content/keep.txt": DOG, "content/tmp-x.md": DOG, "content/drafts/d.md": DOG, "build/x.md": DOG,
    "drafts/d.md": DOG, "local.md": DOG, "content/local.md": DOG, "ok.md": DOG, "# a comment.md": DOG,
    "node_modules/pkg/readme.md": DOG, "content/node_modules/x.md": DOG,
}


def test_a_folder_walk_skips_what_git_ignores_and_node_modules(tmp_path):
    root = repo(tmp_path, TREE)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("local.md\n", encoding="utf-8")
    (root / ".git" / "notes.md").write_text(DOG, encoding="utf-8")
    assert linted(".", cwd=root) == ["./# a comment.md", "./content/a.md", "./content/drafts/d.md",
                                     "./content/keep.txt", "./content/sub/secret.md", "./ok.md"]
    # the same as git's own view of the files it does not ignore, less node_modules
    untracked = git(root, "ls-files", "--others", "--exclude-standard").splitlines()
    drafts = [f"./{p}" for p in untracked if p.endswith((".md", ".txt")) and "node_modules" not in p.split("/")]
    assert sorted(drafts) == linted(".", cwd=root)


def test_the_rules_of_the_folders_above_apply_when_a_subfolder_is_walked(tmp_path):
    root = repo(tmp_path, TREE)
    assert linted("content", cwd=root) == ["content/a.md", "content/drafts/d.md", "content/keep.txt",
                                           "content/local.md", "content/sub/secret.md"]
    assert linted(".", cwd=root / "content" / "sub") == ["./secret.md"]


def test_what_is_named_on_the_command_line_is_linted_even_when_ignored(tmp_path):
    root = repo(tmp_path, TREE)
    assert linted("content/secret.md", "build/x.md", "node_modules/pkg/readme.md", "content/b.txt", cwd=root) == [
        "build/x.md", "content/b.txt", "content/secret.md", "node_modules/pkg/readme.md"]
    assert linted("build", "drafts", cwd=root) == ["build/x.md", "drafts/d.md"]
    assert linted("node_modules", cwd=root) == ["node_modules/pkg/readme.md"]
    # below a folder named on the command line, its own ignore files still apply
    assert linted("content/sub/..", cwd=root) == ["content/sub/../a.md", "content/sub/../drafts/d.md",
                                                  "content/sub/../keep.txt", "content/sub/../local.md",
                                                  "content/sub/../sub/secret.md"]


def test_text_output_lists_only_the_drafts_not_ignored(tmp_path):
    root = repo(tmp_path, {".gitignore": "old/\n", "post.md": "Many dogs bark.\n", "old/post.md": "Many cats.\n"})
    result = cli("lint", ".", "--select", VQ, "--fail-under", "0", "--quiet", "--no-cache", cwd=root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"./post.md:1:1: warning {VQ} 'Many' is vague: say how many or how much\n"


def test_outside_a_repository_node_modules_is_skipped_and_only_the_folders_own_ignore_files_count(tmp_path):
    write(tmp_path, {".gitignore": "*.md\n", "site/.gitignore": "private/\n", "site/a.md": DOG,
                     "site/private/b.md": DOG, "site/node_modules/c.md": DOG, "site/vendor/d.md": DOG})
    assert linted("site", cwd=tmp_path) == ["site/a.md", "site/vendor/d.md"]


def test_an_ignore_file_that_is_a_link_is_not_followed(tmp_path):
    root = repo(tmp_path, {"elsewhere": "*.md\n", "content/a.md": DOG})
    os.symlink(root / "elsewhere", root / "content" / ".gitignore")
    result = cli("lint", "content", *ARGS, cwd=root)
    assert by_path(report(result)) == {"content/a.md": ("thought-leadership", False, [])}
    assert result.stderr == ("draftlint: warning: content/.gitignore: not read: an ignore file that is a symbolic link "
                             "(git does not follow it either)\n"
                             "draftlint: warning: content/.gitignore: not read: a symbolic link out of content\n")
