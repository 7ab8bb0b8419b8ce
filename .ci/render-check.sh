#!/usr/bin/env bash
# .ci/render-check.sh: executes lib/src/test/notebooks/*.ipynb through the real kernel
# (./electra walkthrough), exports show-demo twice, with nbconvert's default template (which loads
# require.js: the AMD case) and with the "basic" template in a page with no require.js and no
# charset (plotly.js must then set window.Plotly itself and parse as windows-1252), and checks
# both in headless Chromium (.ci/chromium-check.sh). Output: build/test-notebooks/, build/chromium/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=build/test-notebooks
export ELECTRA_WALKTHROUGH_OUT="$PWD/$out"
./electra walkthrough lib/src/test/notebooks/*.ipynb
jupyter="$(command -v jupyter || true)"
[[ -x "$jupyter" ]] && "$jupyter" nbconvert --version >/dev/null 2>&1 || jupyter=/usr/bin/jupyter
[[ -x .venv/bin/jupyter ]] && jupyter=.venv/bin/jupyter
"$jupyter" nbconvert --to html --template basic --output-dir "$out" --output show-demo.fragment "$out/show-demo.ipynb"
# "basic" writes a fragment to embed: put it in a bare page, with no charset and no require.js
# (without a doctype, headless Chromium lays out nothing after the first chart in its screenshot).
{ printf '<!DOCTYPE html>\n<html><head><title>show-demo, basic template</title></head><body>\n'
  cat "$out/show-demo.fragment.html"; printf '</body></html>\n'; } > "$out/show-demo.basic.html"
.ci/chromium-check.sh "$out/show-demo.html" build/chromium/show-demo.png
.ci/chromium-check.sh "$out/show-demo.basic.html" build/chromium/show-demo.basic.png
