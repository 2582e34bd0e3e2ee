"""Every command lists a one-line description and has --help with an example."""

from __future__ import annotations

import subprocess
import sys

import typer

from kg.cli import app, main


def _commands(group=None, prefix=()):
    cmd = typer.main.get_command(app) if group is None else group
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        path = (*prefix, name)
        if getattr(sub, "commands", None):
            yield from _commands(sub, path)
        else:
            yield path, sub


def test_every_command_has_help_with_an_example():
    commands = list(_commands())
    assert commands, "no commands registered"
    for path, cmd in commands:
        assert cmd.help and cmd.help.strip(), f"kg {' '.join(path)} has no help text"
        assert "Example" in cmd.help, f"kg {' '.join(path)} --help shows no example"


def test_top_level_help_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for path, _ in _commands():
        assert path[0] in out


def test_unknown_command_is_a_usage_error_not_a_traceback(capsys):
    code = main(["no-such-command"])
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
