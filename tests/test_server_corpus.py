"""The server and the command line agree: for 100 cables of the shared corpus, the diagnostics
`cablelint server` publishes are those of `cablelint --format json` (same lines, columns, ends, codes,
severities and messages), with the dates from a configuration file as both read it."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from corpus import SHARED, need  # noqa: E402
from lspclient import SERVER, as_findings, cli_findings, diagnostics_of, open_document, start  # noqa: E402

pytestmark = pytest.mark.asyncio
SAMPLE = 100


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """100 cables drawn (always the same) from both corpora, copied beside a config that fixes the dates
    of the check (so the comparison does not depend on the day it runs)."""
    corpus = need(SHARED / "corpus")
    cables = sorted(p for folder in ("cablegate", "cablegate-extra") for p in (corpus / folder).glob("*.txt"))
    assert len(cables) >= SAMPLE
    for path in random.Random(18).sample(cables, SAMPLE):
        shutil.copyfile(path, tmp_path / path.name)
    (tmp_path / ".cablelint.yaml").write_text("as-of: 2026-12-01\n")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, sample: Path):
    await start(lsp_client, sample)
    yield
    await lsp_client.shutdown_session()


async def test_the_server_and_the_command_line_agree_on_a_hundred_cables(client: LanguageClient, sample: Path):
    names = sorted(p.name for p in sample.glob("*.txt"))
    expected = cli_findings(sample, names)
    texts = {name: (sample / name).read_text(encoding="utf-8") for name in names}
    uris = {name: open_document(client, sample / name, texts[name]) for name in names}
    published = [await diagnostics_of(client, uris[name], timeout=120) for name in names]
    differ = [name for name, diagnostics in zip(names, published) if as_findings(texts[name], diagnostics)
              != expected[name]]
    assert not differ, f"{len(differ)} cables differ, e.g. {differ[:5]}"
    assert sum(len(found) for found in expected.values()) > 0  # a comparison of something
