"""The options of each ``kg`` command as Markdown, read from the command line itself.

A command page holds a marker line, ``<!-- kg-options: build -->`` (or
``<!-- kg-options: reference search -->`` for a subcommand); the MkDocs hook
replaces it by the usage line and a table of arguments and options, so the
pages never drift from ``kg CMD --help``.

>>> md = options_markdown(["stats"])
>>> md.splitlines()[0]
'**Usage:** `kg stats [OPTIONS]`'
>>> options_markdown(["ingest"]).splitlines()[0]
'**Usage:** `kg ingest [OPTIONS] FILES...`'
>>> "`--store`" in md and "`--json`" in md
True
"""

from __future__ import annotations

import re
from typing import Any

import typer.main

from kg.cli import app

MARKER = re.compile(r"^<!-- kg-options: (?P<path>[a-z][a-z -]*?) -->$", re.MULTILINE)


# Typer brings its own copy of click, so commands and parameters are told apart by what
# they have (list_commands, param_type_name), not by isinstance against the click package.


def root_command() -> Any:
    """The ``kg`` command as click sees it (Typer builds it from ``kg.cli.app``)."""
    return typer.main.get_command(app)


def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands")


def _context(command: Any, name: str, parent: Any = None) -> Any:
    return command.context_class(command, info_name=name, parent=parent)


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as word lists: ``[["build"], ["reference", "search"], ...]``.

    >>> ["reference", "search"] in command_paths()
    True
    """
    root = root_command()
    ctx = _context(root, "kg")
    paths: list[list[str]] = []
    for name in root.list_commands(ctx):
        command = root.get_command(ctx, name)
        if _is_group(command):
            sub_ctx = _context(command, name, ctx)
            paths.extend([name, sub] for sub in command.list_commands(sub_ctx))
        else:
            paths.append([name])
    return paths


def _resolve(path: list[str]) -> tuple[Any, Any]:
    command = root_command()
    ctx = _context(command, "kg")
    for name in path:
        found = command.get_command(ctx, name) if _is_group(command) else None
        if found is None:
            raise KeyError(f"kg {' '.join(path)}: no such command")
        command, ctx = found, _context(found, name, ctx)
    return command, ctx


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _is_flag(param: Any) -> bool:
    return param.param_type_name == "option" and bool(param.is_flag)


def _default(param: Any) -> str:
    value = param.default
    if value is None or value is False or value == () or callable(value):
        return ""
    if _is_flag(param) and value is True:
        return "on"
    return f"`{value}`"


def _value(param: Any, ctx: Any) -> str:
    if _is_flag(param):
        return "flag"
    kind = re.sub(r"^list\[(.*)\]$", r"\1", param.display_type(ctx).strip("<>"))
    return _cell(f"{kind}, repeatable" if param.multiple else kind)


def options_markdown(path: list[str]) -> str:
    """The usage line, arguments and options of ``kg <path>`` as Markdown."""
    command, ctx = _resolve(path)
    pieces = [
        re.sub(r"\{(\w+)\}", lambda m: m.group(1).upper(), piece)
        for piece in command.collect_usage_pieces(ctx)
    ]
    usage = " ".join(["kg", *path, *pieces])
    lines = [f"**Usage:** `{usage}`", ""]
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [p for p in command.params if p.param_type_name == "option"]
    if arguments:
        lines += ["| argument | what |", "| --- | --- |"]
        for arg in arguments:
            required = " (required)" if arg.required else ""
            name = f"{arg.name.upper()}..." if arg.nargs == -1 else arg.name.upper()
            lines.append(f"| `{name}` | {_cell(arg.help or '')}{required} |")
        lines.append("")
    lines += ["| option | value | default | what |", "| --- | --- | --- | --- |"]
    for option in options:
        names = ", ".join(f"`{name}`" for name in [*option.opts, *option.secondary_opts])
        lines.append(
            f"| {names} | {_value(option, ctx)} | {_default(option)} | {_cell(option.help or '')} |"
        )
    lines.append("| `--help` | flag |  | Show the help and exit. |")
    return "\n".join(lines) + "\n"


def expand_markers(markdown: str) -> str:
    """Replace every ``<!-- kg-options: ... -->`` line by the options of that command."""
    return MARKER.sub(lambda m: options_markdown(m.group("path").split()), markdown)
