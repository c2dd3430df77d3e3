"""The docs harness itself: parsing, the bash convention, failures that point at file:line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.docs.commands import CommandError, commands
from tests.docs.markdown import anchors, blocks, links
from tests.docs.test_docs import run_alone, run_page

if TYPE_CHECKING:
    from pathlib import Path


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text)
    return page


def test_blocks_keep_page_line_numbers_and_strip_list_indentation(tmp_path: Path) -> None:
    page = _page(
        tmp_path, "# T\n\n```python\nx = 1\n```\n\n* item\n\n  ```bash\n  camunda demo\n  ```\n"
    )
    python, bash = blocks(page)
    assert (python.language, python.line, python.code) == ("python", 4, "x = 1\n")
    assert (bash.language, bash.line, bash.code) == ("bash", 10, "camunda demo\n")
    assert bash.where.endswith("page.md:9")


def test_bash_lines_are_classified_with_expected_exit_codes(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "```bash\n# a comment\ncamunda topology \\\n  --all  # exit 2\n"
        "python -m venv .venv && .venv/bin/pip install -e '.[fastapi]'"
        " && .venv/bin/python -m camunda demo\n```\n",
    )
    found = commands(blocks(page)[0])
    assert [(c.kind, c.args, c.line, c.expected_exit, c.setup) for c in found] == [
        ("cli", ("topology", "--all"), 3, 2, False),
        ("venv", (".venv",), 5, 0, True),
        ("install", ("install", "-e", ".[fastapi]"), 5, 0, True),
        ("cli", ("demo",), 5, 0, True),
    ]


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("curl http://localhost:8080", "is not a command the docs tests can check"),
        ("pip install 'camunda-sdk[nope]'", "extras that pyproject.toml does not define"),
        ("pytest tests/no_such_dir", "does not exist"),
    ],
)
def test_bash_lines_outside_the_convention_fail(tmp_path: Path, line: str, complaint: str) -> None:
    page = _page(tmp_path, f"text\n\n```bash\n{line}\n```\n")
    with pytest.raises(CommandError, match=r"page\.md:4") as raised:
        commands(blocks(page)[0])
    assert complaint in str(raised.value)


def test_links_and_anchors_ignore_code(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "# The `camunda` command\n\nSee [it](other.md#a-b) and "
        "`[not](a link)`.\n\n```text\n[nor](this.md)\n```\n## Again\n## Again\n",
    )
    assert links(page) == [(3, "other.md#a-b")]
    assert anchors(page) == {"the-camunda-command", "again", "again-1"}


def test_a_failing_block_is_reported_at_its_line(tmp_path: Path) -> None:
    page = _page(tmp_path, "```python\nvalue = 1\n```\n\n```python\nassert value == 2\n```\n")
    failure = run_page(page, tmp_path)
    assert failure is not None
    assert 'page.md", line 6' in failure and "page.md:5: this python block raised" in failure


def test_a_hanging_block_fails_instead_of_hanging(tmp_path: Path) -> None:
    page = _page(tmp_path, "```python\nimport time\n```\n\n```python\ntime.sleep(60)\n```\n")
    failure = run_page(page, tmp_path, timeout=3)
    assert failure is not None and "page.md:5: this block did not finish" in failure


def test_a_block_that_needs_an_earlier_one_fails_alone(tmp_path: Path) -> None:
    page = _page(tmp_path, "```python\nvalue = 1\n```\n\n```python\nassert value == 1\n```\n")
    assert run_page(page, tmp_path) is None  # top to bottom
    assert run_page(page, tmp_path, line=2) is None
    failure = run_page(page, tmp_path, line=6)
    assert failure is not None
    assert "NameError: name 'value' is not defined" in failure
    assert "page.md:5: this python block raised" in failure
    assert "no python or bash block starts at line 4" in (run_page(page, tmp_path, line=4) or "")


def test_each_block_alone_gets_a_fresh_cluster(tmp_path: Path) -> None:
    """Run twice, a block that counts what it created still finds only its own."""
    page = _page(
        tmp_path,
        """```python
from importlib.resources import files

from camunda import CamundaClient

bpmn = files("camunda.testing").joinpath("order.bpmn").read_bytes()
with CamundaClient() as client:
    deployed = client.deployments.create(resources=[("order.bpmn", bpmn)])
    assert deployed.processes[0].process_definition_version == 1
```
""",
    )
    (block,) = blocks(page)
    assert run_alone(block, tmp_path / "first") is None
    assert run_alone(block, tmp_path / "second") is None
