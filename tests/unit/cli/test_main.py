"""``camunda`` in-process: exit codes, errors on stderr, ``--env-file``, ``--wait``, progress
bars."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import httpx
import pytest

from camunda._progress import Progress
from camunda.cli import build_parser, command_word, main
from camunda.cli._operations import json_argument

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_httpx import HTTPXMock

BASE = "http://camunda.test/v2"


@pytest.fixture(autouse=True)
def _cluster_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://camunda.test")
    monkeypatch.setenv("CAMUNDA_MAX_RETRIES", "0")
    monkeypatch.setattr("camunda._wait._sleep", _no_sleep)


def _no_sleep(_: float) -> None:
    pass


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_word_skips_global_options() -> None:
    assert command_word(["--env-file", "x.env", "jobs", "search"]) == "jobs"
    assert command_word(["--env-file=x.env", "topology"]) == "topology"
    assert command_word(["--help"]) is None


def test_an_answer_is_json_on_stdout(
    httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/batch-operations/b-1",
        json={**_batch("ACTIVE", 1), "newerField": 1},
    )
    assert main(["batch-operations", "get", "b-1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        **_batch("ACTIVE", 1),
        "newerField": 1,
        "startDate": None,
        "endDate": None,
        "actorType": None,
        "actorId": None,
    }


def test_an_error_status_prints_the_problem_and_exits_1(
    httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-instances/1",
        status_code=404,
        json={"title": "NOT_FOUND", "status": 404, "detail": "gone"},
    )
    assert main(["process-instances", "get", "1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert json.loads(captured.err) == {
        "title": "NOT_FOUND",
        "status": 404,
        "detail": "gone",
        "operationId": "getProcessInstance",
    }


def test_a_connection_error_exits_1(
    httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    assert main(["topology"]) == 1
    assert capsys.readouterr().err.startswith("camunda: error: ")


@pytest.mark.parametrize(
    "argv", [["deploy", "FILE"], ["deployments", "create", "--resources", "FILE"]]
)
def test_a_missing_file_is_a_message_and_exit_2(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.bpmn")
    assert main([missing if arg == "FILE" else arg for arg in argv]) == 2
    assert capsys.readouterr().err == f"camunda: error: no such file: {missing}\n"


@pytest.mark.parametrize(
    "argv", [["deploy", "DIR"], ["deployments", "create", "--resources", "DIR"]]
)
def test_a_directory_given_as_a_file_is_a_message_and_exit_2(
    argv: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(tmp_path) if arg == "DIR" else arg for arg in argv]) == 2
    assert capsys.readouterr().err == f"camunda: error: cannot read {tmp_path}: Is a directory\n"


def test_bad_input_and_bad_settings_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["process-instances", "get", "not-a-key"]) == 2
    assert "PROCESS_INSTANCE_KEY must be a numeric key" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["jobs", "fail", "1", "--retries", "9223372036854775808"])
    assert exited.value.code == 2
    assert "--retries: 9223372036854775808 is out of range" in capsys.readouterr().err
    assert main(["--env-file", "/nonexistent/camunda.env", "topology"]) == 2
    assert "--env-file /nonexistent/camunda.env: no such file" in capsys.readouterr().err
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "ftp://nope")
    assert main(["topology"]) == 2
    assert "CAMUNDA_REST_ADDRESS" in capsys.readouterr().err


def test_the_env_file_configures_the_client(
    httpx_mock: HTTPXMock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("CAMUNDA_REST_ADDRESS")
    env_file = tmp_path / "camunda.env"
    env_file.write_text("CAMUNDA_REST_ADDRESS=http://from-file.test\n")
    httpx_mock.add_response(
        method="POST",
        url="http://from-file.test/v2/jobs/search",
        json={"items": [], "page": {"totalItems": 0, "hasMoreTotalItems": False}},
    )
    assert main(["jobs", "search", "--env-file", str(env_file)]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == []


def test_json_arguments_read_text_or_files(tmp_path: Path) -> None:
    path = tmp_path / "filter.json"
    path.write_text('{"state": "ACTIVE"}')
    assert json_argument(f"@{path}") == {"state": "ACTIVE"}
    assert json_argument("[1, null]") == [1, None]
    path.write_text("{oops")
    with pytest.raises(Exception, match=r"invalid JSON in .*filter.json: Expecting property"):
        json_argument(f"@{path}")
    with pytest.raises(Exception, match=r"cannot read .*missing.json"):
        json_argument(f"@{tmp_path / 'missing.json'}")


def test_bad_json_exits_2_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["process-instances", "search", "--filter", "{state: ACTIVE}"])
    assert exit_info.value.code == 2
    assert "argument --filter: invalid JSON" in capsys.readouterr().err


def _batch(state: str, done: int) -> dict[str, object]:
    return {
        "batchOperationKey": "b-1",
        "state": state,
        "batchOperationType": "CANCEL_PROCESS_INSTANCE",
        "operationsTotalCount": 4,
        "operationsFailedCount": 0,
        "operationsCompletedCount": done,
        "errors": [],
    }


def test_wait_follows_the_batch_operation_to_its_end(
    httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-instances/cancellation",
        json={"batchOperationKey": "b-1", "batchOperationType": "CANCEL_PROCESS_INSTANCE"},
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/batch-operations/b-1",
        status_code=404,
        json={"title": "NOT_FOUND"},
    )
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/batch-operations/b-1", json=_batch("ACTIVE", 2)
    )
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/batch-operations/b-1", json=_batch("COMPLETED", 4)
    )
    assert main(["process-instances", "cancel-batch", "--filter", "{}", "--wait"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["state"] == "COMPLETED"
    assert captured.err == ""  # not a terminal: no progress bar


def test_wait_exits_1_when_the_batch_operation_fails(
    httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/batch-operations/b-1", json=_batch("FAILED", 1)
    )
    assert main(["batch-operations", "get", "b-1", "--wait"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["state"] == "FAILED"
    assert "batch operation b-1: FAILED" in captured.err


def test_progress_draws_only_on_a_terminal() -> None:
    terminal = _Terminal()
    with Progress("deploying", 4, stream=terminal) as bar:
        bar.advance()
        bar.update(4)
    drawn = terminal.getvalue()
    assert "deploying [" + "#" * 7 + "." * 23 + "] 1/4" in drawn
    assert drawn.endswith("] 4/4\n")
    assert Progress("items", stream=_Terminal()).render() == "items 0"
    beside_terminal_output = Progress("items", 4, stream=_Terminal(), output=_Terminal())
    with beside_terminal_output as bar:
        bar.advance(4)
    assert not beside_terminal_output.enabled
    plain = io.StringIO()
    with Progress("deploying", 4, stream=plain) as bar:
        bar.advance(4)
    assert plain.getvalue() == ""


def test_all_walks_every_page_while_items_leave_the_result(
    httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--all`` goes on to the server's last page, not to the first total it reads: here
    every user it lists is removed meanwhile, so later pages report lower totals."""
    users = [f"u{n:02}" for n in range(1, 31)]

    def answer(request: httpx.Request) -> httpx.Response:
        page = json.loads(request.content).get("page") or {}
        after = page.get("after", "")
        listed = [u for u in users if u > after][:10]
        response = httpx.Response(
            200,
            json={
                "items": [{"username": u} for u in listed],
                "page": {
                    "totalItems": len(users),
                    "hasMoreTotalItems": False,
                    "endCursor": listed[-1] if listed else None,
                },
            },
        )
        for user in listed:  # someone else deletes them as they are listed
            users.remove(user)
        return response

    httpx_mock.add_callback(answer, method="POST", url=f"{BASE}/users/search", is_reusable=True)
    assert main(["identity", "users", "search", "--page", '{"limit": 10}', "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["username"] for line in lines] == [f"u{n:02}" for n in range(1, 31)]


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["identity", "roles", "unassign-user", "admin", "--username", ".."], "username"),
        (["identity", "groups", "unassign-user", "..", "--username", "bob"], "group_id"),
        (["identity", "users", "delete", "a/../admin"], "username"),
        (["process-instances", "get", "123\n"], "process_instance_key"),
    ],
)
def test_a_path_argument_that_would_leave_its_segment_is_refused(
    argv: list[str], field: str, httpx_mock: HTTPXMock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI calls the same client: an id that would reach another path (``..`` would
    turn ``DELETE /roles/admin/users/..`` into ``DELETE /roles/admin``) exits 2, unsent."""
    assert main(argv) == 2
    assert f"{field} " in capsys.readouterr().err.lower()  # the option, or its argument
    assert httpx_mock.get_requests() == []


def test_an_address_with_a_wrong_path_exits_2_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://camunda.test/v1")
    assert main(["topology"]) == 2
    err = capsys.readouterr().err
    assert "CAMUNDA_REST_ADDRESS" in err and "ends with /v1" in err
    assert "Traceback" not in err


def test_help_keeps_each_example_on_one_line_to_copy() -> None:
    text = build_parser().format_help()
    example = (
        "  camunda process-instances create --process-definition-id order "
        '--variables \'{"order_id": "o-1"}\'\n'
    )
    assert example in text


def test_an_unknown_option_before_any_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--bogus"])
    assert exited.value.code == 2
    assert "camunda: error: unrecognized arguments: --bogus" in capsys.readouterr().err
