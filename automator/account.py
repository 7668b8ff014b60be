"""How a site's account is named outside the browser: its environment variables and its
keyring service. Each site declares one (`Site.account`); credentials and the keyring read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Account:
    title: str  # the site's name as people say it, for prompts and messages
    email_env: str
    password_env: str
    keyring_service: str
