#!/usr/bin/env bash
# The notebook side of CI, one line for .ci/run: committed notebooks are clean, then the test
# notebooks run through the real kernel and their charts are checked in headless Chromium.
# Installs what is missing: Jupyter through ./electra, Chromium with apt-get (as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

.ci/check-notebooks-clean

if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  echo "notebook-checks: installing chromium"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null; }
fi

ELECTRA_REQUIRE_CHROMIUM="${ELECTRA_REQUIRE_CHROMIUM:-1}" .ci/render-check.sh
