"""The files a command is given: folders walked, and every path that cannot be read named
with the reason, never skipped in silence (used by `ingest` and `extract`).

A missing path, a dangling symbolic link, a loop of symbolic links, an unreadable file or
folder and a path that is no regular file each become one `Unreadable`; the commands count
them as failed and go on with the rest. Hidden files and folders (names starting with `.`)
below a folder are not read, and counted, so the summary can say so. Paths are named as
`shown_path` shows them: bytes of a name that are no UTF-8 written as `\xff`.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from evkg.core.errors import EvkgError
from evkg.extract.readers import SUFFIXES
from evkg.extract.readers.limits import shown_path

_REASONS = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
            errno.ENOENT: "no such file or folder", errno.ELOOP: "a loop of symbolic links",
            errno.ENOTDIR: "a path through something that is not a folder"}


@dataclass(frozen=True)
class Unreadable:
    path: str
    reason: str


@dataclass(frozen=True)
class Found:
    files: tuple[Path, ...]
    unreadable: tuple[Unreadable, ...]
    hidden_files: int = 0  # hidden files of a type evkg reads, below the folders given
    hidden_folders: int = 0  # hidden folders below the folders given (not entered)

    def hidden_note(self) -> str:
        """'2 hidden files and 1 hidden folder skipped', or '' when none were."""
        parts = [f"{n} hidden {what}{'s' if n != 1 else ''}" for n, what in
                 ((self.hidden_files, "file"), (self.hidden_folders, "folder")) if n]
        return " and ".join(parts) + " skipped" if parts else ""


def os_reason(e: OSError) -> str:
    """Why a file operation failed, in a few words."""
    return _REASONS.get(e.errno, (e.strerror or str(e)).lower())


def _problem(path: Path) -> str | None:
    """Why `path` (a file to read) cannot be read, or None when it can."""
    if path.is_symlink():
        try:
            path.stat()
        except OSError as e:
            if e.errno == errno.ELOOP:
                return f"a loop of symbolic links (to {os.readlink(path)}, which never reaches a file)"
            if e.errno == errno.ENOENT:
                return f"dangling symbolic link (to {os.readlink(path)})"
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "not a regular file"
        with path.open("rb"):
            return None
    except OSError as e:
        return os_reason(e)


def _walk(folder: Path, files: list[Path], unreadable: list[Unreadable]) -> tuple[int, int]:
    """Readable files of the types evkg reads below `folder`; hidden entries are not entered
    but counted: (hidden files of those types, hidden folders)."""
    def failed(e: OSError):
        unreadable.append(Unreadable(shown_path(e.filename or folder), f"folder cannot be read: {os_reason(e)}"))

    found = []
    hidden_files = hidden_folders = 0
    for root, dirs, names in os.walk(folder, onerror=failed):
        hidden_folders += sum(d.startswith(".") for d in dirs)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            f = Path(root) / name
            if f.suffix.lower() not in SUFFIXES:
                continue
            if name.startswith("."):
                hidden_files += 1
                continue
            why = _problem(f)
            if why:
                unreadable.append(Unreadable(shown_path(f), why))
            else:
                found.append(f)
    files.extend(sorted(found))
    return hidden_files, hidden_folders


def discover(paths: Iterable[str | Path]) -> Found:
    """Files named, and files below folders named (recursively, readable types only, no hidden
    ones), with every path that cannot be read and why."""
    files: list[Path] = []
    unreadable: list[Unreadable] = []
    hidden = [0, 0]
    for p in map(Path, paths):
        if p.is_dir():
            hidden = [a + b for a, b in zip(hidden, _walk(p, files, unreadable))]
        elif not os.path.lexists(p):
            unreadable.append(Unreadable(shown_path(p), "no such file or folder"))
        elif why := _problem(p):
            unreadable.append(Unreadable(shown_path(p), why))
        else:
            files.append(p)
    kept, more = _once(files)
    return Found(kept, tuple(unreadable) + more, *hidden)


def _once(files: list[Path]) -> tuple[tuple[Path, ...], tuple[Unreadable, ...]]:
    """Each file once: a second name for one file (a link, or a path given twice) is read under
    the first name only, and a link under another name is said, since the store keeps files by
    their real path and one would silently replace the other."""
    first: dict[Path, Path] = {}
    kept = []
    again = []
    for f in files:
        real = f.resolve()
        if real not in first:
            first[real] = f
            kept.append(f)
        elif f.name != first[real].name:
            again.append(Unreadable(shown_path(f), f"the same file as {shown_path(first[real])}, "
                                                   "which is read under that name"))
    return tuple(kept), tuple(again)


def failure_message(path: str | Path, e: Exception) -> str:
    """The line a command prints for a file that failed: the reason, without the path prefix.
    An unexpected error (a bug) is raised again when EVKG_DEBUG asks for its traceback."""
    if isinstance(e, EvkgError):
        return str(e).removeprefix(f"{shown_path(path)}: ")
    if isinstance(e, OSError):
        return os_reason(e)
    if os.environ.get("EVKG_DEBUG"):
        raise e
    return internal_error(e)


def internal_error(e: BaseException) -> str:
    """The line for an error no input should cause (a bug in evkg)."""
    return (f"internal error ({type(e).__name__}: {' '.join(str(e).split())}); "
            "please report it with this file (EVKG_DEBUG=1 shows the traceback)")
