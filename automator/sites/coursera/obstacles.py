"""What stands in front of Coursera's pages: a cookie-consent banner, Google's One Tap sign-in.

A cookie banner is answered with its choice that keeps the least (reject, or necessary only),
else its accept, and the run goes on. One Tap is closed when it covers what the flow must
click, and otherwise left alone. Both are recognised by what they say, not by their markup.
"""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from automator.flow import Obstacles
from automator.sites.coursera.strings import Strings

# The nearest container of a button that mentions cookies: the banner it belongs to.
IN_COOKIE_BANNER = """(el, word) => {
  const cookie = new RegExp(word, "i");
  for (let node = el.parentElement, up = 0; node && up < 8; node = node.parentElement, up++) {
    const text = node.innerText || "";
    if (text.length > 4000) return false;
    if (cookie.test(text)) return true;
  }
  return false;
}"""
ONE_TAP = (
    'iframe[src*="accounts.google.com/gsi"], #credential_picker_container iframe, '
    'iframe[title*="Sign in with Google" i]'
)
DISMISS_TIMEOUT_MS = 5000
# Whether anything that may stand in the way is on the page at all.
ANY_OBSTACLE = """([cookie, oneTap]) => !!document.querySelector(oneTap)
  || new RegExp(cookie, "i").test(document.body ? document.body.innerText : "")"""


class CourseraObstacles(Obstacles):
    def __init__(self, s: Strings) -> None:
        self.s = s

    def clear(self, page: Page) -> str | None:
        try:  # one look first: most pages have neither, and the role queries below cost more
            present = page.evaluate(ANY_OBSTACLE, [self.s.cookie.pattern, ONE_TAP])
        except PlaywrightError:
            return None
        if not present:
            return None
        for choice in (self.s.cookie_reject, self.s.cookie_accept):
            button = self._cookie_button(page, choice)
            if button is None:
                continue
            try:
                name = " ".join((button.inner_text(timeout=DISMISS_TIMEOUT_MS) or "").split())
                button.click(timeout=DISMISS_TIMEOUT_MS)
                button.wait_for(state="hidden", timeout=DISMISS_TIMEOUT_MS)
            except PlaywrightError:
                return None  # it would not go: the walk says what covers the page
            return f"answered the cookie banner with '{name}'"
        return self._close_one_tap(page)

    def _cookie_button(self, page: Page, name: object) -> Locator | None:
        candidates = page.get_by_role("button", name=name).or_(page.get_by_role("link", name=name))  # type: ignore[arg-type]
        candidates = candidates.filter(visible=True)
        try:
            for i in range(min(candidates.count(), 5)):
                if candidates.nth(i).evaluate(IN_COOKIE_BANNER, self.s.cookie.pattern):
                    return candidates.nth(i)
        except PlaywrightError:
            return None
        return None

    def _close_one_tap(self, page: Page) -> str | None:
        frame = page.locator(ONE_TAP).filter(visible=True)
        if not frame.count():
            return None
        close = page.frame_locator(ONE_TAP).first.get_by_role("button", name=self.s.one_tap_close)
        try:
            close.first.click(timeout=DISMISS_TIMEOUT_MS)
            frame.first.wait_for(state="hidden", timeout=DISMISS_TIMEOUT_MS)
        except PlaywrightError:
            return None
        return "closed Google's sign-in pop-up"

    def describe(self, page: Page, cover: str) -> str:
        banner = page.get_by_text(self.s.cookie).filter(visible=True)
        if self.s.cookie.search(cover) or banner.count():
            return "a cookie banner (with no choice the tool knows how to answer)"
        return super().describe(page, cover)
