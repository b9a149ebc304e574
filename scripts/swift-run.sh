#!/usr/bin/env bash
# Run a command in the Swift environment set up by scripts/setup-toolchains.sh.
#
#   scripts/swift-run.sh swiftc ... && scripts/swift-run.sh ./main
#
# * Native mode (a `swiftc` on the host PATH, or SWIFT_MODE=native): exec the
#   command as is.
# * Chroot mode: run it inside $UBA_TOOLCHAINS/swift-chroot (Debian trixie,
#   swiftlang 6.0.3) in private mount + pid namespaces (`unshare -m -p -f`).
#   The host directories listed in UBA_SWIFT_BINDS (colon-separated; default:
#   the git top-level of $PWD, or $PWD, plus $CARGO_TARGET_DIR if set, plus
#   /tmp) and the current directory are bind-mounted at the SAME absolute path
#   inside the chroot, /proc and /dev are mounted, and the command runs with
#   `cd $PWD`.  The mounts exist only in that namespace: invisible to the host
#   and to concurrent invocations (no lock needed), unmounted by a trap, and
#   gone with the namespace however the command ends (error, Ctrl-C, kill:
#   INT/TERM/HUP kill the whole process tree inside).
#   Inside, PATH is reset to the chroot's system PATH; the rest of the
#   environment is passed through.  Exit status is the command's.
#
# swiftc flags verified inside the chroot (Swift 6.0.3), for a C module
# `cfoo` (dir/cfooFFI.h + dir/cfooFFI.modulemap containing
#  `module cfooFFI { header "cfooFFI.h" export * }`) and a host-built
#  /abs/lib/libfoo.so (gcc -shared -fPIC, glibc 2.36 on the host is fine):
#
#   swiftc -swift-version 6 -warnings-as-errors \
#       -module-name main \
#       -I dir -Xcc -fmodule-map-file=dir/cfooFFI.modulemap \
#       -L /abs/lib -lfoo -Xlinker -rpath -Xlinker /abs/lib \
#       main.swift other.swift -o main
#
#   (A file named exactly `module.modulemap` in dir is found with `-I dir`
#   alone.)  Without the -rpath, run with LD_LIBRARY_PATH=/abs/lib instead.
#   Async entry points work with no extra flags: top-level `await` in
#   main.swift, or `@main struct M { static func main() async }` in a file not
#   named main.swift (with a single file, or a file named main.swift, add
#   -parse-as-library).  Compiling with -warnings-as-errors rejects e.g. a
#   never-mutated `var` (verified).
set -euo pipefail

UBA_TOOLCHAINS="${UBA_TOOLCHAINS:-/root/.cache/uniffi-bindgen-async}"
CHROOT="${SWIFT_CHROOT:-$UBA_TOOLCHAINS/swift-chroot}"

[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

mode="${SWIFT_MODE:-}"
if [ -z "$mode" ]; then
    if command -v swiftc >/dev/null 2>&1; then mode=native; else mode=chroot; fi
fi
if [ "$mode" = native ]; then
    exec "$@"
fi

[ -x "$CHROOT/usr/bin/swiftc" ] \
    || { echo "swift-run: no Swift chroot at $CHROOT; run scripts/setup-toolchains.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "swift-run: chroot mode needs root" >&2; exit 1; }

# Directories to bind at the same path (collect, make absolute, dedupe).
if [ -n "${UBA_SWIFT_BINDS:-}" ]; then
    binds="$UBA_SWIFT_BINDS"
else
    binds="$(git rev-parse --show-toplevel 2>/dev/null || pwd -P)"
    [ -n "${CARGO_TARGET_DIR:-}" ] && binds="$binds:$CARGO_TARGET_DIR"
    binds="$binds:/tmp"
fi
binds="$binds:$(pwd -P)"
list=()
IFS=: read -r -a raw <<<"$binds"
for d in "${raw[@]}"; do
    [ -n "$d" ] || continue
    [ -d "$d" ] || { echo "swift-run: bind dir $d does not exist" >&2; exit 1; }
    list+=("$(cd "$d" && pwd -P)")
done
# Parents before children, so a nested bind lands on top of its parent's.
mapfile -t list < <(printf '%s\n' "${list[@]}" | awk '{ print length($0) "\t" $0 }' | sort -n -u | cut -f2-)

# The command runs in a fresh private mount namespace AND pid namespace
# (unshare -m -p -f): mounts are invisible to the host and to concurrent
# invocations, and when the namespace's init (the inner bash) ends, the kernel
# kills every process left in it and the mounts vanish with them.  unshare
# ignores SIGTERM/SIGINT while it waits, so this wrapper stays in front, traps
# them and SIGKILLs unshare, whose --kill-child then takes the whole tree down.
# shellcheck disable=SC2016  # the inner script expands its own variables
inner='
    chroot_dir="$1" cwd="$2" nbinds="$3"; shift 3
    binds=("${@:1:nbinds}"); shift "$nbinds"   # "$@" is now the command
    mounted=()
    cleanup() {
        local i
        for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
    }
    trap cleanup EXIT
    mount -t proc proc "$chroot_dir/proc";  mounted+=("$chroot_dir/proc")
    mount --rbind /dev "$chroot_dir/dev";   mounted+=("$chroot_dir/dev")
    for d in "${binds[@]}"; do
        # Skip a dir already visible through a bound parent (same inode).
        if [ -d "$chroot_dir$d" ] && [ "$d" -ef "$chroot_dir$d" ]; then continue; fi
        mkdir -p "$chroot_dir$d"
        mount --rbind "$d" "$chroot_dir$d"; mounted+=("$chroot_dir$d")
    done
    rc=0
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        chroot "$chroot_dir" /bin/sh -c "cd \"\$1\" && shift && exec \"\$@\"" sh "$cwd" "$@" || rc=$?
    exit "$rc"
'
# 0<&0: keep our stdin (a background job would otherwise get /dev/null).
unshare --mount --pid --fork --kill-child --propagation private -- \
    bash -euo pipefail -c "$inner" swift-run "$CHROOT" "$(pwd -P)" "${#list[@]}" "${list[@]}" "$@" 0<&0 &
upid=$!
# shellcheck disable=SC2317  # invoked from the traps below
stop() { kill -KILL "$upid" 2>/dev/null || true; wait "$upid" 2>/dev/null || true; exit "$1"; }
trap 'stop 129' HUP
trap 'stop 130' INT
trap 'stop 143' TERM
rc=0
wait "$upid" || rc=$?
exit "$rc"
