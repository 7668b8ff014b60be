# Shared set-up for scripts/demo and scripts/test (sourced, not run): a .venv with the
# project installed, and a Chromium that Playwright can drive.
#   setup_venv [EXTRAS [GROUP]]  create or update .venv; EXTRAS e.g. "test", GROUP a
#                         pyproject.toml dependency group, e.g. "dev" (pip >= 25.1)
#   ensure_display        Xvfb for the headed-browser tests (scripts/test only)
#   ensure_browser        Playwright's own Chromium if installed, else a system one,
#                         else install one (apt-get as root, otherwise playwright install);
#                         beside a system one, its headless shell for headless runs if apt can
# Nothing is installed into the system (apt-get) without a line saying what and why first.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() {
  if [ -t 2 ]; then printf '\033[1m==>\033[0m %s\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi
}

# Run quietly; show the output only if the command fails.
quietly() {
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "automator needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  return 1
}

setup_venv() {
  local extras="${1:-}" group="${2:-}" spec="$ROOT" stamp
  [ -n "$extras" ] && spec="$ROOT[$extras]"
  if [ ! -x "$PY" ]; then
    say "Creating .venv"
    "$(find_python)" -m venv "$VENV"
  fi
  # Reinstall only when pyproject.toml changed since the last install with these extras.
  stamp="$VENV/.installed-${extras:-base}${group:++$group}"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    say "Installing automator${extras:+ with [$extras]}${group:+ and the $group tools} into .venv"
    # pip 25.1 is the first to install a dependency group (--group).
    quietly "$PY" -m pip install --disable-pip-version-check --upgrade "pip>=25.1"
    quietly "$PY" -m pip install --disable-pip-version-check -e "$spec" \
      ${group:+--group "$ROOT/pyproject.toml:$group"}
    touch "$stamp"
  fi
}

ensure_browser() {
  local found
  if found="$("$PY" -m automator.browser 2>/dev/null)"; then
    say "Browser: $found"
    ensure_headless_shell
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "No Chromium found: installing Debian's chromium with apt-get (a system package; needs root)…"
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
      found="$("$PY" -m automator.browser)" && { say "Browser: $found"; ensure_headless_shell; return 0; }
    fi
    say "apt-get could not install chromium; trying Playwright's installer"
  fi
  say "No Chromium found: downloading Playwright's Chromium (automator install-browser) into" \
    "Playwright's own folder, not the system…"
  "$PY" -m automator install-browser
  found="$("$PY" -m automator.browser)" || {
    echo "No usable Chromium. Install one, or set AUTOMATOR_BROWSER to its path." >&2
    return 1
  }
  say "Browser: $found"
}

# Headless runs (the tests, the demo) take about half the CPU in Chromium's headless shell. Beside
# a system Chromium, install Debian's chromium-headless-shell when apt can; without it, headless
# runs use the full browser, which works the same.
ensure_headless_shell() {
  local headless full
  full="$("$PY" -m automator.browser 2>/dev/null)" || return 0
  headless="$("$PY" -m automator.browser --headless 2>/dev/null)" || return 0
  if [ "$headless" != "$full" ]; then
    say "Headless browser: $headless"
    return 0
  fi
  # Playwright's own Chromium brings its own shell; a browser named in AUTOMATOR_BROWSER is kept.
  [ "${full#/}" != "$full" ] && [ -z "${AUTOMATOR_BROWSER:-}" ] || return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's chromium-headless-shell with apt-get (a system package; headless runs" \
      "take about half the CPU in it)…"
    if quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell \
      || { quietly apt-get update -qq && quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell; }; then
      say "Headless browser: $("$PY" -m automator.browser --headless)"
      return 0
    fi
  fi
  say "No chromium-headless-shell: headless runs use $full"
}

# For the tests where a person acts in a visible browser window: a virtual display (Xvfb) when
# there is no real one. Without either, those tests are skipped and say why.
ensure_display() {
  if [ -n "${DISPLAY:-}" ] || command -v Xvfb >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "No display: installing Xvfb with apt-get (a system package: a virtual display for the headed-browser tests)…"
    if quietly apt-get install -y -qq xvfb || { quietly apt-get update -qq && quietly apt-get install -y -qq xvfb; }; then
      return 0
    fi
  fi
  say "No display and no Xvfb: the headed-browser tests will be skipped"
}
