#!/usr/bin/env bash
# Installs what building and running the images here needs, from Debian's packages, when missing:
# podman (daemonless; Jib loads the images into it), runc (crun fails on hybrid-cgroup VMs) and mmdebstrap.
set -euo pipefail
need=()
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing ${need[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}" >/dev/null
