"""The approval gate: the only code that may press a button that changes the account (the
final "Yes, Cancel", or a retention offer's accept button).

`press_approved` demands an `Approval`, and only `request_approval` can make one, from the
answer the person typed in this run. An Approval is bound to its run and spent by its
first use, so nothing can press the button twice or carry an approval to another run.

The `DestructiveGuard` adds a second wall in the browser itself: until an approval is
spent, every request the site marks as account-changing is aborted before it leaves Chromium.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import BrowserContext, Locator, Route
from playwright.sync_api import Error as PlaywrightError

from automator.errors import NotPressed
from automator.proof import utc_now

APPROVAL_WORD = "yes"
OFFER_WORD = "accept"  # taking a retention offer also changes the account: its own typed word
_MINT = object()  # only this module holds it, so only this module mints approvals


@dataclass(frozen=True)
class Summary:
    """What the person is asked to approve: cancelling, or taking a retention offer instead."""

    plan: str
    price: str | None
    next_billing_date: str | None
    access_until: str | None
    offer: str | None = None  # set when the question is whether to take this offer
    button: str = "Yes, Cancel"  # the confirming button's exact text, as the site shows it
    terms: str | None = None  # the final dialog's own sentence about access and charges
    trial_ends: str | None = None  # set for a free trial: no charge will be made


class Approval:
    """Proof that the person typed their approval in this run. Single use."""

    __slots__ = ("_spent", "approved_at", "pressed_at", "run_id", "summary")

    def __init__(self, mint: object, run_id: str, summary: Summary) -> None:
        if mint is not _MINT:
            raise TypeError("an Approval comes only from request_approval(), from a typed answer")
        self.run_id = run_id
        self.summary = summary
        self._spent = False
        self.approved_at = utc_now()  # the receipt's moments: when the person typed it, and
        self.pressed_at: str | None = None  # when the click it allowed was done

    def spend(self, run_id: str) -> None:
        if run_id != self.run_id:
            raise PermissionError("this approval was given in another run")
        if self._spent:
            raise PermissionError("this approval has already been used")
        self._spent = True


def is_approval(answer: str | None, word: str = APPROVAL_WORD) -> bool:
    """Only the typed word approves; anything else, an empty line or no answer is a decline."""
    return answer is not None and answer.strip().lower() == word


def request_approval(
    run_id: str, summary: Summary, ask: Callable[[Summary], str | None], word: str = APPROVAL_WORD
) -> Approval | None:
    """Ask the person; an Approval if they typed the approval word, else None (declined).

    `ask` returns what was typed, or None on end of input. Ctrl-C propagates (no approval is
    minted): the run stops as interrupted.
    """
    try:
        answer = ask(summary)
    except EOFError:
        answer = None
    return Approval(_MINT, run_id, summary) if is_approval(answer, word) else None


@dataclass(frozen=True)
class GuardRules:
    """A site's words for requests that change the account, and for writes that never do.

    `changes`: a cancel, a pause, an offer taken, a plan switched. `benign`: a survey answer,
    feedback, analytics. Both are matched against the words of a request's path, a GraphQL
    mutation's name and root fields, and the short values of its body.
    """

    changes: re.Pattern[str]
    benign: re.Pattern[str]
    # What the account holds (a subscription, a plan): deleting one changes the account.
    holdings: re.Pattern[str]


@dataclass(frozen=True)
class Held:
    """A request the guard held back: what it was, in words, and when (time.monotonic())."""

    method: str
    url: str
    what: str  # "mutation CancelSubscription", or the path
    at: float = field(default_factory=time.monotonic)

    def __str__(self) -> str:
        return f"{self.method} {self.url}" + (f" ({self.what})" if self.what.startswith("mutation") else "")


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Body keys whose one-word values say what a request does (`{"status": "CANCELLED"}`). Other
# values are data (an email, a password, free text) and say nothing about it.
ACTION_KEYS = re.compile(r"^(action|status|state|type|op|operation|intent|change|command|kind|mode)$", re.I)


def words_of(text: str) -> list[str]:
    """Lower-case words of an identifier or path: camelCase, snake_case, kebab-case, dots."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return [w.lower() for w in re.split(r"[^A-Za-z]+", spaced) if w]


def account_change(method: str, url: str, body: str | None, rules: GuardRules) -> str | None:
    """What this request would change, in words, or None when it is a read or a benign write.

    Decided by meaning, not by URL words alone: a GraphQL query sent by POST reads; a
    mutation is judged by its name and root fields, then its variables; a REST call by the
    last part of its path that says anything, then by its body's keys and action values
    (`{"status": "CANCELLED"}`). A write that names a survey, feedback or analytics never
    changes the account.
    """
    if method not in WRITE_METHODS:
        return None
    data = _json(body)
    operations = data if isinstance(data, list) else [data]
    graphql = [op for op in operations if isinstance(op, dict) and isinstance(op.get("query"), str)]
    if graphql:
        return next((found for op in graphql if (found := _mutation_change(op, rules))), None)
    parts = urlsplit(url)
    for segment in reversed([s for s in parts.path.split("/") if s]):
        verdict = _verdict(words_of(segment), rules)
        if verdict is not None:
            return parts.path if verdict == "changes" else None
    if method == "DELETE" and rules.holdings.search(" ".join(words_of(parts.path))):
        return parts.path
    fields = data if isinstance(data, dict) else dict(parse_qsl(body or ""))
    if _verdict(_field_words({**dict(parse_qsl(parts.query)), **fields}), rules) == "changes":
        return f"{parts.path} (its body)"
    return None


def _mutation_change(op: dict[str, Any], rules: GuardRules) -> str | None:
    query = str(op["query"]).strip()
    head = re.match(r"(query|mutation|subscription)\b\s*(\w*)", query)
    if head is None or head.group(1) != "mutation":
        return None  # a query (or the `{ ... }` shorthand) only reads
    name = str(op.get("operationName") or head.group(2))
    fields = _root_fields(query)
    verdict = _verdict(words_of(name) + [w for f in fields for w in words_of(f)], rules)
    if verdict is None:
        variables = op.get("variables")
        verdict = _verdict(_field_words(variables) if isinstance(variables, dict) else [], rules)
    return f"mutation {name or ', '.join(fields)}" if verdict == "changes" else None


def _root_fields(query: str) -> list[str]:
    """The top-level fields a GraphQL document selects (aliases and arguments skipped)."""
    fields: list[str] = []
    depth = parens = 0
    for token in re.findall(r'"(?:[^"\\]|\\.)*"|[{}()]|[_A-Za-z]\w*(?:\s*:)?', query):
        if token in "{}":
            depth += 1 if token == "{" else -1
        elif token in "()":
            parens += 1 if token == "(" else -1
        elif depth == 1 and parens == 0 and token[0] != '"' and not token.endswith(":"):
            fields.append(token)
    return fields


def _verdict(terms: list[str], rules: GuardRules) -> str | None:
    text = " ".join(terms)
    if rules.benign.search(text):
        return "benign"
    if rules.changes.search(text):
        return "changes"
    return None


def _json(body: str | None) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _field_words(fields: dict[Any, Any]) -> list[str]:
    """The words of a body's keys, at any depth, and of the one-word values of its action keys."""
    found: list[str] = []
    for key, value in fields.items():
        found += words_of(str(key))
        if isinstance(value, dict):
            found += _field_words(value)
        elif isinstance(value, list):
            found += [w for item in value if isinstance(item, dict) for w in _field_words(item)]
        elif isinstance(value, str) and ACTION_KEYS.match(str(key)) and " " not in value.strip():
            found += words_of(value)
    return found


class DestructiveGuard:
    """Holds back, in the browser, every request that would change the account, until an
    approval is spent; lets every other request through untouched.

    It sees every request the page makes (a GraphQL mutation posted to one endpoint, too)
    and decides from its meaning (`account_change`). A request held back is aborted before
    it leaves Chromium and kept in `blocked`, so the run can stop at once and say so.
    """

    def __init__(self, context: BrowserContext, rules: GuardRules) -> None:
        self.rules = rules
        self.allowed = False
        self.blocked: list[Held] = []
        context.route("**/*", self._on_request)

    def _on_request(self, route: Route) -> None:
        request = route.request
        if request.method not in WRITE_METHODS or self.allowed:
            route.fallback()
            return
        try:
            body = request.post_data
        except (UnicodeDecodeError, ValueError):
            body = None  # a binary upload: judged by its URL alone
        what = account_change(request.method, request.url, body, self.rules)
        if what is None:
            route.fallback()
            return
        self.blocked.append(Held(request.method, request.url.split("?", 1)[0], what))
        route.abort("blockedbyclient")


# What Playwright's call log says of a click that stopped before any event reached the page.
BEFORE_DISPATCH = (
    "waiting for element to be visible, enabled and stable",
    "element is not enabled",
    "element is not visible",
    "element is not stable",
    "intercepts pointer events",
    "element is outside of the viewport",
    "element is not attached",
    "waiting for locator",
)
DISPATCHED = ("performing click action", "click action done")


def never_dispatched(exc: Exception) -> bool:
    """Whether a failed click provably never reached the page: its call log stops before the click."""
    log = str(exc)
    return any(step in log for step in BEFORE_DISPATCH) and not any(step in log for step in DISPATCHED)


def press_approved(
    button: Locator, approval: Approval, run_id: str, guard: DestructiveGuard, timeout_ms: float
) -> None:
    """Press a button that changes the account, once, with the person's approval from this run.

    Raises NotPressed when the click never reached the page (nothing was sent); any other
    failure propagates, and the click may have happened."""
    if not isinstance(approval, Approval):
        raise TypeError("press_approved needs an Approval from request_approval()")
    approval.spend(run_id)
    guard.allowed = True
    try:
        # Not waiting for a navigation the click starts: a slow page after it would time the
        # click out although it was sent, and the run would stop unsure instead of reading what
        # the site did (the verification that follows waits for the page, in its own budget).
        button.click(timeout=timeout_ms, no_wait_after=True)
        approval.pressed_at = utc_now()
    except PlaywrightError as exc:
        if never_dispatched(exc):
            guard.allowed = False
            raise NotPressed(f"the button could not be pressed ({str(exc).splitlines()[0]})") from exc
        raise
