#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of regscreen from Debian packages.
# Idempotent: skips apt entirely when everything is already installed.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libhyperscan-dev libicu-dev libboost-dev libboost-locale-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libcsv-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  pybind11-dev python3-dev python3-pytest python3-pandas python3-dask python3-distributed python3-ahocorasick
  python3-matplotlib
  clang libclang-rt-14-dev lld
  default-jdk-headless
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
