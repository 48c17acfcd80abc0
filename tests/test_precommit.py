"""The pre-commit hook, driven through pre-commit itself in a temporary git repository.

The hook repository is a snapshot of this working tree (tracked and untracked files that git does
not ignore) committed in a temporary repository, so the test sees the hook as it is now, committed
or not. pre-commit installs cablelint from it into a fresh environment (this needs the package
index); the test skips when git or pre-commit is missing or that install cannot reach the network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NETWORK_TROUBLE = ("Could not find a version", "No matching distribution", "NewConnectionError",
                   "Temporary failure in name resolution", "Network is unreachable", "Max retries exceeded",
                   "ConnectionError", "ReadTimeoutError", "ProxyError")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _environment(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)
    empty = tmp / "gitconfig"
    empty.write_text("", encoding="utf-8")
    env.update(PRE_COMMIT_HOME=str(tmp / "pre-commit-home"), GIT_CONFIG_GLOBAL=str(empty), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.invalid", NO_COLOR="1")
    return env


def _git(cwd: Path, env: dict, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _pre_commit(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)
    output = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in output for sign in NETWORK_TROUBLE):
        pytest.skip(f"pre-commit could not install the hook (no network?): {output[-300:]}")
    return done


@pytest.fixture(scope="module")
def repos(tmp_path_factory):
    """(hook repository, its commit, project repository with bad.txt and good.txt, environment)."""
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the hook repository is made from the working tree")
    tmp = tmp_path_factory.mktemp("precommit")
    env = _environment(tmp)
    hook = tmp / "hook"
    listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (hook / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, hook / name)
    _git(hook, env, "init", "-q")
    _git(hook, env, "add", "-A")
    _git(hook, env, "commit", "-q", "-m", "snapshot of the working tree")
    commit = _git(hook, env, "rev-parse", "HEAD").strip()
    project = tmp / "project"
    project.mkdir()
    _git(project, env, "init", "-q")
    shutil.copy(EXAMPLES / "faulty-telegram.txt", project / "bad.txt")
    shutil.copy(EXAMPLES / "body-only-secret.txt", project / "good.txt")  # only info findings: passes
    return hook, commit, project, env


def test_try_repo_blocks_a_bad_cable_and_shows_its_diagnostics(repos):
    hook, commit, project, env = repos
    _git(project, env, "add", "bad.txt")
    done = _pre_commit(project, env, "try-repo", str(hook), "cablelint", "--ref", commit, "--files", "bad.txt")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "- hook id: cablelint" in output and "Failed" in output, output
    assert "bad.txt:21:1: P001 [error] paragraph 2 has no portion marking" in output, output
    assert "bad.txt:13:13: T001 [warning] unknown tag 'POGOV'" in output, output


def test_an_installed_hook_refuses_a_bad_commit_and_accepts_a_good_one(repos):
    hook, commit, project, env = repos
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook}\n    rev: {commit}\n    hooks:\n      - id: cablelint\n", encoding="utf-8")
    _git(project, env, "add", ".pre-commit-config.yaml")
    installed = _pre_commit(project, env, "install")
    assert installed.returncode == 0, installed.stderr

    _git(project, env, "rm", "-q", "--cached", "--ignore-unmatch", "bad.txt")
    # files the hook's *.txt pattern hands over that are not cables: X002 notes, which pass
    (project / "requirements.txt").write_text("pyparsing>=3.1\npyyaml>=6.0\n", encoding="utf-8")
    (project / "NOTES.txt").write_text("Notes for Tuesday\n\n- ask the post for the cable on the harbor talks\n",
                                       encoding="utf-8")
    _git(project, env, "add", ".pre-commit-config.yaml", "good.txt", "requirements.txt", "NOTES.txt")
    good = subprocess.run(["git", "commit", "-m", "a good cable"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=900)
    good_output = good.stdout + good.stderr
    if good.returncode != 0 and any(sign in good_output for sign in NETWORK_TROUBLE):
        pytest.skip("pre-commit could not install the hook (no network?)")
    assert good.returncode == 0, good_output
    assert "cablelint" in good_output and "Passed" in good_output, good_output
    committed = _git(project, env, "ls-files").split()
    assert {"good.txt", "requirements.txt", "NOTES.txt"} <= set(committed), committed

    _git(project, env, "add", "bad.txt")
    bad = subprocess.run(["git", "commit", "-m", "a bad cable"], cwd=project, env=env, capture_output=True,
                         text=True, timeout=900)
    bad_output = bad.stdout + bad.stderr
    assert bad.returncode != 0, bad_output
    assert "bad.txt:27:4: P002 [info]" in bad_output, bad_output
    assert _git(project, env, "log", "--format=%s").splitlines() == ["a good cable"]  # nothing committed

    # the config's exclusions hold for the files pre-commit names (the hook passes --force-exclude)
    _git(project, env, "rm", "-q", "--cached", "bad.txt")
    (project / "legacy").mkdir()
    shutil.copy(project / "bad.txt", project / "legacy" / "old.txt")
    (project / ".cablelint.yaml").write_text("extend-exclude: [legacy]\n", encoding="utf-8")
    _git(project, env, "add", ".cablelint.yaml", "legacy/old.txt")
    excluded = subprocess.run(["git", "commit", "-m", "an excluded legacy cable"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=900)
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr
    assert "legacy/old.txt" in _git(project, env, "ls-files").split()


# ------------------------------------------------------------------ the hook manifest and the CI examples

def test_hook_manifest_is_valid_and_matches_cable_files():
    pytest.importorskip("pre_commit")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "cablelint" and hook["language"] == "python"
    assert hook["entry"] == "cablelint --force-exclude"  # the config's exclusions hold for the files named
    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("cables/09VALLETTA522.txt", "a.CABLE", "x/y.tel"))
    assert not any(files.search(name) for name in ("README.md", "rules.yaml", "a.txt.orig"))


def test_ci_examples_hang_together_and_are_referenced_from_the_readme():
    pytest.importorskip("pre_commit")
    ci = EXAMPLES / "ci"
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(ci / ".pre-commit-config.yaml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    workflow = yaml.safe_load((ci / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["cablelint"]["steps"]
    lint = next(step["run"] for step in steps if "cablelint --output-file" in step.get("run", ""))
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert lint.split("--output-file ")[1].split()[0] == upload["with"]["sarif_file"] == "cablelint.sarif"
    assert workflow["permissions"]["security-events"] == "write"
    job = yaml.safe_load((ci / "gitlab-ci.yml").read_text(encoding="utf-8"))["cablelint"]
    command = next(line for line in job["script"] if line.startswith("cablelint "))
    assert command.split("--output-file ")[1].split()[0] == job["artifacts"]["reports"]["junit"]
    assert job["artifacts"]["when"] == "always"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml", "examples/ci/.pre-commit-config.yaml",
                 "examples/.cablelint.yaml"):
        assert f"({name})" in readme, name


# ------------------------------------------------------------------ the examples as a user fills them in

PLACEHOLDERS = ("CABLELINT-REPOSITORY-URL", "CABLELINT-REVISION")


def _filled_in(text: str, repository: str, revision: str) -> str:
    """The example with its two marked placeholders filled in, as its comments ask a user to."""
    for placeholder in PLACEHOLDERS:
        assert text.count(placeholder) >= 1, f"the example no longer marks {placeholder}"
    return text.replace(PLACEHOLDERS[0], repository).replace(PLACEHOLDERS[1], revision)


def test_the_pre_commit_example_blocks_a_faulty_cable_in_a_fresh_repository(repos, tmp_path):
    """examples/ci/.pre-commit-config.yaml as written, with this working tree's snapshot as the
    repository and its commit as the revision: `pre-commit install`, then `git commit`."""
    hook, commit, _project, env = repos
    fresh = tmp_path / "fresh"
    (fresh / "cables").mkdir(parents=True)
    (fresh / "drafts").mkdir()
    _git(fresh, env, "init", "-q")
    example = (EXAMPLES / "ci" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    (fresh / ".pre-commit-config.yaml").write_text(_filled_in(example, str(hook), commit), encoding="utf-8")
    shutil.copy(EXAMPLES / "faulty-telegram.txt", fresh / "cables" / "faulty.txt")
    shutil.copy(EXAMPLES / "faulty-telegram.txt", fresh / "drafts" / "faulty.txt")  # outside `files:`
    installed = _pre_commit(fresh, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(fresh, env, "add", "-A")
    done = subprocess.run(["git", "commit", "-m", "a faulty cable"], cwd=fresh, env=env, capture_output=True,
                          text=True, timeout=900)
    output = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in output for sign in NETWORK_TROUBLE):
        pytest.skip("pre-commit could not install the hook (no network?)")
    assert done.returncode != 0, output
    assert "- hook id: cablelint" in output and "Failed" in output, output
    assert "cables/faulty.txt:13:13: T001 [warning] unknown tag 'POGOV'" in output, output
    assert "cables/faulty.txt:13:24: T005 [warning] tag 'PREL' appears twice" in output, output
    assert "drafts/faulty.txt" not in output, output  # the example's `files:` narrows the hook to cables/
    log = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=fresh, env=env, capture_output=True)
    assert log.returncode != 0  # nothing was committed


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("name, schema, fault", [
    ("github-actions.yml", "vendor.github-workflows", ("runs-on: ubuntu-latest", "run-on: ubuntu-latest")),
    ("gitlab-ci.yml", "vendor.gitlab-ci", ("when: always", "when: sometimes")),
])
def test_ci_examples_validate_against_their_platform_schemas(name, schema, fault, tmp_path):
    pytest.importorskip("check_jsonschema")
    example = EXAMPLES / "ci" / name
    done = _check_jsonschema(schema, example)
    assert done.returncode == 0, done.stdout + done.stderr
    # the check is live: the same file with a misspelt key or a value the platform does not know fails
    text = example.read_text(encoding="utf-8")
    assert fault[0] in text
    broken = tmp_path / name
    broken.write_text(text.replace(fault[0], fault[1]), encoding="utf-8")
    assert _check_jsonschema(schema, broken).returncode != 0


def test_ci_examples_pin_current_major_versions_and_install_from_a_filled_in_repository():
    from packaging.requirements import Requirement

    ci = EXAMPLES / "ci"
    workflow = yaml.safe_load((ci / "github-actions.yml").read_text(encoding="utf-8"))
    used = {step["uses"].split("@")[0]: step["uses"].split("@")[1]
            for step in workflow["jobs"]["cablelint"]["steps"] if "uses" in step}
    # the majors current in December 2026 (checkout and setup-python v7 of July 2026, codeql-action v4)
    assert used == {"actions/checkout": "v7", "actions/setup-python": "v7", "github/codeql-action/upload-sarif": "v4"}
    gitlab = yaml.safe_load((ci / "gitlab-ci.yml").read_text(encoding="utf-8"))["cablelint"]
    for source, install in ((workflow["env"]["CABLELINT"], workflow["jobs"]["cablelint"]["steps"][2]["run"]),
                            (gitlab["variables"]["CABLELINT"], gitlab["script"][0])):
        assert install == 'python -m pip install "$CABLELINT"'
        filled = _filled_in(source, "https://git.host.test/tools/cablelint.git", "0123abc")
        requirement = Requirement(filled)
        assert requirement.name == "cablelint"
        assert requirement.url == "git+https://git.host.test/tools/cablelint.git@0123abc"
    for example in ci.iterdir():
        assert "example.invalid" not in example.read_text(encoding="utf-8"), example


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_the_lint_command_of_each_ci_example_runs_as_written(name, tmp_path):
    """The example's cablelint line, run in a repository whose cables/ holds a faulty cable: it fails
    the job (exit 1) and writes the report file the upload step names, in its format."""
    import shlex
    import xml.etree.ElementTree as ET

    document = yaml.safe_load((EXAMPLES / "ci" / name).read_text(encoding="utf-8"))
    if name == "github-actions.yml":
        lines = [step["run"] for step in document["jobs"]["cablelint"]["steps"] if "run" in step]
        report = next(s for s in document["jobs"]["cablelint"]["steps"] if "with" in s
                      and "sarif_file" in s["with"])["with"]["sarif_file"]
    else:
        lines = document["cablelint"]["script"]
        report = document["cablelint"]["artifacts"]["reports"]["junit"]
    (command,) = [shlex.split(line) for line in lines if line.startswith("cablelint ")]
    (tmp_path / "cables").mkdir()
    shutil.copy(EXAMPLES / "faulty-telegram.txt", tmp_path / "cables" / "faulty.txt")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if name == "github-actions.yml":
        env["GITHUB_ACTIONS"] = "true"
    done = subprocess.run([sys.executable, "-m", "cablelint", *command[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    written = (tmp_path / report).read_text(encoding="utf-8")
    if name == "github-actions.yml":
        assert "::warning file=cables/faulty.txt,line=13,col=13" in done.stdout  # annotations on the terminal
        log = json.loads(written)
        assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"T001", "P001"}
    else:
        assert "cables/faulty.txt:13:13: T001 [warning]" in done.stdout
        suite = ET.fromstring(written)
        assert suite.iter("failure") and len(list(suite.iter("failure"))) >= 9
