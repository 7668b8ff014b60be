"""What the flow does on each Coursera screen, one part of the flow per module: signing_in
(Log In, the form, CAPTCHA, two-factor), navigation (account menu → Settings or My Purchases),
subscriptions_page (the rows, the cancel button, the state after), retention (survey, offers,
end date) and final_dialog (the last dialog and the cancelled notice). Every click goes through
the context's `click` and `check` (they wait until a control can take it, and say at once when
it cannot), and every control is one the string table names."""

from __future__ import annotations

from automator.sites.coursera.final_dialog import FinalDialog
from automator.sites.coursera.locators import Locators
from automator.sites.coursera.navigation import Navigation
from automator.sites.coursera.retention import Retention
from automator.sites.coursera.signing_in import SigningIn
from automator.sites.coursera.subscriptions_page import SubscriptionsPage


class Handlers:
    """Every part's handlers, over one language's locators."""

    def __init__(self, loc: Locators) -> None:
        self.signing_in = SigningIn(loc)
        self.navigation = Navigation(loc)
        self.subscriptions = SubscriptionsPage(loc)
        self.retention = Retention(loc)
        self.final = FinalDialog(loc)
