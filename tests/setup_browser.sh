#!/usr/bin/env bash
# Install headless Chromium for the report test when it is missing and we may install
# Debian packages (root). Without it the browser test is skipped with a reason.
set -u
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
    || echo "note: could not install chromium; the report's browser test will be skipped"
fi
exit 0
