#!/usr/bin/env bash
# Installs qualityd as a systemd service: the binary, the config, the secrets file, the unit, and
# the Prometheus rules and Grafana dashboards for the operator. Run it from an unpacked release
# tarball (bin/qualityd next to deploy/) or from a checkout after `swift build -c release`.
#
#   deploy/install.sh [--prefix DIR] [--dry-run] [--bin FILE] [--config FILE]
#
#   --prefix DIR   install under DIR instead of / (a staging root; paths inside the unit stay absolute)
#   --dry-run      print what would be done, change nothing
#   --bin FILE     the qualityd binary (default: bin/qualityd, else .build/release/qualityd)
#   --config FILE  the config to install (default: config.yaml); an existing one is never overwritten
#
# Then, on the target: edit /etc/qualityd/config.yaml and /etc/qualityd/qualityd.env, and
# `systemctl enable --now qualityd`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

prefix=""
dry_run=false
bin=""
config="$top/config.yaml"
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
        --dry-run) dry_run=true; shift ;;
        --bin) bin=${2:?--bin needs a file}; shift 2 ;;
        --config) config=${2:?--config needs a file}; shift 2 ;;
        -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
prefix=${prefix%/}
if [ -z "$bin" ]; then
    for candidate in "$top/bin/qualityd" "$top/.build/release/qualityd"; do
        [ -x "$candidate" ] && { bin=$candidate; break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || {
    echo "install: no qualityd binary (give --bin FILE, or run swift build -c release or scripts/release)" >&2
    exit 1
}
[ -f "$config" ] || { echo "install: config $config not found" >&2; exit 1; }
if [ -z "$prefix" ] && ! $dry_run && [ "$(id -u)" -ne 0 ]; then
    echo "install: installing into / needs root (or give --prefix DIR or --dry-run)" >&2
    exit 1
fi

run() {
    if $dry_run; then
        echo "would run: $*"
    else
        "$@"
    fi
}

# install_file MODE SOURCE TARGET: copies, making the target's directory.
install_file() {
    run install -D -m "$1" "$2" "$prefix$3"
    $dry_run || echo "installed $prefix$3"
}

# install_new MODE SOURCE TARGET: as install_file, but keeps a target that exists (the admin's edits).
install_new() {
    if [ -e "$prefix$3" ]; then
        echo "kept $prefix$3 (exists; the new one is $2)"
    else
        install_file "$@"
    fi
}

install_file 0755 "$bin" /usr/local/bin/qualityd
install_new 0644 "$config" /etc/qualityd/config.yaml
install_new 0640 "$here/qualityd.env.example" /etc/qualityd/qualityd.env
install_file 0644 "$here/qualityd.service" /etc/systemd/system/qualityd.service
install_file 0644 "$here/qualityd@.service" /etc/systemd/system/qualityd@.service
share=/usr/local/share/qualityd
for dir in metrics dashboards; do
    [ -d "$top/$dir" ] || continue
    while IFS= read -r -d '' file; do
        install_file 0644 "$file" "$share/${file#"$top"/}"
    done < <(find "$top/$dir" -type f -print0 | sort -z)
done
[ -f "$top/README.md" ] && install_file 0644 "$top/README.md" /usr/local/share/doc/qualityd/README.md

if [ -z "$prefix" ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    run systemctl daemon-reload
fi
echo "next: edit $prefix/etc/qualityd/config.yaml (storage under /var/lib/qualityd) and $prefix/etc/qualityd/qualityd.env,"
echo "      then: systemctl enable --now qualityd   (reload: systemctl reload qualityd; logs: journalctl -u qualityd)"
