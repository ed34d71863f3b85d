"""Taking the network away from a query worker, as a second wall behind the SPARQL guard.

Oxigraph answers SERVICE by making the HTTP request itself, from Rust, so nothing in
Python can intercept it; the process must not be able to reach a network at all. In
order of preference:

1. a new, empty network namespace (`unshare(CLONE_NEWNET)`; needs root or CAP_SYS_ADMIN):
   not even the host's loopback is there;
2. the same inside a new user namespace (unprivileged, where the kernel allows it);
3. a seccomp filter that makes `socket()` fail for IPv4 and IPv6 (Linux x86-64, arm64).

Each must run before the process starts a thread (RocksDB starts some when the store
opens). `drop_network` says which one held, or why none did.
"""
from __future__ import annotations

import ctypes
import os
import platform
import struct

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_EPERM = 0x7FFF0000, 0x00050000 | 1
_LD_ABS_W, _JEQ_K, _RET_K = 0x20, 0x15, 0x06
_AF_INET, _AF_INET6 = 2, 10
# machine -> (audit arch of seccomp_data, numbers of the socket() system call)
_ARCH = {"x86_64": (0xC000003E, (41, 0x40000000 + 41)),  # x32 ABI numbers too
         "aarch64": (0xC00000B7, (198,))}

NO_ISOLATION = "none"


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _unshare(flags: int) -> bool:
    return _libc().unshare(flags) == 0


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def _user_and_net_namespace() -> bool:
    uid, gid = os.getuid(), os.getgid()
    if not _unshare(CLONE_NEWUSER | CLONE_NEWNET):
        return False
    try:  # keep our own ids inside, so the store's files stay ours
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError:
        pass  # unmapped ids still own their files; only how they are shown differs
    return True


def _filter(arch: int, numbers: tuple[int, ...]) -> bytes:
    """BPF: for `socket(AF_INET|AF_INET6, ...)` on this arch return EPERM; allow the rest."""
    def op(code, k, jt=0, jf=0):
        return struct.pack("HBBI", code, jt, jf, k)
    n = len(numbers)
    prog = [op(_LD_ABS_W, 4), op(_JEQ_K, arch, 0, n + 1)]  # other arch: allow
    prog.append(op(_LD_ABS_W, 0))  # the system call number
    for i, nr in enumerate(numbers):  # a match jumps to the family test, past the other numbers
        prog.append(op(_JEQ_K, nr, n - i, 0))
    prog.append(op(_RET_K, _RET_ALLOW))  # not socket()
    prog.append(op(_LD_ABS_W, 16))  # args[0]: the address family (low half, little-endian)
    prog += [op(_JEQ_K, _AF_INET, 2, 0), op(_JEQ_K, _AF_INET6, 1, 0), op(_RET_K, _RET_ALLOW),
             op(_RET_K, _RET_EPERM)]
    return b"".join(prog)


def _seccomp_no_ip_sockets() -> bool:
    arch = _ARCH.get(platform.machine())
    if arch is None:
        return False
    code = _filter(*arch)
    buf = ctypes.create_string_buffer(code, len(code))

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = Prog(len(code) // 8, ctypes.addressof(buf))
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0


MEASURES = (
    ("network namespace", lambda: _unshare(CLONE_NEWNET)),
    ("user and network namespace", _user_and_net_namespace),
    ("seccomp filter: no IPv4/IPv6 sockets", _seccomp_no_ip_sockets),
)


def drop_network(measures=MEASURES) -> str:
    """Cut this process off the network by the first measure that works; its name, or NO_ISOLATION."""
    if platform.system() != "Linux":
        return NO_ISOLATION
    for name, apply in measures:
        try:
            if apply():
                return name
        except (OSError, AttributeError):
            continue
    return NO_ISOLATION
