#!/bin/sh
# Runs INSIDE a fresh debootstrap chroot (as root, proc/sys/dev mounted) to install what `make test`
# needs. Its text and the requested package list make the chroot's stamp: edit this file and the
# next run rebuilds the chroot from nothing, so a stale chroot never hides a missing install step.
# Arguments: the Debian packages the Makefile's APT_PACKAGES lists.
set -eu
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

# The mirror's sid Release file can be past its Valid-Until date.
echo 'Acquire::Check-Valid-Until "false";' > /etc/apt/apt.conf.d/99kartaview-valid-until
apt-get update -qq

# Package names move between releases: install those this suite has, and say which it lacks.
available=""
missing=""
for package in "$@" make ca-certificates; do
    if apt-cache show --no-all-versions "$package" >/dev/null 2>&1; then
        available="$available $package"
    else
        missing="$missing $package"
    fi
done
if [ -n "$missing" ]; then
    echo "provision: not in this suite, skipped:$missing"
fi
# shellcheck disable=SC2086  # one word per package
apt-get install -y -qq $available >/dev/null

# The network's TLS proxy signs with the host's extra CAs (copied to
# /usr/local/share/ca-certificates by the host script); pip must use the system bundle that has them.
update-ca-certificates >/dev/null
printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\ndisable-pip-version-check = true\n' > /etc/pip.conf

mkdir -p /etc/kartaview-chroot
echo "$available" > /etc/kartaview-chroot/apt-packages
echo "$missing" > /etc/kartaview-chroot/missing-packages
apt-get clean
python3 -c "import qgis.core; print('provision: QGIS', qgis.core.Qgis.QGIS_VERSION)"
