#!/usr/bin/env bash
# Install every toolchain the binding tests need, on a fresh Debian 12 machine
# (run as root).  Idempotent: each step leaves a stamp and is skipped when it is
# already done, so a second run is a fast no-op.
#
#   scripts/setup-toolchains.sh            # progress on stderr, env file on stdout
#   . "${UBA_TOOLCHAINS:-/root/.cache/uniffi-bindgen-async}/toolchains.env"
#
# What it provides (all under $UBA_TOOLCHAINS, default
# /root/.cache/uniffi-bindgen-async, i.e. outside the checkout):
#   * Debian packages: libjna-java (/usr/share/java/jna.jar), debootstrap, a JDK,
#     node/npm, python3-venv when missing.
#   * npm/   : kotlin-compiler (kotlinc + kotlinx-coroutines jar), koffi,
#              typescript, @types/node   (npm install --prefix npm/)
#   * venv/  : mypy, ruff
#   * Swift  : a native `swift` on PATH if there is one, otherwise a Debian
#              trixie chroot (swift-chroot/) with swiftlang 6.0.x, used through
#              scripts/swift-run.sh.
#   * toolchains.env : KEY=value lines with the paths (printed at the end).
#
# Any failure exits non-zero (set -e); nothing is skipped silently, with or
# without CI=true.  Versions are pinned; bump them here (the stamps include the
# versions, so a bump re-installs the affected step).
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
KOTLIN_COMPILER_VERSION=2.4.20
KOFFI_VERSION=3.3.4
TYPESCRIPT_VERSION=5.9.3
TYPES_NODE_VERSION=20.19.43
MYPY_VERSION=2.4.1
RUFF_VERSION=0.17.6
SWIFT_SUITE=trixie                       # Debian suite providing swiftlang 6.0.x
SWIFT_PACKAGES="swiftlang libc6-dev"

# ---- locations --------------------------------------------------------------
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
UBA_TOOLCHAINS="${UBA_TOOLCHAINS:-/root/.cache/uniffi-bindgen-async}"
NPM_DIR="$UBA_TOOLCHAINS/npm"
VENV_DIR="$UBA_TOOLCHAINS/venv"
CHROOT="$UBA_TOOLCHAINS/swift-chroot"
STAMPS="$UBA_TOOLCHAINS/stamps"
ENV_FILE="$UBA_TOOLCHAINS/toolchains.env"

log() { printf '[setup-toolchains] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
on_exit() { if [ "$1" -ne 0 ]; then log "FAILED (exit $1); nothing was skipped, fix and re-run"; fi; }
trap 'on_exit $?' EXIT

[ "$(id -u)" -eq 0 ] || die "must run as root (apt-get, debootstrap, chroot)"
mkdir -p "$UBA_TOOLCHAINS" "$STAMPS"

# Serialise concurrent runs (e.g. two test jobs bootstrapping at once).
exec 9>"$UBA_TOOLCHAINS/.setup.lock"
flock 9

# A stamp is a file whose content is the spec of what was installed; a step is
# done when the stamp exists with exactly that content.
stamp_ok()  { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }
stamp_set() { printf '%s' "$2" >"$STAMPS/$1"; }

# ---- 1. Debian packages -----------------------------------------------------
apt_missing=()
need_pkg() {  # need_pkg PACKAGE [COMMAND-THAT-ALREADY-SATISFIES-IT]
    if [ -n "${2:-}" ] && command -v "$2" >/dev/null 2>&1; then return; fi
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' \
        || apt_missing+=("$1")
}
need_pkg libjna-java
need_pkg debootstrap
need_pkg default-jdk-headless javac
need_pkg nodejs node
need_pkg npm npm
need_pkg util-linux unshare          # unshare, flock, mount
need_pkg gcc gcc
need_pkg gdb gdb                     # the soak watchdogs dump every thread's stack
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then apt_missing+=(python3-venv); fi
if [ ${#apt_missing[@]} -gt 0 ]; then
    log "apt-get install ${apt_missing[*]}"
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt_missing[@]}" >&2
fi
JNA_JAR=/usr/share/java/jna.jar
[ -f "$JNA_JAR" ] || die "$JNA_JAR missing after installing libjna-java"

# ---- 2. npm packages --------------------------------------------------------
NPM_SPEC="kotlin-compiler@$KOTLIN_COMPILER_VERSION koffi@$KOFFI_VERSION typescript@$TYPESCRIPT_VERSION @types/node@$TYPES_NODE_VERSION"
KOTLIN_HOME="$NPM_DIR/node_modules/kotlin-compiler"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
KOTLIN_COROUTINES_JAR="$KOTLIN_HOME/lib/kotlinx-coroutines-core-jvm.jar"
KOTLIN_STDLIB_JAR="$KOTLIN_HOME/lib/kotlin-stdlib.jar"   # needed on `java -cp`
TSC="$NPM_DIR/node_modules/.bin/tsc"
if ! stamp_ok npm "$NPM_SPEC" || [ ! -x "$KOTLINC" ] || [ ! -x "$TSC" ]; then
    log "npm install --prefix $NPM_DIR $NPM_SPEC"
    mkdir -p "$NPM_DIR"
    # shellcheck disable=SC2086  # word splitting of the spec is intended
    npm install --prefix "$NPM_DIR" --no-audit --no-fund --save-exact $NPM_SPEC >&2
    chmod +x "$KOTLIN_HOME"/bin/* 2>/dev/null || true
    stamp_set npm "$NPM_SPEC"
fi
[ -x "$KOTLINC" ] || die "kotlinc not found at $KOTLINC"
[ -f "$KOTLIN_COROUTINES_JAR" ] || die "coroutines jar not found at $KOTLIN_COROUTINES_JAR"
[ -f "$KOTLIN_STDLIB_JAR" ] || die "kotlin stdlib jar not found at $KOTLIN_STDLIB_JAR"
[ -d "$NPM_DIR/node_modules/koffi" ] || die "koffi not installed in $NPM_DIR"
[ -x "$TSC" ] || die "tsc not found at $TSC"

# ---- 3. Python venv with mypy and ruff --------------------------------------
PY_SPEC="mypy==$MYPY_VERSION ruff==$RUFF_VERSION python=$(python3 -c 'import sys; print(sys.version.split()[0])')"
MYPY="$VENV_DIR/bin/mypy"
RUFF="$VENV_DIR/bin/ruff"
if ! stamp_ok venv "$PY_SPEC" || [ ! -x "$MYPY" ] || [ ! -x "$RUFF" ]; then
    log "creating venv $VENV_DIR with mypy==$MYPY_VERSION ruff==$RUFF_VERSION"
    rm -rf "$VENV_DIR"
    python3 -m venv "$VENV_DIR"
    "$VENV_DIR/bin/pip" install -q --disable-pip-version-check \
        "mypy==$MYPY_VERSION" "ruff==$RUFF_VERSION" >&2
    stamp_set venv "$PY_SPEC"
fi

# ---- 4. Swift ---------------------------------------------------------------
SWIFT_RUN="$SCRIPT_DIR/swift-run.sh"
if command -v swift >/dev/null 2>&1 && command -v swiftc >/dev/null 2>&1; then
    SWIFT_MODE=native
    log "using native swift: $(command -v swift)"
else
    SWIFT_MODE=chroot
    # Use the same Debian mirror host as this machine's apt (only Debian's
    # registry is reachable); UBA_DEBIAN_MIRROR overrides.
    detect_mirror() {
        local files=() f
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
            [ -f "$f" ] && files+=("$f")
        done
        [ ${#files[@]} -gt 0 ] || return 0
        grep -hvE '^[[:space:]]*#' "${files[@]}" \
            | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
            | head -n1 | tr -d '[:space:]' | sed 's:/$::'
    }
    MIRROR="${UBA_DEBIAN_MIRROR:-$(detect_mirror)}"
    MIRROR="${MIRROR:-http://deb.debian.org/debian}"
    SWIFT_SPEC="$SWIFT_SUITE $SWIFT_PACKAGES"

    if ! stamp_ok swift-chroot "$SWIFT_SPEC" || [ ! -x "$CHROOT/usr/bin/swiftc" ]; then
        # Everything below runs in a private mount namespace: the /proc and /dev
        # mounts can never leak to the host and vanish when it exits, even on
        # failure or Ctrl-C; the trap unmounts them explicitly as well.
        if grep -q " $CHROOT/" /proc/mounts; then
            die "something is still mounted under $CHROOT; unmount it first"
        fi
        if [ -e "$CHROOT" ] && [ ! -f "$CHROOT/.uba-debootstrap-done" ]; then
            log "removing incomplete chroot $CHROOT"
            rm -rf --one-file-system "$CHROOT"
        fi
        log "building Swift chroot in $CHROOT from $MIRROR ($SWIFT_SUITE; takes a few minutes)"
        # shellcheck disable=SC2016  # the inner script expands its own variables
        unshare -m --propagation private env \
            CHROOT="$CHROOT" MIRROR="$MIRROR" SUITE="$SWIFT_SUITE" PKGS="$SWIFT_PACKAGES" \
            bash -euo pipefail -c '
            cleanup() {
                umount -l "$CHROOT/dev" 2>/dev/null || true
                umount -l "$CHROOT/proc" 2>/dev/null || true
            }
            trap cleanup EXIT
            trap "exit 130" INT TERM
            if [ ! -f "$CHROOT/.uba-debootstrap-done" ]; then
                debootstrap --variant=minbase "$SUITE" "$CHROOT" "$MIRROR" >&2
                touch "$CHROOT/.uba-debootstrap-done"
            fi
            mount -t proc proc "$CHROOT/proc"
            mount --rbind /dev "$CHROOT/dev"
            # Never start services inside the chroot.
            printf "#!/bin/sh\nexit 101\n" >"$CHROOT/usr/sbin/policy-rc.d"
            chmod +x "$CHROOT/usr/sbin/policy-rc.d"
            cp -L /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true
            chroot "$CHROOT" /usr/bin/env -i HOME=/root DEBIAN_FRONTEND=noninteractive \
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                sh -ec "apt-get update -q && apt-get install -y -q $PKGS && apt-get clean" >&2
        '
        [ -x "$CHROOT/usr/bin/swiftc" ] || die "swiftc missing in $CHROOT after install"
        stamp_set swift-chroot "$SWIFT_SPEC"
    fi
    if grep -q " $CHROOT/" /proc/mounts; then die "mounts left behind under $CHROOT"; fi
fi

# ---- 5. env file ------------------------------------------------------------
tmp_env="$(mktemp "$UBA_TOOLCHAINS/.toolchains.env.XXXXXX")"
cat >"$tmp_env" <<EOF
# Generated by scripts/setup-toolchains.sh; source it (KEY=value lines).
UBA_TOOLCHAINS=$UBA_TOOLCHAINS
KOTLINC=$KOTLINC
KOTLIN_HOME=$KOTLIN_HOME
KOTLIN_COROUTINES_JAR=$KOTLIN_COROUTINES_JAR
KOTLIN_STDLIB_JAR=$KOTLIN_STDLIB_JAR
JNA_JAR=$JNA_JAR
NPM_PREFIX=$NPM_DIR
KOFFI_NODE_PATH=$NPM_DIR/node_modules
TSC=$TSC
MYPY=$MYPY
RUFF=$RUFF
SWIFT_MODE=$SWIFT_MODE
SWIFT_CHROOT=$([ "$SWIFT_MODE" = chroot ] && echo "$CHROOT")
SWIFT_RUN=$SWIFT_RUN
EOF
mv -f "$tmp_env" "$ENV_FILE"
log "done; wrote $ENV_FILE"
cat "$ENV_FILE"
