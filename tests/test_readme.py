"""The README's commands run as written: its sample session prints what it shows, every cablelint
command in its shell blocks is accepted, and its install-from-a-wheel lines build a wheel that works
on its own (with the rule pages that SARIF links)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent  # where this environment's `cablelint` command is
NETWORK_TROUBLE = ("Could not find a version", "No matching distribution", "NewConnectionError",
                   "Temporary failure in name resolution", "Network is unreachable", "Max retries exceeded")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", README, re.M | re.S)


def _environment(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", CABLELINT_CACHE_DIR=str(tmp_path / "cache"))
    return env


def test_the_sample_session_prints_what_the_readme_shows(tmp_path):
    (session,) = _blocks("console")
    commands: list[str] = []
    shown: list[list[str]] = []
    for line in session.splitlines():
        if line.startswith("$ "):
            commands.append(line[2:])
            shown.append([])
        else:
            shown[-1].append(line)
    assert commands[0].startswith("cablelint ") and commands[-1] == "echo $?"
    # each command's status is kept across the marker line, so `echo $?` sees the command before it
    script = "".join(f"{command}\n__status=$?; echo '@@@'; (exit $__status)\n" for command in commands)
    done = subprocess.run(["bash", "-c", script], cwd=ROOT, env=_environment(tmp_path), capture_output=True,
                          text=True, timeout=300)
    printed = [part.strip("\n").splitlines() for part in done.stdout.split("@@@\n")[:len(commands)]]
    assert printed == shown, ("the README's sample differs from what the commands print; paste their output "
                              "into the README")


def _cablelint_lines() -> list[list[str]]:
    lines = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            for part in line.split("&&"):
                words = shlex.split(part, comments=True)
                if words[:1] == ["cablelint"]:
                    lines.append(words)
    return lines


def test_the_readme_names_its_commands():
    lines = [" ".join(words) for words in _cablelint_lines()]
    assert "cablelint examples/" in lines and any(line.startswith("cablelint report") for line in lines)


@pytest.mark.parametrize("words", _cablelint_lines(), ids=lambda words: " ".join(words))
def test_each_cablelint_command_of_the_readme_is_accepted(words, tmp_path):
    """Run in a folder holding the sample cables where the README names a folder of cables: 0 or 1
    (findings), never 2 (a usage error: an option the README names that does not exist)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for word in words[1:]:
        if word.endswith("/") and not word.startswith("-") and not (tmp_path / word).exists():
            shutil.copytree(ROOT / "examples", tmp_path / word)  # archive/, outbox/: some cables
    done = subprocess.run([sys.executable, "-m", "cablelint", *words[1:]], cwd=tmp_path,
                          env=_environment(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    for option, value in zip(words, words[1:]):
        if option == "--output":
            assert (tmp_path / value).stat().st_size > 0


def test_the_readme_shows_the_exit_statuses_and_links_the_rule_pages():
    table = dict(re.findall(r"^\| `([012])` \| (.+) \|$", README, re.M))
    assert set(table) == {"0", "1", "2"}
    assert "(docs/rules.md)" in README and (ROOT / "docs" / "rules.md").is_file()


def test_a_wheel_built_as_the_readme_says_works_on_its_own(tmp_path):
    """`pip wheel --no-deps -w dist .` in a copy of the working tree; the wheel, alone on the path,
    lints, and its SARIF links the rule pages it carries."""
    tree = tmp_path / "tree"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tree / name)
    (line,) = [line for block in _blocks("sh") for line in block.splitlines() if "pip wheel" in line]
    build = line.split("&&")[0].split()
    built = subprocess.run([sys.executable, "-m", *build], cwd=tree, capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and any(sign in built.stdout + built.stderr for sign in NETWORK_TROUBLE):
        pytest.skip("pip could not fetch the build backend (no network?)")
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tree / "dist").glob("cablelint-*.whl")
    assert wheel.name in line  # the README names the file the build makes
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"cablelint/docs/rules.md", "cablelint/rules/default.yaml", "cablelint/cli/__init__.py"} <= names
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith(".dist-info/LICENSE") for name in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a wheel is installed by unpacking it
    env = _environment(tmp_path)
    env["PYTHONPATH"] = str(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(ROOT / "examples" / "faulty-telegram.txt", elsewhere / "cable.txt")
    done = subprocess.run([sys.executable, "-c", "import sys, cablelint.cli; print(cablelint.cli.__file__); "
                           "sys.argv[0] = 'cablelint'; sys.exit(cablelint.cli.main(sys.argv[1:]))",
                           "--format", "sarif", "--no-cache", "--as-of", "2026-11-27", "cable.txt"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    location, _, log = done.stdout.partition("\n")
    assert Path(location).is_relative_to(site)  # the wheel's package, not this checkout's
    rules = json.loads(log)["runs"][0]["tool"]["driver"]["rules"]
    page = site / "cablelint" / "docs" / "rules.md"
    assert {rule["helpUri"] for rule in rules} == {f"{page.as_uri()}#{rule['id'].lower()}" for rule in rules}
