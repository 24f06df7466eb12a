"""Code-like text with no code markup: shell lines, dot-folders, folders, version-control tags
and domains under newer top-level domains.

Real pages put a terminal mock-up in a styled <div>, not in <code>: "sudo pacman -S
qbittorrent" is a command, and "qbittorrent" in it is the package's name, spelled as the
package manager needs. Likewise ".qBittorrent" (a settings folder), "NovaBridge/" (a
folder), "$Id: faq.html,v 1.72 ..." (an RCS tag) and "openclaw.club" (a domain under a
top-level domain our short list lacks). These patterns are case-sensitive: a command is
written in lower case, prose is not.

Two more come from the sentence, not the word: a setting's value written after "default
is" / "默认" ("Name: the default is openclaw, which becomes the container's name"), and in a
picture (a screenshot of a program) a line that is one lower-case identifier alone or
before " - " (a form field holding "openclaw", a panel titled "openclaw - 配置").
"""

from __future__ import annotations

import re

_ARG = r"[\w@./:=+~-]+"
_OPTION = r"-{1,2}[A-Za-z][\w=-]*"
_COMMAND = (
    "apt-get|apt|aptitude|yum|dnf|pacman|yay|paru|brew|port|pip3?|pipx|uv|npm|npx|yarn|pnpm|"
    "bun|cargo|gem|composer|go|docker|podman|kubectl|helm|git|pkg|zypper|flatpak|snap|choco|"
    "winget|scoop|pisi|apk|nix-env|dpkg|rpm|conda|mamba"
)
_VERB = (
    "install|add|get|i|it|clone|pull|run|build|exec|remove|rm|update|upgrade|search|info|"
    "show|fetch|create|start|stop|use|require"
)
_PATTERNS = [
    # A package-manager or tool command: the tool, options or a verb, then its arguments.
    rf"(?<![\w-])(?:sudo\s+)?(?:{_COMMAND})\s+(?:(?:{_OPTION}\s+)+(?:(?:{_VERB})\s+)?"
    rf"|(?:{_VERB})\s+(?:{_OPTION}\s+)*){_ARG}(?:\s+{_ARG}){{0,2}}",
    rf"(?<![\w-])(?:sudo\s+)?(?:urpmi|emerge)\s+(?:{_OPTION}\s+)*{_ARG}",
    r"(?<![\w.])\.[A-Za-z][\w-]*(?:/[\w.-]*)*",  # dot-folders and dotfiles: .qBittorrent
    r"(?<![\w/.-])[A-Za-z][\w.-]*/(?![\w/])",  # a folder written with its slash: NovaBridge/
    r"\$[A-Z][A-Za-z]+(?::[^$]*)?\$",  # RCS/CVS keywords: $Id: ... $, $OpenBSD: ... $
    r"\$[A-Z][A-Za-z]+: \S+,v \d+(?:\.\d+)+",  # ... the same tag with its closing $ cut
    r"(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}\b(?![.\w@-])",  # lower-case domains
    r"(?<![\w/.-])[a-z0-9][\w.-]*/[a-z0-9][\w.-]*(?![\w/])",  # owner/name: apache/flink-statefun
]
CODE_LIKE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_IDENTIFIER = r"[a-z][a-z0-9_.-]*"  # lower case only: a value, not a name in prose
DEFAULT_VALUE = re.compile(
    r"(?:\b[Dd]efaults?(?: value)?(?:\s+(?:is|to|as)\s+|\s*[:：]\s*)"
    rf"|默认(?:值)?(?:为|是)?[:：]?\s*)({_IDENTIFIER})"
)
PICTURE_IDENTIFIER = re.compile(rf"^\s*({_IDENTIFIER})(?=\s*$|\s+[-–—|]\s)")


# Prose has no command, no "$": then only the patterns that lie inside one run of non-space
# characters holding "." or "/" can match (none of them spans a space; the others cannot
# match at all), and `word_marks` searches such runs one distinct word at a time.
COMMAND_WORDS = frozenset(_COMMAND.replace("pip3?", "pip|pip3").split("|")) | {"urpmi", "emerge"}
_WORD_RUN = re.compile(r"[\w-]+")  # a command is such a run, whole: (?<![\w-]) ... \s
# ASCII text: every character but [A-Za-z0-9_-] becomes a space, and str.split cuts the runs.
_NOT_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_-")}
)
IN_ONE_RUN = re.compile("|".join(f"(?:{_PATTERNS[k]})" for k in (2, 3, 6, 7)))
DOT_SLASH = re.compile(r"[./]")


def word_runs(text: str) -> list[str]:
    """The runs of word characters and hyphens in `text`: a command word stands whole."""
    return text.translate(_NOT_WORD).split() if text.isascii() else _WORD_RUN.findall(text)


def sentence_spans(text: str, picture: bool = False) -> list[tuple[int, int]]:
    """Code-like spans that come from the sentence, not the word: a setting's value after
    "default is", and (`picture`: one line read from a picture) a lone identifier."""
    spans = []
    if "efault" in text or "默认" in text:
        spans += [m.span(1) for m in DEFAULT_VALUE.finditer(text)]
    if picture and (match := PICTURE_IDENTIFIER.match(text)):
        spans.append(match.span(1))
    return spans
