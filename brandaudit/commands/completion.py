"""`brandaudit completion bash|zsh|fish`: print a completion script for the shell."""

from __future__ import annotations

import argparse
import sys

from brandaudit.completion import SHELLS, script

INSTALL = """how to use it:
  bash  eval "$(brandaudit completion bash)"        (in ~/.bashrc)
  zsh   eval "$(brandaudit completion zsh)"         (in ~/.zshrc, after compinit), or
        brandaudit completion zsh > "${fpath[1]}/_brandaudit"
  fish  brandaudit completion fish > ~/.config/fish/completions/brandaudit.fish"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print a script that completes brandaudit's commands, options and "
        "their values in your shell.",
        epilog=INSTALL,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def run(args: argparse.Namespace) -> int:
    from brandaudit.cli import build_parser

    sys.stdout.write(script(args.shell, build_parser()))
    return 0
