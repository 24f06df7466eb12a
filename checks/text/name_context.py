"""Does the sentence treat a word as a name? Context for names that are also words.

"slack" in lower case is ordinary English ("cut them some slack") unless the sentence uses
it as a product: "sign in to slack", "the slack app", "slack's new pricing", "Jira, slack
and Zoom". Likewise "Stack" capitalised in the middle of a sentence is a typo of "Slack",
unless it starts a sentence, sits in a title-case heading or in a longer proper noun
("Stack Overflow"). These cues are what a copy editor reads; each is one look-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from brandaudit.checks.text.tokens import Token
from brandaudit.checks.text.words import is_ordinary


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SENTENCE_END = ".!?:\"'(["  # after these a capital letter says nothing
# Nouns that follow a product name: "the slack app", "your notion workspace".
PRODUCT_NOUNS = _set(
    "account accounts admin api apis app apps channel channels cli client clients cloud "
    "community dashboard desktop docs documentation download downloads editor enterprise "
    "extension extensions forum instance instances integration integrations library license "
    "login mobile platform plan plans plugin plugins premium pricing pro profile release "
    "releases repo repository sdk server servers service subscription subscriptions support "
    "trial user users version versions website workspace workspaces"
)
# Words before a product name: "via slack", "install ghost", "powered by ghost".
_BEFORE_ONE = _set(
    "via using install installs installed installing download downloads downloaded "
    "downloading launch launches launched launching"
)
_BEFORE_TWO = frozenset(
    tuple(pair.split("_"))
    for pair in _set(
        "switch_to switched_to switching_to move_to moved_to moving_to migrate_to migrated_to "
        "migrating_to switched_from moved_from migrated_from in_to into_to up_for "
        "built_with made_with powered_by built_on runs_on running_on hosted_on available_on "
        "integrates_with integration_with connect_to connects_to connected_to post_on posted_on "
        "share_on shared_on us_on works_with compatible_with account_on"
    )
)
_DETERMINERS = _set(
    "a an the this that these those my your his her its our their some any no every each "
    "much more less little few all such what which whose another other"
)
_LIST_WORDS = frozenset(("and", "or", "&"))
# A bare singular noun between these reads as a name: "questions about ghost within a day",
# "customers who use slack every day"; English puts an article before a common noun there
# ("about the ghost"). "to" is left out: "to slack off" is a verb.
_OBJECT_BEFORE = _set(
    "about with without from into onto for via like than versus vs use uses used using "
    "compare compares compared comparing choose chose chosen choosing prefer prefers "
    "preferred recommend recommends recommended adopt adopts adopted adopting replace "
    "replaces replaced replacing support supports supported up"
)
_MOTION_VERBS = _set(
    "move moves moved moving switch switches switched switching migrate migrates migrated "
    "migrating port ports ported porting upgrade upgrades upgraded upgrading"
)
_OBJECT_AFTER = _set(
    "without with for within every each and or to in on at from since as is was are were "
    "has had have will can could would should does did but because so when while if today "
    "yesterday tomorrow now instead already again too also"
)


def plural(word: str) -> bool:
    """An ordinary plural ("files", "bricks"), not a singular in -s ("canvas", "express")."""
    if not word.endswith("s") or len(word) < 4:
        return False
    return is_ordinary(word[:-1]) or (word.endswith("es") and is_ordinary(word[:-2]))


@dataclass
class Sentence:
    """Tokens of one normalised text block and what can be said about their context."""

    text: str
    tokens: list[Token]

    def gap(self, left: int, right: int) -> str:
        """What lies between token `left` and token `right` (its neighbour)."""
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def starts_sentence(self, i: int) -> bool:
        if i == 0:
            return True
        if self.echoed(i):  # "tool. Tc Tcpdump performs": the sentence starts at the echo
            return self.starts_sentence(i - 1)
        return any(c in _SENTENCE_END for c in self.gap(i - 1, i))

    def echoed(self, i: int) -> bool:
        """Token `i` follows its own first letters: text taken from a PDF set in small
        capitals or with a drop cap repeats a word's start ("Tc Tcpdump")."""
        before, token = self.tokens[i - 1], self.tokens[i]
        fragment, word = self.text[before.start : before.end], self.text[token.start : token.end]
        echo = 1 < len(fragment) < len(word) and word.startswith(fragment)
        return echo and self.gap(i - 1, i) == " "

    @cached_property
    def heading_case(self) -> bool:
        """Title Case text ("Affine Transformations Explained"): capitals say nothing."""
        words = [self.text[t.start : t.end] for t in self.tokens]
        long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
        if len(long_words) < 3:
            return False
        capitalised = sum(w[:1].isupper() for w in long_words)
        return capitalised >= 0.75 * len(long_words)

    def capitalised(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.text[self.tokens[i].start].isupper()

    def joined(self, left: int, right: int) -> bool:
        """Tokens `left` and `right` are neighbours with only a space or hyphen between."""
        return left >= 0 and right < len(self.tokens) and not self.gap(left, right).strip(" -")

    def proper_phrase(self, i: int, j: int) -> bool:
        """Tokens i..j sit inside a longer capitalised phrase: "Stack Overflow", "Black Friday"."""
        before = (
            self.joined(i - 1, i) and self.capitalised(i - 1) and not self.starts_sentence(i - 1)
        )
        after = self.joined(j, j + 1) and self.capitalised(j + 1)
        return before or after

    def reads_as_name(self, i: int, j: int, bare: bool = True) -> bool:
        """Tokens i..j (a lower-case word such as "slack") used as a product name. `bare`
        also counts a bare singular object ("use slack every day"): good evidence for the
        name itself, too weak for a typo that spells another word ("with alacrity")."""
        tokens = self.tokens
        if tokens[j].base_end < tokens[j].end:  # "slack's": a name unless "the ghost's"
            return not self.determined(i)
        if self.joined(j, j + 1) and tokens[j + 1].full in PRODUCT_NOUNS:
            return True
        if self.joined(i - 1, i):
            before = tokens[i - 1].full
            if before in _BEFORE_ONE:
                return True
            if self.joined(i - 2, i - 1) and (tokens[i - 2].full, before) in _BEFORE_TWO:
                return True
        return (bare and self._bare_object(i, j)) or self._among_names(i, j)

    def determined(self, i: int) -> bool:
        """An article or possessive right before token i: "the slack", "our NovaBridge"."""
        return self.joined(i - 1, i) and self.tokens[i - 1].full in _DETERMINERS

    def _bare_object(self, i: int, j: int) -> bool:
        """A singular word with no article between a verb or preposition and a function
        word: "use slack every day" (a name), not "use the slack" or "slack water"."""
        if not self.joined(i - 1, i):
            return False
        before = self.tokens[i - 1].full
        if before not in _OBJECT_BEFORE and not (before == "to" and self._motion(i - 1)):
            return False
        if plural(self.tokens[j].full):
            return False  # bare plurals are ordinary English: "about files within"
        if j + 1 == len(self.tokens) or not self.joined(j, j + 1):
            return self.tokens[j].stop_after
        return self.tokens[j + 1].full in _OBJECT_AFTER

    def _motion(self, to: int) -> bool:
        """A verb of moving before this "to" in the same clause: "moved the stack to X"."""
        for k in range(to - 1, max(-1, to - 6), -1):
            if self.tokens[k].full in _MOTION_VERBS:
                return True
            if self.tokens[k].stop_after:
                return False
        return False

    def _among_names(self, i: int, j: int) -> bool:
        """Listed with capitalised names: "Jira, slack and Zoom", "Trello or notion"."""
        named = 0
        for step, edge in ((-1, i), (1, j)):
            k, listed = edge + step, False
            if 0 <= k < len(self.tokens) and self.tokens[k].full in _LIST_WORDS:
                k, listed = k + step, True
            if not 0 <= k < len(self.tokens):
                continue
            left, right = min(k, edge), max(k, edge)
            between = self.text[self.tokens[left].end : self.tokens[right].start]
            if between.replace("and", "").replace("or", "").replace("&", "").strip(" ,"):
                continue  # a sentence or clause boundary lies between
            if self.capitalised(k) and not self.starts_sentence(k):
                named += 2 if listed else 1
        return named >= 2
