#!/usr/bin/env bash
# Builds a Java 17 base image as a tarball from Debian's packages, for machines that reach no container
# registry: Jib then builds the autoconn image on it offline (README, "Container image and Kubernetes"):
#
#   mvn -DskipTests package jib:buildTar -Djib.from.image=tar://$(sudo deploy/base-image.sh)
#
# The root file system is a debootstrap'ed minimal Debian with openjdk-17-jre-headless (its maintainer
# scripts run, so /usr/bin/java and the JVM's CA certificates exist), without apt's lists, docs or man pages.
# The tarball has the layout of `docker save` (manifest.json, config, one uncompressed layer), the layout
# Jib reads for a tar:// base. It is cached: a second run prints the same path at once (REBUILD=1 redoes it).
# Prints the tarball's path on standard output; progress goes to standard error. Needs root and debootstrap.
set -euo pipefail

suite=${DEBIAN_SUITE:-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${AUTOCONN_BASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/autoconn}
tarball=$cache/debian-$suite-jre17.tar

if [[ -f $tarball && -z ${REBUILD:-} ]]; then
    echo "$tarball"
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "base-image.sh: debootstrap and chroot need root" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
arch=$(dpkg --print-architecture)

echo "base-image.sh: debootstrap $suite ($arch) from $mirror" >&2
debootstrap --variant=minbase --arch="$arch" --include=openjdk-17-jre-headless \
    "$suite" "$rootfs" "$mirror" >&2

# What a container never uses: package lists and caches, documentation, logs. dpkg's database stays, so
# scanners can list the packages.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/tmp/*
chmod 1777 "$rootfs/tmp"

echo "base-image.sh: writing the image" >&2
image=$work/image
mkdir "$image"
# Fixed owner numbers, names and times: the same packages give the same layer digest.
tar --numeric-owner --sort=name --mtime=@0 --xattrs -C "$rootfs" -cf "$image/layer.tar" .
diff_id=sha256:$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
java_home=$(dirname "$(dirname "$(chroot "$rootfs" readlink -f /usr/bin/java)")")
jq -n --arg arch "$arch" --arg diff "$diff_id" --arg java "$java_home" --arg suite "$suite" '{
    architecture: $arch, os: "linux",
    config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                   "JAVA_HOME=" + $java, "LANG=C.UTF-8"]},
    rootfs: {type: "layers", diff_ids: [$diff]},
    history: [{created_by: ("deploy/base-image.sh: debootstrap " + $suite + " openjdk-17-jre-headless")}]
  }' >"$image/config.json"
jq -n --arg tag "autoconn-base:$suite-jre17" \
    '[{Config: "config.json", RepoTags: [$tag], Layers: ["layer.tar"]}]' >"$image/manifest.json"

mkdir -p "$cache"
tar -C "$image" -cf "$tarball.partial" manifest.json config.json layer.tar
mv "$tarball.partial" "$tarball"
echo "base-image.sh: $(du -h "$tarball" | cut -f1) in $tarball" >&2
echo "$tarball"
