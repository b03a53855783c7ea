"""Take the network away from a query process (Linux network namespaces).

pyoxigraph's ``Store.query`` runs ``SERVICE`` itself and cannot be told not to; kg
refuses such queries by parsing them (:mod:`kg.sparql.guard`). As a second wall, a
process that only answers queries moves into a new, empty network namespace: it
keeps its files and pipes but can reach no address, not even the host's 127.0.0.1.

Call :func:`confine_network` first thing in the process, while it has one thread:
a namespace is entered by the calling thread only. Where the kernel refuses (not
Linux, no privilege and user namespaces disabled, a seccomp filter), the process
runs as before, guarded by the parser alone, and the ``kg.sandbox`` log says why.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

_log = logging.getLogger(__name__)


def confine_network() -> bool:
    """Move this process into a new network namespace; True if it now has no network.

    Tries a network namespace alone (needs CAP_SYS_ADMIN, e.g. root), then a new
    user namespace with it (allowed unprivileged where user namespaces are on); in
    the latter the process keeps its own user and group ids. Returns False, and logs
    why, when the process has several threads or the kernel refuses both.
    """
    if not sys.platform.startswith("linux"):
        return _refused(f"namespaces are Linux only, not {sys.platform}")
    threads = _thread_count()
    if threads != 1:
        return _refused(f"the process has {threads} threads, not one")
    uid, gid = os.getuid(), os.getgid()
    error = _unshare(CLONE_NEWNET)
    if error == 0:
        return True
    errors = [f"network namespace: {os.strerror(error)}"]
    error = _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    if error == 0:
        _keep_identity(uid, gid)
        return True
    errors.append(f"user and network namespace: {os.strerror(error)}")
    return _refused("; ".join(errors))


def _refused(reason: str) -> bool:
    _log.info("network not confined (%s); the query guard alone applies", reason)
    return False


def _thread_count() -> int:
    """How many threads this process has (Linux /proc), or 0 if unknown."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def _unshare(flags: int) -> int:
    """Call unshare(2) with ``flags``: 0 on success, else the errno."""
    unshare = getattr(os, "unshare", None)  # Python 3.12+
    if unshare is not None:
        try:
            unshare(flags)
        except OSError as error:
            return error.errno or 1
        return 0
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.unshare(ctypes.c_int(flags)) == 0:
        return 0
    return ctypes.get_errno() or 1


def _keep_identity(uid: int, gid: int) -> None:
    """Map our user and group ids to themselves in the new user namespace (so files
    the process creates are its own); without the map it acts as ``nobody``."""
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1\n")):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
                handle.write(text)
        with open("/proc/self/gid_map", "w", encoding="ascii") as handle:
            handle.write(f"{gid} {gid} 1\n")
    except OSError as error:
        _log.info("network confined, but ids not mapped in the user namespace: %s", error)
