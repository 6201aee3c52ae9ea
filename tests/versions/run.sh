#!/bin/bash
# The version matrix: the whole suite (`make test`) inside Debian chroots that carry newer QGIS.
#
#   tests/versions/run.sh test SUITE...          build the chroots that are missing or stale, then
#                                                run `make test` of this tree in each, one by one
#   tests/versions/run.sh build SUITE...         only build (or check) the chroots
#   tests/versions/run.sh exec SUITE -- CMD...   run CMD in the chroot, the tree mounted, cwd there
#
# SUITE is a Debian suite: trixie (QGIS 3.40, Python 3.13), sid (QGIS 3.44, Python 3.14).
# Environment: CHROOTS (where chroots live; default below, outside any clone so every clone on the
# machine reuses them), DEBIAN_MIRROR, APT_PACKAGES (the Makefile's list), PROJECT (the tree to
# mount; default the tree holding this script), VENV_IN_CHROOT.
#
# A chroot is built once with `debootstrap --variant=minbase`, provisioned by provision.sh, and
# stamped with the hash of provision.sh and the package list; a different stamp means a rebuild
# from nothing. The suite runs with a venv inside the chroot, never the tree's .venv.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCRIPT="$HERE/$(basename "${BASH_SOURCE[0]}")"
PROJECT=$(cd "${PROJECT:-$HERE/../..}" && pwd)
CHROOTS=${CHROOTS:-/var/cache/kartaview-qgis-plugin/chroots}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
VENV_IN_CHROOT=${VENV_IN_CHROOT:-/opt/kartaview-venv}
APT_PACKAGES=${APT_PACKAGES:-$(make -s -C "$PROJECT" --no-print-directory print-apt-packages)}
# The tree's folder name is kept (ruff's package-name check sees it).
MOUNTED_PROJECT=/src/$(basename "$PROJECT")
LOGS="$PROJECT/build/versions"

die() { echo "test-versions: $*" >&2; exit 2; }

usage() { sed -n '2,16p' "$SCRIPT" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[ $# -ge 2 ] || usage
command=$1
shift
case "$command" in test | build | exec) ;; *) usage ;; esac

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot and mounts need it): sudo make test-versions"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap (make test-versions does)"
command -v unshare >/dev/null || die "unshare (util-linux) is missing"

# Everything that mounts runs in a private mount namespace: the mounts are invisible outside and
# vanish with the process even if it is killed; the trap below also unmounts on any exit.
if [ -z "${KARTAVIEW_IN_NAMESPACE:-}" ]; then
    KARTAVIEW_IN_NAMESPACE=1 exec unshare --mount --propagation private "$SCRIPT" "$command" "$@"
fi

MOUNTED=()

mount_one() { # mount arguments..., target last
    mount "$@" || die "cannot mount ${*: -1}"
    MOUNTED+=("${*: -1}")
}

chroot_mount() { # dir
    local dir=$1
    mount_one -t proc proc "$dir/proc"
    mount_one -t sysfs sysfs "$dir/sys"
    mount_one --bind /dev "$dir/dev"
    mount_one --bind /dev/pts "$dir/dev/pts"
    # Qt and Python's multiprocessing need a writable /dev/shm (the bind above shows an empty one).
    mount_one -t tmpfs -o mode=1777,size=512m shm "$dir/dev/shm"
}

kill_chroot_processes() { # dir: what this run left behind (Xvfb, a sandbox server...) keeps mounts busy
    local dir pid root own_ns
    dir=$(readlink -f "$1")
    # only processes of this run's private mount namespace: another run in the same chroot has its own
    own_ns=$(readlink /proc/self/ns/mnt)
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        root=$(readlink "/proc/$pid/root" 2>/dev/null) || continue
        [ "$root" = "$dir" ] && [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "$own_ns" ] &&
            kill -9 "$pid" 2>/dev/null || true
    done
}

unmount_all() {
    local i
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}" 2>/dev/null || true
    done
    MOUNTED=()
}

cleanup() {
    local dir
    for dir in "${CHROOT_IN_USE[@]:-}"; do [ -n "$dir" ] && kill_chroot_processes "$dir"; done
    unmount_all
}
CHROOT_IN_USE=()
trap cleanup EXIT
trap 'exit 130' INT TERM

# Only this clean environment enters the chroot (the host's pip, proxy and CA variables point at
# host files).
chroot_env=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM="${TERM:-dumb}" QT_QPA_PLATFORM=offscreen
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt)

stamp_of() { # suite
    { cat "$HERE/provision.sh"; echo "suite=$1 mirror=$DEBIAN_MIRROR packages=$APT_PACKAGES"; } |
        sha256sum | cut -d' ' -f1
}

build() { # suite: make $CHROOTS/$suite if missing or stale
    local suite=$1 dir="$CHROOTS/$1" new="$CHROOTS/$1.new" stamp start
    stamp=$(stamp_of "$suite")
    if [ "$(cat "$dir/etc/kartaview-chroot/stamp" 2>/dev/null)" = "$stamp" ]; then
        echo "test-versions: $suite: reusing $dir"
        return 0
    fi
    start=$(date +%s)
    echo "test-versions: $suite: building $dir from nothing (provisioning recipe changed or no chroot)"
    mkdir -p "$CHROOTS"
    # A bare debootstrap left by an interrupted build is reused; anything provisioned is not.
    if [ ! -e "$new/.kartaview-base" ]; then
        rm -rf "$new"
        debootstrap --variant=minbase "$suite" "$new" "$DEBIAN_MIRROR" >"$LOGS/debootstrap-$suite.log" 2>&1 ||
            die "$suite: debootstrap failed, see $LOGS/debootstrap-$suite.log"
        touch "$new/.kartaview-base"
    fi
    rm "$new/.kartaview-base"
    cp /etc/resolv.conf "$new/etc/resolv.conf"
    mkdir -p "$new/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$new/usr/local/share/ca-certificates/" 2>/dev/null || true
    cp "$HERE/provision.sh" "$new/tmp/kartaview-provision.sh"
    CHROOT_IN_USE=("$new")
    chroot_mount "$new"
    # shellcheck disable=SC2086  # one word per package
    in_background chroot "$new" "${chroot_env[@]}" /bin/sh /tmp/kartaview-provision.sh $APT_PACKAGES \
        >"$LOGS/provision-$suite.log" 2>&1 ||
        { tail -n 30 "$LOGS/provision-$suite.log" >&2; die "$suite: provisioning failed, see $LOGS/provision-$suite.log"; }
    kill_chroot_processes "$new"
    unmount_all
    CHROOT_IN_USE=()
    grep '^provision:' "$LOGS/provision-$suite.log" | sed "s/^/test-versions: $suite: /"
    rm -f "$new/tmp/kartaview-provision.sh"
    echo "$stamp" >"$new/etc/kartaview-chroot/stamp"
    rm -rf "$dir"
    mv "$new" "$dir"
    echo "test-versions: $suite: built in $(($(date +%s) - start)) s"
}

mount_for_run() { # suite: the chroot's pseudo-filesystems and the tree, for a run
    local dir="$CHROOTS/$1"
    CHROOT_IN_USE=("$dir")
    chroot_mount "$dir"
    mkdir -p "$dir$MOUNTED_PROJECT"
    mount --bind "$PROJECT" "$dir$MOUNTED_PROJECT" || die "cannot mount $PROJECT in $dir"
    MOUNTED+=("$dir$MOUNTED_PROJECT")
    # A git worktree keeps its repository elsewhere (`make package` and the tests read git): there too.
    local common
    common=$(git -C "$PROJECT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || common=""
    if [ -n "$common" ] && [ "${common#"$PROJECT"/}" = "$common" ]; then
        mkdir -p "$dir$common"
        mount_one --bind "$common" "$dir$common"
    fi
}

unmount_after_run() { # suite
    kill_chroot_processes "$CHROOTS/$1"
    unmount_all
    CHROOT_IN_USE=()
}

# bash runs a trap only once the foreground command ends: commands in the chroot run in the
# background and are waited for, so a TERM to this script cleans up at once.
in_background() { # command...
    "$@" &
    wait $!
}

in_chroot() { # suite command...: in the mounted tree
    local dir="$CHROOTS/$1"
    shift
    in_background chroot "$dir" "${chroot_env[@]}" HOME=/root /bin/bash -c 'cd "$0" && exec "$@"' "$MOUNTED_PROJECT" "$@"
}

lock() { # suite shared|exclusive: held on fd 9 until the script ends or unlock
    mkdir -p "$CHROOTS"
    exec 9>"$CHROOTS/.$1.lock"
    if [ "$2" = shared ]; then flock -s 9; else flock 9; fi
}

unlock() { exec 9>&-; }

run_suite() { # suite: `make test` in the chroot; prints one summary line
    local suite=$1 dir="$CHROOTS/$1" log="$LOGS/test-$suite.log" start status=0 versions summary
    start=$(date +%s)
    versions=$(chroot "$dir" "${chroot_env[@]}" python3 -c \
        'import sys, qgis.core; print("QGIS", qgis.core.Qgis.QGIS_VERSION.split("-")[0], "Python", sys.version.split()[0])' \
        2>/dev/null) || versions="QGIS ?"
    echo "test-versions: $suite: make test ($versions), log in $log"
    lock "$suite" shared
    mount_for_run "$suite"
    [ -z "${PYTEST_ARGS:-}" ] || echo "test-versions: $suite: NOTE: pytest run with: $PYTEST_ARGS"
    { in_chroot "$suite" make test VENV="$VENV_IN_CHROOT" PYTEST_ARGS="${PYTEST_ARGS:-}" \
        APT_PACKAGES="$(cat "$dir/etc/kartaview-chroot/apt-packages")" 2>&1 | tee "$log"; } &
    wait $! || status=$?
    unmount_after_run "$suite"
    unlock
    # pytest's last line, e.g. "==== 480 passed in 95.1s ====".
    summary=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tail -n 1 | tr -d '=' | xargs || true)
    # The deprecation guard's section (tests/deprecation_guard.py) names why a green run failed.
    grep -qE '^=+ .*deprecat.* =+$' "$log" && summary="$summary, and deprecated calls from the plugin's code"
    [ -z "${PYTEST_ARGS:-}" ] || summary="$summary (pytest run with: $PYTEST_ARGS)"
    echo "$suite: $versions: ${summary:-no pytest summary}: $([ $status = 0 ] && echo PASS || echo FAIL) in $(($(date +%s) - start)) s" \
        >>"$LOGS/summary.txt"
    return $status
}

mkdir -p "$LOGS"
case "$command" in
build)
    for suite in "$@"; do
        # A current chroot needs no lock (runs of other clones may hold it); a rebuild waits for them.
        if [ "$(cat "$CHROOTS/$suite/etc/kartaview-chroot/stamp" 2>/dev/null)" != "$(stamp_of "$suite")" ]; then
            lock "$suite" exclusive
        fi
        build "$suite"
        unlock
    done
    ;;
exec)
    suite=$1
    shift
    [ "${1:-}" = "--" ] && shift
    [ -e "$CHROOTS/$suite/etc/kartaview-chroot/stamp" ] || die "no chroot $CHROOTS/$suite: run tests/versions/run.sh build $suite"
    lock "$suite" shared
    mount_for_run "$suite"
    status=0
    in_chroot "$suite" "$@" || status=$?
    unmount_after_run "$suite"
    exit $status
    ;;
test)
    mkdir -p "$CHROOTS"
    # Build what is missing, all suites at once (mostly downloads), each in its own namespace.
    pids=()
    for suite in "$@"; do
        KARTAVIEW_IN_NAMESPACE= "$SCRIPT" build "$suite" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || die "building a chroot failed"; done
    # Then the suites one after the other: they share two cores.
    rm -f "$LOGS/summary.txt"
    failed=0
    for suite in "$@"; do run_suite "$suite" || failed=1; done
    echo
    echo "test-versions summary:"
    sed 's/^/  /' "$LOGS/summary.txt"
    exit $failed
    ;;
esac
