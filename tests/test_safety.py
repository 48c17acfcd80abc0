"""No output destroys data, no input hangs or crashes the run (issue 16, items 6-12).

Tests that could hang on the code they guard run the command in a child process with a time
limit; tests of what an ordinary user may not do run it as `nobody` (tests/unprivileged.py)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import unprivileged
from clirun import run_main
from test_gate import AS_OF, SECRET, UNCLAS

FAULTY = UNCLAS.format(ref="", body="").replace("TAGS: PREL PGOV MT", "TAGS: prel, pgov; MT")  # T002, fixable


def cli(*args: str, cwd: Path, timeout: float = 60, **more) -> subprocess.CompletedProcess:
    """The command in a child process: a hang fails the test instead of freezing the suite."""
    return subprocess.run([sys.executable, "-m", "cablelint", "--as-of", AS_OF, *args], cwd=cwd,
                          capture_output=True, timeout=timeout, **more)


@pytest.fixture
def cables(tmp_path: Path) -> Path:
    folder = tmp_path / "cables"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET.replace("2. (S) Comment", "2. Comment"))  # a P001 (an error)
    return folder


# ------------------------------------------------------------------ 6. outputs


def _device(path: Path) -> Path:
    """A character device node like /dev/null at `path` (only root may make one)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make a device node")
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this system does not let root make device nodes here")
    return path


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_a_device_node_stays_a_device(cables, tmp_path, option):
    device = _device(tmp_path / "null")
    status, _out, err = run_main("--as-of", AS_OF, "--jobs", "1", option, str(device), "--output-format", "json",
                                 str(cables)) if option == "--output-file" else \
        run_main("--as-of", AS_OF, "--jobs", "1", option, str(device), str(cables))
    assert status in (0, 1), err
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device was replaced by a regular file"


def test_output_file_dev_stdout_appends_to_the_log_it_is(cables, tmp_path):
    log = tmp_path / "ci.log"
    log.write_text("earlier lines of the log\n")
    with open(log, "a") as appended:  # `>> ci.log`
        done = subprocess.run([sys.executable, "-m", "cablelint", "--as-of", AS_OF, "--release",
                               "--output-file", "/dev/stdout", "--output-format", "json", str(cables)],
                              stdout=appended, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1, done.stderr
    text = log.read_text()
    assert text.startswith("earlier lines of the log\n")
    assert "secret.txt:" in text and text.rstrip().endswith("]")  # the text output, then the JSON report


def test_a_fifo_is_written_in_place_and_one_nobody_reads_is_an_error(cables, tmp_path):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = cli("--release", "--output-file", str(fifo), "--output-format", "json", str(cables), cwd=tmp_path)
    reader.join(30)
    assert done.returncode == 1 and json.loads(received[0])[0]["code"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    alone = cli("--output-file", str(fifo), "--output-format", "json", str(cables), cwd=tmp_path)
    assert alone.returncode == 2 and b"nobody reads" in alone.stderr


def _repository_with_link(tmp_path: Path, target: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "cables").mkdir(parents=True)
    (repo / "cables" / "secret.txt").write_text(SECRET)
    os.symlink(target, repo / "report.json")
    return repo


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_a_committed_link_out_of_the_tree_is_refused(tmp_path, option):
    outside = tmp_path / "outside" / "precious.json"
    outside.parent.mkdir()
    outside.write_text("precious\n")
    repo = _repository_with_link(tmp_path, outside)
    done = cli(option, "report.json", "cables", cwd=repo)
    assert done.returncode == 2 and b"refused" in done.stderr and b"outside the working directory" in done.stderr
    assert outside.read_text() == "precious\n" and os.path.islink(repo / "report.json")


def test_a_linked_folder_leading_out_of_the_tree_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "report.json").write_text("precious\n")
    repo = tmp_path / "repo"
    (repo / "cables").mkdir(parents=True)
    (repo / "cables" / "secret.txt").write_text(SECRET)
    os.symlink(outside, repo / "reports")
    done = cli("--output-file", "reports/report.json", "cables", cwd=repo)
    assert done.returncode == 2 and b"refused" in done.stderr
    assert (outside / "report.json").read_text() == "precious\n"


def test_a_link_inside_the_tree_and_a_path_outside_it_are_written(tmp_path, monkeypatch):
    repo = _repository_with_link(tmp_path, tmp_path / "repo" / "out" / "real.json")
    (repo / "out").mkdir()
    (repo / "out" / "real.json").write_text("old\n")
    runner_temp = tmp_path / "runner-temp"  # $RUNNER_TEMP: any path the user names, replaced atomically
    runner_temp.mkdir()
    (runner_temp / "report.sarif").write_text("old\n")
    os.chmod(runner_temp / "report.sarif", 0o640)
    monkeypatch.chdir(repo)
    assert run_main("--as-of", AS_OF, "--release", "--jobs", "1", "--output-file", "report.json", "cables")[0] == 1
    assert os.path.islink("report.json") and json.loads((repo / "out" / "real.json").read_text())
    assert run_main("--as-of", AS_OF, "--release", "--jobs", "1", "--output-file", str(runner_temp / "report.sarif"),
                    "cables")[0] == 1
    assert json.loads((runner_temp / "report.sarif").read_text())["version"] == "2.1.0"
    assert stat.S_IMODE(os.stat(runner_temp / "report.sarif").st_mode) == 0o640


def test_report_output_goes_through_the_same_safe_writer(cables, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("precious\n")
    os.symlink(outside, cables / "schedule.csv")
    done = subprocess.run([sys.executable, "-m", "cablelint", "report", "--as-of", AS_OF, "--format", "csv",
                           "--output", "schedule.csv", "secret.txt"], cwd=cables, capture_output=True, timeout=60)
    assert done.returncode == 2 and b"refused" in done.stderr
    assert outside.read_text() == "precious\n"


# ------------------------------------------------------------------ 7. --fix


def test_fix_refuses_a_file_with_more_than_one_name(tmp_path):
    cable = tmp_path / "c.txt"
    cable.write_text(FAULTY)
    os.link(cable, tmp_path / "other-name.txt")
    status, _out, err = run_main("--as-of", AS_OF, "--jobs", "1", "--fail-on", "warning", "--fix", str(cable))
    assert "hard links" in err and "not fixed" in err
    assert cable.read_text() == FAULTY and (tmp_path / "other-name.txt").read_text() == FAULTY
    assert os.stat(cable).st_nlink == 2 and status == 1  # the T002 left decides


def test_fix_refuses_a_read_only_file(tmp_path):
    cable = tmp_path / "c.txt"
    cable.write_text(FAULTY)
    cable.chmod(0o444)
    status, _out, err = run_main("--as-of", AS_OF, "--jobs", "1", "--fail-on", "warning", "--fix", str(cable))
    assert "read-only" in err and cable.read_text() == FAULTY and status == 1


def test_fix_still_fixes_a_file_the_user_owns_and_may_write(tmp_path):
    cable = tmp_path / "c.txt"
    cable.write_text(FAULTY)
    status, _out, err = run_main("--as-of", AS_OF, "--jobs", "1", "--fail-on", "warning", "--fix", str(cable))
    assert status == 0 and "fixed T002" in err and "TAGS: PREL, PGOV, MT" in cable.read_text()


def test_fix_refuses_another_users_file_in_a_folder_anyone_may_write():
    reason = unprivileged.skip_reason()
    if reason:
        pytest.skip(reason)
    run = unprivileged.runner()
    top = unprivileged.world_readable_folder("cablelint-fix-")
    try:
        top.chmod(0o777)  # anyone may write, no sticky bit: renaming over another's file is allowed
        (top / "roots.txt").write_text(FAULTY)
        (top / "roots.txt").chmod(0o644)  # root's
        mine = top / "nobodys.txt"
        mine.write_text(FAULTY)
        os.chown(mine, *unprivileged.ids("nobody"))
        mine.chmod(0o444)
        done = run.run("--as-of", AS_OF, "--no-cache", "--fix", "roots.txt", "nobodys.txt", cwd=top)
        assert "roots.txt: not fixed: it belongs to another user" in done.stderr, done.stderr
        assert "nobodys.txt: not fixed: it is read-only" in done.stderr
        assert (top / "roots.txt").read_text() == FAULTY and os.stat(top / "roots.txt").st_uid == 0
        assert mine.read_text() == FAULTY
    finally:
        shutil.rmtree(top)


# ------------------------------------------------------------------ 8. a broken pipe


@pytest.mark.parametrize("form", ["text", "junit", "sarif", "json", "github"])
def test_a_reader_that_goes_away_changes_neither_the_verdict_nor_the_report(cables, tmp_path, form):
    # (every format: JUnit's report is written in one call, which once went past the guard when the
    # report was larger than the pipe's buffer: many cables make it so)
    for number in range(120):
        (cables / f"copy{number:03d}.txt").write_text((cables / "secret.txt").read_text())
    report = tmp_path / "report.json"
    child = subprocess.Popen([sys.executable, "-m", "cablelint", "--as-of", AS_OF, "--release", "--format", form,
                              "--output-file", str(report), str(cables)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.readline()  # `| head -1`: it reads a line, then has read enough
    child.stdout.close()
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 1, err
    assert b"Traceback" not in err and b"Broken pipe" not in err
    assert json.loads(report.read_text())[-1]["path"].endswith("secret.txt")


# ------------------------------------------------------------------ 9. alias bombs and excerpts

def _bomb(depth: int = 9) -> str:
    """Nine lists of nine aliases of the list before: 9**9 values once expanded, a few hundred
    characters written (each anchor is defined at its first use, so the whole fits in one value)."""
    value = '&a0 ["x","x","x","x","x","x","x","x","x"]'
    for level in range(1, depth):
        value = f"&a{level} [{value}, " + ", ".join([f"*a{level - 1}"] * 8) + "]"
    return value


@pytest.mark.parametrize("name, text", [
    ("rules.yaml", f"rules:\n  P004: {{severity: {_bomb()}}}\n"),  # the old validator printed the value
    (".cablelint.yaml", f"format: {_bomb()}\n"),
])
def test_an_alias_bomb_is_refused_at_once(cables, name, text):
    (cables / name).write_text(text)
    args = ["--rules", name] if name == "rules.yaml" else []
    done = cli(*args, "secret.txt", cwd=cables, timeout=60)
    assert done.returncode == 2 and b"aliases expand to more than" in done.stderr, done.stderr
    assert len(done.stderr) < 500


def test_a_file_named_in_extends_is_shown_only_in_a_short_excerpt(cables):
    (cables / "private.yaml").write_text("a-very-long-private-key-that-must-not-be-printed-whole: 1\n")
    (cables / "rules.yaml").write_text("extends: [private.yaml]\n")
    status, out, err = run_main("--as-of", AS_OF, "--rules", str(cables / "rules.yaml"), str(cables / "secret.txt"))
    assert status == 2 and "unknown top-level key" in err
    assert "a-very-long-private-key-that-must-not-be-printed-whole" not in err


# ------------------------------------------------------------------ 11. odd inputs: no hang, no crash


def test_a_file_name_that_is_not_utf8_is_linted(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(SECRET.encode())
    done = cli("--format", "text", "--release", ".", cwd=tmp_path)
    assert done.returncode == 1 and b"internal error" not in done.stderr, done.stderr
    assert b"caf\xe9.txt:" in done.stdout
    again = cli("--format", "text", "--write-baseline", "b.json", ".", cwd=tmp_path)  # the cache is read back
    assert again.returncode == 0 and b"internal error" not in again.stderr, again.stderr


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_a_file_given_to_lint_is_never_written_as_the_report(cables, option):
    cable = cables / "secret.txt"
    before = cable.read_bytes()
    done = cli("--no-cache", option, "./secret.txt", "secret.txt", cwd=cables)  # (one file, two spellings)
    assert done.returncode == 2 and b"a file given to lint" in done.stderr
    assert cable.read_bytes() == before


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_a_cable_found_in_a_folder_given_to_lint_is_never_written_as_the_report(cables, option):
    cable = cables / "secret.txt"
    before = cable.read_bytes()
    done = cli("--no-cache", option, "secret.txt", ".", cwd=cables)
    assert done.returncode == 2 and b"refused, nothing written" in done.stderr
    assert cable.read_bytes() == before


@pytest.mark.parametrize("form", ["json", "sarif"])
def test_a_file_name_that_is_not_utf8_keeps_the_json_valid(tmp_path, form):
    # (its bytes are written as JSON escapes, and in SARIF's URI percent-encoded as on disk)
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as handle:
        handle.write(SECRET.replace("2. (S) Comment", "2. Comment").encode())
    done = cli("--no-cache", "--format", form, ".", cwd=tmp_path)
    assert done.returncode == 1 and b"internal error" not in done.stderr, done.stderr
    document = json.loads(done.stdout.decode("utf-8"))  # (strict UTF-8: no raw byte of the name)
    if form == "json":
        assert {d["path"] for d in document} == {"./caf\udce9.txt"}
    else:
        results = document["runs"][0]["results"]
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"caf%E9.txt"}


@pytest.mark.parametrize("command", [[], ["parse"], ["report"]])
def test_a_fifo_given_as_a_path_does_not_hang(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.txt")
    done = subprocess.run([sys.executable, "-m", "cablelint", *command, "pipe.txt"], cwd=tmp_path,
                          capture_output=True, timeout=60)
    assert done.returncode == 2 and b"not a regular file" in done.stderr


@pytest.mark.parametrize("option, special", [
    ("--rules", "fifo"), ("--baseline", "fifo"), ("--rules", "/dev/zero"), ("--baseline", "/dev/zero"),
])
def test_a_fifo_or_an_endless_device_as_a_rule_file_or_baseline_is_refused(cables, option, special):
    if special == "fifo":
        os.mkfifo(cables / "fifo")
    done = cli(option, special, "secret.txt", cwd=cables, timeout=60)
    assert done.returncode == 2 and b"not a regular file" in done.stderr, done.stderr


def test_standard_input_is_read_up_to_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        done = cli("-", cwd=tmp_path, stdin=zero, timeout=120)
    assert done.returncode == 1 and b"X001" in done.stdout and b"larger than 64 MB" in done.stdout


@pytest.mark.parametrize("close", [">&-", "<&-"])
def test_a_closed_standard_stream_is_no_internal_error(cables, close):
    done = subprocess.run(["/bin/sh", "-c", f'"$0" -m cablelint --as-of {AS_OF} secret.txt - {close} 2>err.txt',
                           sys.executable], cwd=cables, capture_output=True, timeout=60)
    err = (cables / "err.txt").read_text()
    assert done.returncode == 1 and "internal error" not in err and "Traceback" not in err, err


def test_a_full_standard_output_is_said_as_such(cables):
    if not os.path.exists("/dev/full"):
        pytest.skip("this system has no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "cablelint", "--as-of", AS_OF, "secret.txt"], cwd=cables,
                              stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 2 and b"cannot write to standard output" in done.stderr, done.stderr
    assert b"internal error" not in done.stderr


def test_a_server_that_is_not_dask_is_given_up_on(cables, monkeypatch):
    pytest.importorskip("distributed", reason="--dask needs the dask extra, which the test install does not have")
    import socket

    from cablelint.run import daskrun

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)  # accepts connections, never answers
    monkeypatch.setattr(daskrun, "CONNECT_SECONDS", 1)
    monkeypatch.setattr(daskrun, "GRACE_SECONDS", 2)
    try:
        status, _out, err = run_main("--as-of", AS_OF, f"--dask=tcp://127.0.0.1:{server.getsockname()[1]}",
                                     str(cables / "secret.txt"))
    finally:
        server.close()
        daskrun.abandoned.clear()
    assert status == 2 and "cannot start or reach the Dask scheduler" in err


def test_a_deeply_nested_cache_entry_is_a_miss(cables, monkeypatch):
    monkeypatch.setenv("CABLELINT_REPLAY", "off")
    first = run_main("--as-of", AS_OF, "--jobs", "1", str(cables))
    cache = Path(os.environ["CABLELINT_CACHE_DIR"])
    for entry in [*cache.rglob("entries/*/*.json"), *cache.rglob("stat/*.json"), *cache.rglob("rulesets/*.json")]:
        entry.write_text("[" * 100_000 + "]" * 100_000)
    again = run_main("--as-of", AS_OF, "--jobs", "1", str(cables))
    assert again == first and again[0] == 1


def test_a_deeply_nested_replay_record_and_parsed_rule_set_are_misses(cables, monkeypatch):
    from cablelint.cache import replay, rulecache
    from cablelint.policy import ruleset

    monkeypatch.chdir(cables)
    argv = ["--as-of", AS_OF, "--jobs", "1", "secret.txt"]
    first = run_main(*argv)
    record = Path(replay._record_path(argv))
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("[" * 100_000)
    entry = rulecache._entry((ruleset.bundled_dir() / "default.yaml").read_bytes())
    os.makedirs(os.path.dirname(entry), exist_ok=True)
    Path(entry).write_text("[" * 100_000)
    assert run_main(*argv) == first


@pytest.mark.parametrize("content", [
    b"[tool.other]\nkey = '" + b"x" * (2 * 1024 * 1024) + b"'\n",   # huge
    b"[tool.other]\nname = 'caf\xe9'\n",                            # not UTF-8
], ids=["huge", "not-utf-8"])  # (a 2 MB id in PYTEST_CURRENT_TEST would overflow a child's environment)
def test_another_projects_odd_pyproject_above_is_passed_over(cables, content):
    (cables.parent / "pyproject.toml").write_bytes(content)
    done = cli("secret.txt", cwd=cables)
    assert done.returncode == 1 and done.stderr == b"" and b"P001" in done.stdout, done.stderr


def test_an_unreadable_pyproject_above_and_a_parent_that_cannot_be_searched_are_passed_over():
    run = unprivileged.runner()
    top = unprivileged.world_readable_folder("cablelint-search-")
    try:
        (top / "pyproject.toml").write_text("[tool.other]\n")
        (top / "pyproject.toml").chmod(0o600)  # another user's, unreadable
        work = top / "closed" / "work"
        work.mkdir(parents=True)
        (work / "secret.txt").write_text(SECRET)
        (work / "secret.txt").chmod(0o644)
        work.chmod(0o755)
        (top / "closed").chmod(0o700 if run.as_root else 0o300)  # others may not search it (a private clone's parent)
        done = run.run("--as-of", AS_OF, "--no-cache", "--release", "secret.txt", cwd=work)
        assert done.returncode == 1 and "R001" in done.stdout, done.stderr
        assert "internal error" not in done.stderr
    finally:
        (top / "closed").chmod(0o755)
        shutil.rmtree(top)


def test_a_deleted_working_directory_is_a_clear_error(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    done = subprocess.run(["/bin/sh", "-c", f'cd "$1" && rmdir "$1" && "$0" -m cablelint --as-of {AS_OF} /dev/null',
                           sys.executable, str(gone)], capture_output=True, timeout=60)
    assert done.returncode == 2 and b"working directory" in done.stderr and b"internal error" not in done.stderr


def test_a_working_directory_longer_than_a_path_may_be_works(tmp_path):
    """About 6,000 characters deep: no path to it, or to a config file above it, can be opened
    whole (the system's limit is 4,096), yet relative paths work."""
    parts = ["d" * 250] * 24
    handle = os.open(tmp_path, os.O_RDONLY)
    try:
        for part in parts:  # made relative to each other: the full path is too long to name
            os.mkdir(part, dir_fd=handle)
            inner = os.open(part, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = inner
        with open(os.open("c.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle), "w") as out:
            out.write(SECRET)
        done = subprocess.run([sys.executable, "-m", "cablelint", "--as-of", AS_OF, "--release", "c.txt"],
                              capture_output=True, timeout=60, pass_fds=(handle,),
                              preexec_fn=lambda: os.fchdir(handle))
    finally:
        os.close(handle)
    assert done.returncode == 1 and b"R001" in done.stdout and b"internal error" not in done.stderr, done.stderr
    subprocess.run(["rm", "-rf", parts[0]], cwd=tmp_path, check=True)  # rm walks it by relative paths


# ------------------------------------------------------------------ 12. report and text output


def test_report_reads_the_config_file(cables, monkeypatch):
    (cables / "longer.yaml").write_text("automatic-declassification: {years: 10}\n")
    monkeypatch.chdir(cables)
    status, out, _err = run_main("report", "--format", "json", "--as-of", AS_OF, "secret.txt")
    assert status == 0 and json.loads(out)["cables"][0]["status"] == "not yet due"
    (cables / ".cablelint.yaml").write_text("as-of: 2040-01-01\ndate: 2009-07-02\n")
    status, out, _err = run_main("report", "--format", "json", "secret.txt")
    assert json.loads(out)["cables"][0]["status"] == "due"  # the config's as-of: past the 2034 date
    (cables / ".cablelint.yaml").write_text("rules: [longer.yaml]\n")
    status, out, _err = run_main("report", "--format", "json", "--as-of", "2020-01-01", "secret.txt")
    assert json.loads(out)["cables"][0]["status"] == "due"  # the config's rule file: 10 years from 2009


def test_a_newline_in_a_file_name_cannot_fake_a_line_of_text_output(tmp_path):
    (tmp_path / "a.txt\nforged.txt:1:1: R001 [error] fake.txt").write_text(SECRET)
    status, out, _err = run_main("--as-of", AS_OF, "--release", "--jobs", "1", "--format", "text", str(tmp_path))
    assert status == 1
    for line in out.splitlines():
        assert line.startswith(str(tmp_path)), line
    assert "a.txt\\nforged.txt" in out
