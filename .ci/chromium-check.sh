#!/usr/bin/env bash
# .ci/chromium-check.sh HTML [SCREENSHOT.png]
#
# Opens an exported notebook (jupyter nbconvert --to html) in headless Chromium with no network
# and checks that every Plotly figure that electra.notebook.Show put in it was drawn: each div
# electra_fig_* must hold a plotly SVG with a non-empty title, and no figure may say that
# plotly.js did not load. Writes a screenshot (default: build/chromium/<name>.png).
#
# Without Chromium it prints SKIP and exits 0, unless ELECTRA_REQUIRE_CHROMIUM=1 (CI installs it:
# apt-get install -y --no-install-recommends chromium).
set -euo pipefail

html="${1:?usage: .ci/chromium-check.sh HTML [SCREENSHOT.png]}"
[[ -f "$html" ]] || { echo "no such file: $html" >&2; exit 2; }
html="$(readlink -f "$html")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shot="${2:-$root/build/chromium/$(basename "$html" .html).png}"
mkdir -p "$(dirname "$shot")"

chrome=""
for c in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$c" >/dev/null 2>&1; then chrome="$(command -v "$c")"; break; fi
done
if [[ -z "$chrome" ]]; then
  if [[ "${ELECTRA_REQUIRE_CHROMIUM:-0}" == 1 ]]; then
    echo "FAIL: chromium not found (apt-get install -y --no-install-recommends chromium)" >&2; exit 1
  fi
  echo "SKIP: chromium not found, $html not checked (apt-get install -y --no-install-recommends chromium)"
  exit 0
fi

python="$(command -v python3 || true)"
[[ -x /usr/bin/python3 ]] && python=/usr/bin/python3

expected="$(grep -o "<div id='electra_fig_[A-Za-z0-9_]*'" "$html" | sort -u | wc -l)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# No network: every host name fails to resolve, so a CDN reference would show up as a missing chart.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --disable-dev-shm-usage --user-data-dir="$tmp/profile"
       "--host-resolver-rules=MAP * ~NOTFOUND"
       --virtual-time-budget="${ELECTRA_CHROMIUM_BUDGET_MS:-5000}")

timeout 180 "$chrome" "${flags[@]}" --dump-dom "file://$html" > "$tmp/dom.html" 2> "$tmp/chromium-dom.log" || {
  echo "FAIL: chromium --dump-dom failed:" >&2; tail -20 "$tmp/chromium-dom.log" >&2; exit 1; }
timeout 180 "$chrome" "${flags[@]}" --window-size=1280,"${ELECTRA_CHROMIUM_HEIGHT:-3200}" \
  --hide-scrollbars --screenshot="$shot" "file://$html" > /dev/null 2> "$tmp/chromium-shot.log" || {
  echo "FAIL: chromium --screenshot failed:" >&2; tail -20 "$tmp/chromium-shot.log" >&2; exit 1; }

"$python" - "$tmp/dom.html" "$expected" "$html" "$shot" <<'PY'
import sys
from html.parser import HTMLParser

dom_file, expected, source, shot = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Figures(HTMLParser):
    """Per electra_fig_* div: its classes, whether it holds svg.main-svg, its title and axis titles."""
    def __init__(self):
        super().__init__()
        self.figs, self.stack, self.text_class = {}, [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        fig = self.stack[-1][1] if self.stack else None
        if tag == "div" and (a.get("id") or "").startswith("electra_fig_"):
            fig = a["id"]
            self.figs[fig] = {"class": a.get("class") or "", "svg": 0, "gtitle": "", "xtitle": "", "ytitle": "",
                              "text": ""}
        if fig and tag == "svg" and "main-svg" in (a.get("class") or ""):
            self.figs[fig]["svg"] += 1
        self.text_class = None
        if fig and tag == "text":
            for k in ("gtitle", "xtitle", "ytitle"):
                if k in (a.get("class") or "").split():
                    self.text_class = (fig, k)
        if tag not in VOID:
            self.stack.append((tag, fig))
    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        self.text_class = None
    def handle_data(self, data):
        fig = self.stack[-1][1] if self.stack else None
        if fig and self.stack[-1][0] not in ("script", "style"):
            self.figs[fig]["text"] += data
        if self.text_class:
            fig, k = self.text_class
            self.figs[fig][k] += data

dom = open(dom_file, encoding="utf-8", errors="replace").read()
p = Figures()
p.feed(dom)
drawn = {k: v for k, v in p.figs.items() if v["svg"] > 0 and "js-plotly-plot" in v["class"]}
failed_load = [k for k, v in p.figs.items() if "plotly.js did not load" in v["text"]]
svgs = dom.count('class="main-svg"')
print(f"{source}: {expected} figure(s) in the file, {len(p.figs)} in the DOM, {len(drawn)} drawn, {svgs} svg.main-svg")
for k, v in p.figs.items():
    print(f"  {k}: drawn={'yes' if k in drawn else 'NO'} title={v['gtitle']!r} x={v['xtitle']!r} y={v['ytitle']!r}")
print(f"  screenshot: {shot}")
problems = []
if expected == 0:
    problems.append("no electra figures in the file")
if len(drawn) < expected:
    problems.append(f"only {len(drawn)} of {expected} figures drawn")
if failed_load:
    problems.append(f"plotly.js did not load for {failed_load}")
untitled = [k for k, v in drawn.items() if not v["gtitle"].strip()]
if untitled:
    problems.append(f"figures without a title: {untitled}")
if problems:
    print("FAIL: " + "; ".join(problems))
    sys.exit(1)
print("OK")
PY
