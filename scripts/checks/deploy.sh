#!/usr/bin/env bash
# deploy/: the systemd unit is valid (systemd-analyze verify where systemd is installed, else its
# keys against the list this unit may use), and deploy/install.sh installs the debug build into a
# temp prefix (files, modes, an existing config kept, --dry-run changing nothing) so that the
# installed qualityd accepts the installed config.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
    echo "deploy check: FAIL: $*" >&2
    exit 1
}
qualityd=.build/debug/qualityd
[ -x "$qualityd" ] || fail "$qualityd is not built; run scripts/test (or swift build) first"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unit=deploy/qualityd.service

echo "-- the unit"
grep -q '^ExecStart=/usr/local/bin/qualityd serve ' "$unit" || fail "ExecStart does not run /usr/local/bin/qualityd serve"
for key in DynamicUser=yes ProtectSystem=strict StateDirectory=qualityd ReadWritePaths=/var/lib/qualityd \
    NoNewPrivileges=yes 'ExecReload=/bin/kill -HUP $MAINPID' Restart=on-failure; do
    grep -qxF "$key" "$unit" || fail "$unit lacks $key"
done
if command -v systemd-analyze >/dev/null; then
    # verify also checks that ExecStart is executable: point it at the debug build.
    sed "s#^ExecStart=/usr/local/bin/qualityd#ExecStart=$PWD/$qualityd#" "$unit" >"$work/qualityd.service"
    if ! out=$(systemd-analyze verify "$work/qualityd.service" 2>&1) || [ -n "$out" ]; then
        fail "systemd-analyze verify: $out"
    fi
    echo "systemd-analyze verify: clean"
else
    # No systemd here: every key must be one this unit is known to use (catches typos only).
    known=" Description Documentation Wants After Type ExecStart ExecReload EnvironmentFile Restart RestartSec
        TimeoutStopSec DynamicUser StateDirectory StateDirectoryMode WorkingDirectory ReadWritePaths UMask
        NoNewPrivileges ProtectSystem ProtectHome PrivateTmp PrivateDevices ProtectKernelTunables ProtectKernelModules
        ProtectKernelLogs ProtectControlGroups ProtectClock ProtectHostname ProtectProc ProcSubset
        RestrictAddressFamilies RestrictNamespaces RestrictRealtime RestrictSUIDSGID LockPersonality
        MemoryDenyWriteExecute RemoveIPC CapabilityBoundingSet AmbientCapabilities SystemCallArchitectures
        SystemCallFilter SystemCallErrorNumber WantedBy "
    while IFS= read -r key; do
        [[ " ${known//$'\n'/ } " == *" $key "* ]] || fail "$unit: unexpected key $key"
    done < <(grep -E '^[A-Za-z]+=' "$unit" | cut -d= -f1)
    echo "systemd-analyze not installed: checked the unit's keys against the known list instead"
fi

echo "-- deploy/install.sh --dry-run changes nothing"
out=$(deploy/install.sh --dry-run --prefix "$work/root" --bin "$qualityd")
[ ! -e "$work/root" ] || fail "--dry-run created $work/root"
grep -q "would run: install -D -m 0755 .*/usr/local/bin/qualityd" <<<"$out" || fail "--dry-run did not show the binary: $out"

echo "-- deploy/install.sh --prefix"
deploy/install.sh --prefix "$work/root" --bin "$qualityd" >"$work/install.log"
root=$work/root
for want in "755 usr/local/bin/qualityd" "644 etc/qualityd/config.yaml" "640 etc/qualityd/qualityd.env" \
    "644 etc/systemd/system/qualityd.service" "644 usr/local/share/qualityd/metrics/prometheus.yml" \
    "644 usr/local/share/qualityd/dashboards/quality-overview.json"; do
    file=$root/${want#* }
    [ -f "$file" ] || fail "not installed: ${want#* }"
    [ "$(stat -c %a "$file")" = "${want%% *}" ] || fail "${want#* } has mode $(stat -c %a "$file"), not ${want%% *}"
done
cmp -s "$unit" "$root/etc/systemd/system/qualityd.service" || fail "installed unit differs from $unit"
echo "# edited by the admin" >>"$root/etc/qualityd/config.yaml"
deploy/install.sh --prefix "$work/root" --bin "$qualityd" >"$work/install2.log"
grep -q "edited by the admin" "$root/etc/qualityd/config.yaml" || fail "a second install overwrote the config"
grep -q "^kept .*etc/qualityd/config.yaml" "$work/install2.log" || fail "a second install did not say it kept the config"
(cd "$work" && "$root/usr/local/bin/qualityd" check --config "$root/etc/qualityd/config.yaml" >/dev/null) \
    || fail "the installed qualityd refuses the installed config"
echo "deploy check: passed"
