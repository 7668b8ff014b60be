"""Whether a page load reached the site at all, and if not, why, in words fit for the case.

Chromium names each way a load can fail before any site answers (net::ERR_NAME_NOT_RESOLVED,
net::ERR_CONNECTION_REFUSED, net::ERR_UNSAFE_PORT, …) and fails it at once. Each kind has its own
remedy: a name that does not resolve is a typo or no network, a refused port is a server that is
not running, an unsafe port is one Chromium will never open, whatever the network. A run that
never reached the site has no page of it to wait for, photograph or keep: it ends at once.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response

from automator.errors import Unreachable

NET_ERROR = re.compile(r"net::(ERR_[A-Z0-9_]+)")

# Chromium's error for a load that never reached the site (a regular expression of its code),
# and what it means and what to do, in that order. {host}, {port}, {code} and {url} are filled in.
NEVER_REACHED: tuple[tuple[str, str], ...] = (
    (
        r"ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED",
        "The site's name {host} does not resolve ({code} at {url}): there is no such name, or this "
        "machine cannot look names up right now. Check the address (--base-url) for a typo, and "
        "that this machine is online and its DNS works",
    ),
    (
        r"ERR_INTERNET_DISCONNECTED",
        "This machine is offline ({code} at {url}). Connect it to the network and try again",
    ),
    (
        r"ERR_CONNECTION_REFUSED",
        "Nothing accepts connections at {host}:{port} ({code} at {url}): no server is listening "
        "on that port. Check the port in --base-url (a replay prints its address when it starts) "
        "and that the server is running",
    ),
    (
        r"ERR_UNSAFE_PORT",
        "Chromium refuses to open port {port} ({code} at {url}): the port is on its list of ports "
        "kept for other protocols: no browser connects there. Serve the site on "
        "another port (automator replay DIR --port N) and give that one in --base-url",
    ),
    (
        r"ERR_ADDRESS_INVALID",
        "{host} is not an address a browser can connect to ({code} at {url}). Check --base-url",
    ),
    (
        r"ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_TIMED_OUT",
        "{host} cannot be reached from this machine ({code} at {url}). Check the network, a VPN "
        "or a firewall, and try again",
    ),
    (
        r"ERR_PROXY_\w+|ERR_TUNNEL_CONNECTION_FAILED",
        "The proxy between this machine and {host} failed ({code} at {url}). Check the proxy "
        "settings (https_proxy, http_proxy), or try without the proxy",
    ),
    (
        r"ERR_CERT_\w+|ERR_SSL_\w+|ERR_BAD_SSL_CLIENT_AUTH_CERT",
        "The secure connection to {host} cannot be trusted ({code} at {url}), so the tool goes "
        "no further. Check the address (--base-url), this machine's clock, and any proxy or "
        "security software that intercepts HTTPS",
    ),
)


def never_reached(error: str, url: str) -> str | None:
    """What a load's failure `error` (Chromium's words) means, when it never reached the site
    at `url`; None for any other failure (a dropped connection, an HTTP error, a timeout)."""
    found = NET_ERROR.search(error)
    if found is None:
        return None
    code = found.group(1)
    for pattern, words in NEVER_REACHED:
        if re.fullmatch(pattern, code):
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            where = f"{parts.scheme}://{parts.netloc}{parts.path}"
            return words.format(host=parts.hostname or url, port=port, code=f"net::{code}", url=where)
    return None


def open_page(page: Page, url: str) -> Response | None:
    """`page.goto(url)`; a load that never reached the site raises Unreachable, at once."""
    try:
        return page.goto(url)
    except PlaywrightError as exc:
        why = never_reached(str(exc), url)
        if why is None:
            raise
        raise Unreachable(why) from exc
