#!/usr/bin/env bash
# deploy/: the systemd units (qualityd.service, and qualityd@.service for replicas) are valid
# (systemd-analyze verify where systemd is installed, else their keys against the list these units
# may use), and deploy/install.sh installs the debug build into a temp prefix (files, modes, an
# existing config kept, --dry-run changing nothing) so that the installed qualityd accepts the
# installed config.
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
template=deploy/qualityd@.service

echo "-- the units"
for file in "$unit" "$template"; do
    grep -q '^ExecStart=/usr/local/bin/qualityd serve ' "$file" || fail "$file: ExecStart does not run /usr/local/bin/qualityd serve"
done
for key in DynamicUser=yes ProtectSystem=strict StateDirectory=qualityd ReadWritePaths=/var/lib/qualityd \
    NoNewPrivileges=yes 'ExecReload=/bin/kill -HUP $MAINPID' Restart=on-failure; do
    grep -qxF "$key" "$unit" || fail "$unit lacks $key"
done
# The template: one replica per port, its own state directory, the port and id for the config.
for key in DynamicUser=yes ProtectSystem=strict StateDirectory=qualityd-%i ReadWritePaths=/var/lib/qualityd-%i \
    NoNewPrivileges=yes 'ExecReload=/bin/kill -HUP $MAINPID' Restart=on-failure \
    'Environment=QUALITYD_PORT=%i QUALITYD_REPLICA_ID=%H:%i'; do
    grep -qxF "$key" "$template" || fail "$template lacks $key"
done
# Apart from naming its instance, the template hardens exactly as the single unit does.
diff <(grep -E '^(Protect|Restrict|Private|NoNew|Capability|Ambient|SystemCall|Lock|Memory|RemoveIPC|UMask)' "$unit") \
    <(grep -E '^(Protect|Restrict|Private|NoNew|Capability|Ambient|SystemCall|Lock|Memory|RemoveIPC|UMask)' "$template") \
    >/dev/null || fail "$template hardens differently from $unit"
if command -v systemd-analyze >/dev/null; then
    # verify also checks that ExecStart is executable: point it at the debug build.
    sed "s#^ExecStart=/usr/local/bin/qualityd#ExecStart=$PWD/$qualityd#" "$unit" >"$work/qualityd.service"
    sed "s#^ExecStart=/usr/local/bin/qualityd#ExecStart=$PWD/$qualityd#" "$template" >"$work/qualityd@.service"
    if ! out=$(systemd-analyze verify "$work/qualityd.service" "$work/qualityd@9471.service" 2>&1) || [ -n "$out" ]; then
        fail "systemd-analyze verify: $out"
    fi
    echo "systemd-analyze verify: clean"
else
    # No systemd here: every key must be one these units are known to use (catches typos only).
    known=" Description Documentation Wants After Type Environment ExecStart ExecReload EnvironmentFile Restart RestartSec
        TimeoutStopSec DynamicUser StateDirectory StateDirectoryMode WorkingDirectory ReadWritePaths UMask
        NoNewPrivileges ProtectSystem ProtectHome PrivateTmp PrivateDevices ProtectKernelTunables ProtectKernelModules
        ProtectKernelLogs ProtectControlGroups ProtectClock ProtectHostname ProtectProc ProcSubset
        RestrictAddressFamilies RestrictNamespaces RestrictRealtime RestrictSUIDSGID LockPersonality
        MemoryDenyWriteExecute RemoveIPC CapabilityBoundingSet AmbientCapabilities SystemCallArchitectures
        SystemCallFilter SystemCallErrorNumber WantedBy "
    for file in "$unit" "$template"; do
        while IFS= read -r key; do
            [[ " ${known//$'\n'/ } " == *" $key "* ]] || fail "$file: unexpected key $key"
        done < <(grep -E '^[A-Za-z]+=' "$file" | cut -d= -f1)
    done
    echo "systemd-analyze not installed: checked the units' keys against the known list instead"
fi

echo "-- deploy/install.sh --dry-run changes nothing"
out=$(deploy/install.sh --dry-run --prefix "$work/root" --bin "$qualityd")
[ ! -e "$work/root" ] || fail "--dry-run created $work/root"
grep -q "would run: install -D -m 0755 .*/usr/local/bin/qualityd" <<<"$out" || fail "--dry-run did not show the binary: $out"

echo "-- deploy/install.sh --prefix"
deploy/install.sh --prefix "$work/root" --bin "$qualityd" >"$work/install.log"
root=$work/root
for want in "755 usr/local/bin/qualityd" "644 etc/qualityd/config.yaml" "640 etc/qualityd/qualityd.env" \
    "644 etc/systemd/system/qualityd.service" "644 etc/systemd/system/qualityd@.service" \
    "644 usr/local/share/qualityd/metrics/prometheus.yml" \
    "644 usr/local/share/qualityd/dashboards/quality-overview.json"; do
    file=$root/${want#* }
    [ -f "$file" ] || fail "not installed: ${want#* }"
    [ "$(stat -c %a "$file")" = "${want%% *}" ] || fail "${want#* } has mode $(stat -c %a "$file"), not ${want%% *}"
done
cmp -s "$unit" "$root/etc/systemd/system/qualityd.service" || fail "installed unit differs from $unit"
cmp -s "$template" "$root/etc/systemd/system/qualityd@.service" || fail "installed template differs from $template"
echo "# edited by the admin" >>"$root/etc/qualityd/config.yaml"
deploy/install.sh --prefix "$work/root" --bin "$qualityd" >"$work/install2.log"
grep -q "edited by the admin" "$root/etc/qualityd/config.yaml" || fail "a second install overwrote the config"
grep -q "^kept .*etc/qualityd/config.yaml" "$work/install2.log" || fail "a second install did not say it kept the config"
(cd "$work" && "$root/usr/local/bin/qualityd" check --config "$root/etc/qualityd/config.yaml" >/dev/null) \
    || fail "the installed qualityd refuses the installed config"
echo "deploy check: passed"
