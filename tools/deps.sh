#!/usr/bin/env bash
# Install what oasis needs and is missing: Debian packages, then the npm
# packages pinned by package-lock.json.  Idempotent; quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(gcc make pkg-config libc6-dev
      libmicrohttpd-dev libsqlite3-dev sqlite3 libjansson-dev libsodium-dev
      libxlsxwriter-dev libcmark-dev libcmocka-dev libcurl4-openssl-dev zlib1g-dev
      chromium wrk clang libclang-rt-14-dev python3-aiosmtpd)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$p")
done
# Node.js may come from elsewhere than Debian: only ask Debian when absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund
fi
