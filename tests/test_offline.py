"""The book builds with no network at all (inside a fresh network namespace with no interfaces up)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, make_book


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="this machine does not allow network namespaces")
def test_build_needs_no_network(tmp_path: Path) -> None:
    root = make_book(tmp_path / "root", REPO)
    with socket.create_server(("127.0.0.1", 0)) as listener:  # reachable from here, not from the namespace
        port = listener.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=3).close()
        probe = subprocess.run(["unshare", "-rn", sys.executable, "-c",
                                f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3)"],
                               capture_output=True, text=True)
    assert probe.returncode != 0  # the namespace reaches nothing, not even this machine's loopback
    cmd = ["unshare", "-rn", sys.executable, "-m", "generator", "--root", str(root), "build", "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (root / "_build" / "html" / "book" / "mali-withdrawal" / "article.html").is_file()
