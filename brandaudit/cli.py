"""The `brandaudit` command: argument parsing and dispatch to one module per subcommand.

Exit status (CONTRACT §1): 0 no finding at or above --fail-on, 1 there is one, 2 the
command could not run (one line on stderr per problem, naming the file, field or option; no
traceback).

Start-up stays light: this module imports a command's module only when that command is on
the command line (`--version` and `--help` load neither Scrapy nor the imaging stack).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn

from brandaudit import __version__
from brandaudit.cli_help import epilog
from brandaudit.commands import COMMANDS
from brandaudit.errors import UserError

EXIT_USAGE = 2
# Level names, so that `logging` (and what it imports) loads only once a command runs.
LOG_LEVELS = {-1: "ERROR", 0: "WARNING", 1: "INFO"}


class OneLineParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line on stderr with exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {with_guess(message)} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


def with_guess(message: str) -> str:
    """argparse's "invalid choice: 'audti' (choose from 'audit', ...)" with the nearest
    choice named first: "...; did you mean 'audit'?"."""
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if not found:
        return message
    import difflib  # only for a mistyped command

    choices = re.findall(r"'([^']*)'", found.group(2))
    guess = difflib.get_close_matches(found.group(1), choices, n=1, cutoff=0.6)
    return f"{message}; did you mean '{guess[0]}'?" if guess else message


def add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    """-v/-q on the main parser and on every command, so they work before or after it; a
    command's copies default to SUPPRESS and never overwrite a flag given before it."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-v", "--verbose", dest="verbosity", action="store_const", const=1, default=default,
        help="log progress details",
    )  # fmt: skip
    group.add_argument(
        "-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=default,
        help="print errors only (no progress, no summary)",
    )  # fmt: skip


def build_parser(load: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the commands in `load` (default: all) get their full options, the
    others a name and a summary (enough for --help and for choosing the command)."""
    loaded = set(COMMANDS if load is None else load)
    parser = OneLineParser(
        prog="brandaudit",
        description="Audit a brand's consistency across its websites and other touchpoints.",
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"brandaudit {__version__}")
    add_verbosity(parser, default=0)
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=OneLineParser
    )
    subparsers.required = True
    for name, entry in COMMANDS.items():
        if name in loaded:
            entry.load().add_parser(subparsers)
            command = subparsers.choices[name]
        else:
            command = subparsers.add_parser(name, help=entry.summary)
        for level in (command, *nested_parsers(command)):
            add_verbosity(level, default=argparse.SUPPRESS)
    return parser


def nested_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """A command's own sub-actions (`baseline create`), at any depth."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += [sub, *nested_parsers(sub)]
    return found


def command_named(argv: Sequence[str]) -> str | None:
    """The command on the command line: the first word that is not an option (the main
    parser's options take no value), if it is a known command."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = command_named(argv)
    parser = build_parser(load=[command] if command else [])
    args = parser.parse_args(argv)
    import logging  # after --help and --version, which exit above

    logging.basicConfig(
        level=LOG_LEVELS[args.verbosity], format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return int(COMMANDS[args.command].load().run(args))
    except UserError as exc:
        for line in str(exc).splitlines() or [""]:
            sys.stderr.write(f"brandaudit: error: {line}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("brandaudit: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader left (`brandaudit rules | head`): not an error, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
