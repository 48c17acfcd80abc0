"""Running the `cablelint` command as an ordinary user, for tests of what such a user cannot read
or write (folders it cannot list, files others own).

Root reads and writes everything, so when the tests run as root (as CI does) the command is run
as `nobody`. That user must be able to execute a Python and read cablelint and its dependencies,
which in CI live under a clone other users may not enter: they are copied once per session into
a world-readable folder under the system's temporary folder, and run with an interpreter of the
same version that `nobody` can execute. When the tests already run as an ordinary user, the
command runs as that user. `skip_reason` says why a test cannot be made here.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

# The packages cablelint imports (and their compiled parts), copied beside it.
DEPENDENCIES = ("pyparsing", "yaml", "_yaml", "ruamel", "_ruamel_yaml", "re2", "tomli")
_made: dict[str, object] = {}


class Runner:
    """`run(*args, cwd=...)`: the cablelint command as the ordinary user."""

    def __init__(self, python: str, site: Optional[Path], user: Optional[str]):
        self.python, self.site, self.user = python, site, user

    @property
    def as_root(self) -> bool:
        """The tests run as root, the command as `nobody`."""
        return self.user is not None

    def run(self, *args: str, cwd: Path, env: Optional[dict] = None, timeout: float = 120,
            **more) -> subprocess.CompletedProcess:
        environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "CABLELINT_RULES_CACHE": "off",
                   "HOME": str(cwd)}
        if self.site is not None:
            environ["PYTHONPATH"] = str(self.site)
        environ.update(env or {})
        command = [self.python, "-s", "-m", "cablelint", *args]
        extra = {"user": self.user, "group": _group(self.user), "extra_groups": []} if self.user else {}
        return subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout,
                              errors="replace", **extra, **more)


def world_readable_folder(prefix: str) -> Path:
    """A new folder in the system's temporary folder that every user may enter and write (the
    sticky bit keeps others' files theirs); the caller removes it."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o1777)
    return folder


def runner() -> Runner:
    """The session's runner; pytest.skip with the reason when none can be made."""
    import pytest

    if "runner" not in _made:
        try:
            _made["runner"] = _make()
        except _Impossible as why:
            _made["runner"] = str(why)
    made = _made["runner"]
    if isinstance(made, str):
        pytest.skip(made)
    return made  # type: ignore[return-value]


def skip_reason() -> Optional[str]:
    """Why files owned by another user cannot be made here (only root can give a file away)."""
    if os.geteuid() != 0:
        return "needs root to make files another user owns (the tests run as an ordinary user)"
    return None


class _Impossible(Exception):
    pass


def ids(user: str) -> tuple[int, int]:
    """(uid, gid) of `user`."""
    entry = pwd.getpwnam(user)
    return entry.pw_uid, entry.pw_gid


def _group(user: Optional[str]) -> Optional[int]:
    return pwd.getpwnam(user).pw_gid if user else None


def _make() -> Runner:
    if os.geteuid() != 0:
        return Runner(sys.executable, None, None)  # already an ordinary user
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        raise _Impossible("the tests run as root and there is no user `nobody` to run the command as") from None
    site = Path(tempfile.mkdtemp(prefix="cablelint-site-"))
    _copy_packages(site)
    for root, dirs, files in os.walk(site):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644 if not name.endswith(".so") else 0o755)
    os.chmod(site, 0o755)
    python = _python_for_nobody(site)
    import atexit

    atexit.register(shutil.rmtree, site, True)
    return Runner(python, site, "nobody")


def _copy_packages(site: Path) -> None:
    import cablelint
    from cablelint.policy.ruleset import bundled_dir

    package = Path(cablelint.__file__).resolve().parent
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(package, site / "cablelint", ignore=ignore)
    if not (site / "cablelint" / "rules" / "default.yaml").is_file():  # an editable install: rules/ beside
        shutil.copytree(bundled_dir(), site / "cablelint" / "rules", ignore=ignore, dirs_exist_ok=True)
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        if spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                shutil.copytree(location, site / name, ignore=ignore, dirs_exist_ok=True)
        elif spec.origin and os.path.isfile(spec.origin):
            shutil.copy2(spec.origin, site / os.path.basename(spec.origin))
    compileall.compile_dir(str(site), quiet=1)  # nobody cannot write __pycache__ there


def _python_for_nobody(site: Path) -> str:
    """An interpreter of this version that `nobody` can run cablelint with."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [sys._base_executable, sys.executable, shutil.which(f"python{version}"),  # type: ignore[attr-defined]
                  f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    tried = []
    for python in dict.fromkeys(c for c in candidates if c):
        probe = Runner(python, site, "nobody")
        try:
            done = subprocess.run([python, "-s", "-c", "import cablelint.cli, yaml, re2, pyparsing; print('ok')"],
                                  env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, capture_output=True,
                                  text=True, timeout=60, user=probe.user, group=_group(probe.user), extra_groups=[],
                                  cwd="/")
        except (OSError, subprocess.SubprocessError) as exc:
            tried.append(f"{python}: {exc}")
            continue
        if done.returncode == 0 and done.stdout.strip() == "ok":
            return python
        tried.append(f"{python}: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
    raise _Impossible(f"no Python {version} that `nobody` may run could import cablelint ({'; '.join(tried)})")
