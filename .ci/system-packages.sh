#!/usr/bin/env bash
# System packages some tests need and pip cannot install: Debian's Chromium (browser tests,
# driven by Playwright through executable_path=/usr/bin/chromium) and a Java runtime (Spark in
# local mode). Installs only what is missing, and only where it can (root, or password-less
# sudo); elsewhere it says what is missing and the tests that need it skip, saying why.
set -uo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo -n)
else
    echo "system-packages: missing ${missing[*]} (needs root to install); the tests that need them will skip" >&2
    exit 0
fi
command -v apt-get >/dev/null 2>&1 || {
    echo "system-packages: missing ${missing[*]} and no apt-get here; the tests that need them will skip" >&2
    exit 0
}
echo "system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq >/dev/null 2>&1 || true
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "system-packages: could not install ${missing[*]}; the tests that need them will skip" >&2
exit 0
