"""`automator record`: walk a site in dry run and write what was seen as a recording, in the
format the tests, the demo and `automator check` read (docs/recordings.md).

Each screen's DOM is kept with the site's scripts removed and personal data scrubbed: the
account's email and name become `{{account.*}}` placeholders, and card digits, CSRF tokens,
session and user ids (in attributes and URLs too) are replaced. Stylesheets are kept
locally. One small script of our own opens menus, and moves on to the next snapshot where the
site showed its next screen without loading a page (automator/snapshots.py), so the recording
can be walked again.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from playwright.sync_api import Locator, Page, Response

from automator.cancel import run_cancel
from automator.contract_files import shots_of, write_screenshots, write_templates
from automator.contracts import template_of
from automator.credentials import Credentials
from automator.errors import ConfigError
from automator.flow import Screen
from automator.interaction import Interaction
from automator.personal import EMAIL_SHAPE, card_digits
from automator.report import RunResult
from automator.settings import RunSettings
from automator.sites import site_named
from automator.sites.base import FlowContext, Site
from automator.snapshots import STEP_SCRIPT, Seen, gaps, lead_on, mark_controls, mark_of, page_routes
from automator.watch import Watch

# The made-up account a recording signs in with: never the recorder's own.
RECORDED_ACCOUNT = {
    "email": "recorded.learner@example.com",
    "password": "recorded-password-1234",
    "full_name": "Robin Recorded",
}
SENSITIVE_KEYS = re.compile(
    r"csrf|xsrf|token|session|sid|auth|user_?id|uid|account_?id|nonce|signature", re.I
)
LONG_ID = re.compile(r"^(?=.*\d)[0-9a-f]{6,}$|^\d{5,}$|^[0-9a-f]{8}-[0-9a-f-]{27,}$", re.I)
LONG_NUMBER = re.compile(r"(?<!\w)\d{8,}(?!\w)")
# A card's last four digits, and any email: by their shape, whatever the page's language.
CARD = card_digits("ending in", "ending with")
MENU_SCRIPT = """// Written by automator record: the site's scripts are removed; this opens menus...
document.addEventListener("click", function (event) {
  var opener = event.target.closest("[aria-controls][aria-haspopup], [aria-controls][aria-expanded]");
  if (!opener) return;
  var target = document.getElementById(opener.getAttribute("aria-controls"));
  if (!target) return;
  var open = target.hasAttribute("hidden");
  target.toggleAttribute("hidden", !open);
  opener.setAttribute("aria-expanded", open ? "true" : "false");
});
"""


@dataclass
class Recorder:
    site: Site
    screens: list[Seen] = field(default_factory=list)
    stylesheets: dict[str, str] = field(default_factory=dict)  # URL -> CSS text
    posts: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # path -> status, Location
    templates: dict[str, str] = field(default_factory=dict)  # screen -> its region's ARIA template

    def observe(self, page: Page, screen: Screen, ctx: FlowContext, site: Site) -> None:
        if len(self.screens) == 0:
            page.on("response", self._on_response)
        path = urlsplit(page.url).path or "/"
        signed_in = screen.name not in self.site.signed_out_screens
        continued = mark_controls(page, len(self.screens) + 1)
        self.screens.append(Seen(screen.name, path, page.content(), signed_in, continued))
        contract = site.contracts.get(screen.name)
        if contract is not None and contract.region is not None and screen.name not in self.templates:
            now = template_of(page, contract, lambda text: site.scrub(text, ctx))
            if now is not None:
                self.templates[screen.name] = now[1]

    def acting(self, target: Locator) -> None:
        """The walk is about to press `target` on the last screen met: the way to the next one."""
        if self.screens:
            self.screens[-1].control = mark_of(target, len(self.screens))

    def _on_response(self, response: Response) -> None:
        request = response.request
        try:
            if request.resource_type == "stylesheet" and response.ok:
                self.stylesheets[response.url] = response.text()
            elif request.method != "GET" and request.resource_type == "document":
                self.posts[urlsplit(request.url).path] = (response.status, response.headers.get("location"))
        except Exception:
            pass


def run_record(
    settings: RunSettings,
    credentials: Callable[[], Credentials],
    ui: Interaction,
    browser: Any = None,
) -> tuple[RunResult, Path]:
    """Dry-run the flow, keeping every screen, and write the recording to settings.out_dir."""
    site = site_named(settings.site)
    recorder = Recorder(site)
    work = Path(tempfile.mkdtemp(prefix="automator-record-"))  # the walk's own report is not kept
    dry = RunSettings(**{**settings.__dict__, "dry_run": True, "out_dir": work})
    found: list[Credentials] = []

    def remember() -> Credentials:
        found.append(credentials())
        return found[-1]

    try:
        result = run_cancel(dry, remember, ui, Watch(recorder.observe, recorder.acting), browser=browser)
        for gap in gaps(recorder.screens, _path_of(settings.base_url)):
            ui.info(f"Note: {gap}.")
        secrets = _personal(found[0] if found else None, recorder.screens, site)
        write_recording(settings.out_dir, recorder, secrets, settings.base_url)
        write_screenshots(settings.out_dir, shots_of(result, work, recorder.templates))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result, settings.out_dir


def _personal(credentials: Credentials | None, screens: list[Seen], site: Site) -> dict[str, str]:
    """What to replace with placeholders: the email, and the name the site shows (its account menu)."""
    found: dict[str, str] = {}
    if credentials:
        found[credentials.email] = "{{account.email}}"
    for seen in screens:
        name = site.name_in_html(seen.html)
        if name:
            found[name] = "{{account.full_name}}"
            parts = name.split()
            if parts:
                found[parts[0]] = "{{account.first_name}}"
                found["".join(p[0] for p in parts[:2]).upper()] = "{{account.initials}}"
            break
    return found


def scrub_html(html: str, personal: dict[str, str], origin: str, css_names: dict[str, str]) -> str:
    """The page without scripts, event handlers or personal data, pointing only at itself."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "noscript"]):
        tag.decompose()
    for tag in soup.find_all(True):
        for attr in list(tag.attrs):
            value = tag.attrs[attr]
            if attr.lower().startswith("on"):
                del tag.attrs[attr]
            elif attr in ("href", "src", "action", "formaction") and isinstance(value, str):
                tag.attrs[attr] = _scrub_url(value, origin, css_names, tag.name)
            elif isinstance(value, str) and (SENSITIVE_KEYS.search(attr) or _is_secret_field(tag, attr)):
                tag.attrs[attr] = "scrubbed"
        if tag.name == "img" and str(tag.get("src", "")).startswith("http"):
            tag["src"] = "data:,"
    head = soup.find("head") or soup
    script = soup.new_tag("script", attrs={"src": "/static/recorded.js", "defer": ""})
    head.append(script)
    for form in soup.find_all("form"):
        if form.find("input", attrs={"type": "password"}):
            form["method"], form["action"] = "post", "/login"
    text = str(soup)
    for value, placeholder in sorted(personal.items(), key=lambda kv: -len(kv[0])):
        if len(value) >= 2:
            text = re.sub(rf"(?<![\w@.]){re.escape(value)}(?![\w@])", placeholder, text)
    # Every email-shaped string, typed by the tool or not (a saved session types none): the
    # page shows the account's, and any other is nobody's business either.
    text = EMAIL_SHAPE.sub("{{account.email}}", text)
    text = CARD.sub(r"\g<1>0000", text)
    return LONG_NUMBER.sub("0", text)  # account, order and member numbers


def leaks(text: str, personal: dict[str, str]) -> list[str]:
    """What personal a scrubbed page still holds: an email address, or a value to replace."""
    found = [f"the email address {m.group(0)!r}" for m in EMAIL_SHAPE.finditer(text)]
    found += [f"{placeholder.strip('{}')}" for value, placeholder in personal.items()
              if len(value) >= 3 and re.search(rf"(?<![\w@.]){re.escape(value)}(?![\w@])", text)]
    return found


def _is_secret_field(tag: Any, attr: str) -> bool:
    """A hidden input or meta whose name says token/session/csrf: its value is a secret."""
    if attr not in ("value", "content"):
        return False
    name = str(tag.get("name", "")) + str(tag.get("id", ""))
    return bool(SENSITIVE_KEYS.search(name))


def _scrub_url(url: str, origin: str, css_names: dict[str, str], tag: str) -> str:
    if url in css_names:
        return f"/static/{css_names[url]}"
    parts = urlsplit(url)
    same_site = not parts.netloc or f"{parts.scheme}://{parts.netloc}" == origin
    if tag == "link" and not same_site:
        return "data:,"
    path = "/".join("id" if LONG_ID.match(segment) else segment for segment in parts.path.split("/"))
    query = urlencode(
        [
            (k, "scrubbed" if SENSITIVE_KEYS.search(k) or LONG_ID.match(v) else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
    )
    if same_site:
        return urlunsplit(("", "", path, query, parts.fragment))
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


def write_recording(out: Path, recorder: Recorder, personal: dict[str, str], base_url: str) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    left = {screen: found for screen, text in recorder.templates.items() if (found := leaks(text, personal))}
    if left:  # checked before anything is written
        raise ConfigError(f"the recording's templates would keep personal data ({left}); nothing was written")
    try:
        (out / "pages").mkdir(parents=True, exist_ok=True)
        (out / "static").mkdir(exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot write the recording in {out}: {exc.strerror or exc}") from exc
    css_names = _write_static(out / "static", recorder)

    def keep(page_name: str, seen: Seen, next_url: str | None) -> None:
        page = scrub_html(lead_on(seen.html, seen.control, next_url), personal, origin, css_names)
        left = leaks(page, personal)
        if left:  # never written: a recording is committed, and must hold nothing personal
            for part in ("pages", "static"):
                shutil.rmtree(out / part, ignore_errors=True)
            raise ConfigError(
                f"the recording would keep personal data on {seen.name} ({', '.join(left)}); "
                f"nothing of it was kept in {out}"
            )
        (out / "pages" / page_name).write_text(page)

    manifest = {
        "name": out.name,
        "description": f"Recorded from {origin} on {datetime.now(UTC):%Y-%m-%d} by automator record.",
        "account": RECORDED_ACCOUNT,
        "state": {},
        "flow": [seen.name for seen in recorder.screens],
        "routes": _routes(recorder, origin, keep),
        **({"session_cookie": recorder.site.session_cookie} if recorder.site.session_cookie else {}),
    }
    write_templates(out, recorder.templates)
    (out / "recording.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def stylesheet_name(url: str) -> str:
    """The recording's file name for the stylesheet at `url`. It starts with a letter: a name of
    digits alone (a hash can be) would be scrubbed from the pages as an account number, and
    their links would point at a file that does not exist."""
    return "s" + hashlib.sha256(url.encode()).hexdigest()[:12] + ".css"


def _write_static(static: Path, recorder: Recorder) -> dict[str, str]:
    """The stylesheets and the menu script; each stylesheet's URL (and path) → its file name."""
    css_names = {}
    for url, css in recorder.stylesheets.items():
        name = stylesheet_name(url)
        css_names[url] = name
        css_names[urlsplit(url).path] = name
        (static / name).write_text(css, encoding="utf-8")
    (static / "recorded.js").write_text(MENU_SCRIPT + STEP_SCRIPT, encoding="utf-8")
    return css_names


def _path_of(base_url: str) -> Callable[[str], str]:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    return lambda path: _scrub_url(path, origin, {}, "a")


def _routes(recorder: Recorder, origin: str, keep: Callable[[str, Seen, str | None], None]) -> dict[str, Any]:
    """The manifest's routes: each screen's page (kept through `keep`; a path met both signed in
    and signed out gets a case for each, and screens shown without a page load are later
    snapshots of their path: automator/snapshots.py), and where posts redirect."""
    routes: dict[str, Any] = {"POST /login": {"action": "login"}}
    routes.update(page_routes(recorder.screens, _path_of(origin), keep))
    for path, (status, location) in recorder.posts.items():
        key = f"POST {_scrub_url(path, origin, {}, 'a')}"
        if key not in routes and location:
            routes[key] = {"auth": True, "redirect": _scrub_url(location, origin, {}, "a"), "status": status}
    return routes
