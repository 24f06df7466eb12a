"""The `brandaudit` command: argument parsing and dispatch to one module per subcommand.

Exit status (CONTRACT §1): 0 no finding at or above --fail-on, 1 there is one, 2 the
command could not run (one line on stderr naming the file, field or option; no traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from brandaudit import __version__
from brandaudit.commands import COMMANDS
from brandaudit.errors import UserError

EXIT_USAGE = 2


class OneLineParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line on stderr with exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="brandaudit",
        description="Audit a brand's consistency across its websites and other touchpoints.",
    )
    parser.add_argument("--version", action="version", version=f"brandaudit {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=OneLineParser
    )
    subparsers.required = True
    for command in COMMANDS.values():
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(COMMANDS[args.command].run(args))
    except UserError as exc:
        sys.stderr.write(f"brandaudit: error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("brandaudit: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader left (`brandaudit rules | head`): not an error, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
