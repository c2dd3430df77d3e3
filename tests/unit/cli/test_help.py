"""Docstrings and SDK messages in command-line words."""

from __future__ import annotations

from camunda.cli._help import cli_message, cli_text, parse_doc

NAMES = {
    "job_key": "JOB_KEY",
    "page": "--page",
    "to": "--to",
    "filter": "--filter",
    "await_completion": "--await-completion",
    "process_definition_id": "--process-definition-id",
    "request_timeout": "--request-timeout",
}


def test_parse_doc_splits_summary_body_and_args() -> None:
    doc = parse_doc(
        "Complete a job.\n\n``POST /x`` (y)\n\nMore text.\n\nArgs:\n"
        "    job_key: the job\n        to complete.\n    page (dict): which page.\n\n"
        "Raises:\n    NotFoundError: gone.\n"
    )
    assert doc.summary == "Complete a job"
    assert doc.body == "``POST /x`` (y)\n\nMore text."
    assert doc.args == {"job_key": "the job to complete.", "page": "which page."}


def test_cli_text_spells_parameters_as_options() -> None:
    text = (
        "With ``await_completion=True`` (or ``await_completion=False``), "
        "``request_timeout=5000`` ms; ``filter.state`` of ``job_key``; see "
        ":meth:`get_xml` and :class:`~camunda.InvalidArgumentError`; ``other``"
    )
    assert cli_text(text, NAMES) == (
        "With --await-completion (or --no-await-completion), --request-timeout 5000 ms; "
        "--filter state of JOB_KEY; see get-xml and InvalidArgumentError; other"
    )


def test_cli_message_names_fields_and_snake_case_parameters() -> None:
    message = (
        "searchJobs: invalid argument(s) page.limit, to\n"
        "  page.limit: Input should be greater than or equal to 1\n  to: bad\n"
        "job_key must be a numeric key"
    )
    assert cli_message(message, NAMES, ("page.limit", "to")) == (
        "searchJobs: invalid argument(s) --page limit, --to\n"
        "  --page limit: Input should be greater than or equal to 1\n  --to: bad\n"
        "JOB_KEY must be a numeric key"
    )
    fields = ("page.limit", "tags.0", "filter.items[2].name")
    assert cli_message(
        "page.limit, tags.0: bad; filter.items[2].name: worse", NAMES | {"tags": "--tags"}, fields
    ) == ("--page limit, --tags [0]: bad; --filter items[2].name: worse")
    assert cli_message(
        "x: invalid argument(s) (body)\n  (body): give one of process_definition_id",
        NAMES,
        ("(body)",),
    ) == ("x: invalid arguments\n  give one of --process-definition-id")
