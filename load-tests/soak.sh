#!/usr/bin/env bash
# The soak run on the local fleet: starts a fleet (load-tests/fleet.sh), runs SoakSimulation against both gateways,
# records memory and file descriptors (load-tests/soak-record.sh) when the fleet is ready, after the warm-up and at the
# end, prints the table (warm-up vs end: what grew while the load was flat) and stops the fleet.
#
# Usage: load-tests/soak.sh [--minutes=30] [--rate=40] [--warmup-seconds=120] [--dir=load-tests/target/soak]
# Needs the jars: ./mvnw -B -q -pl gateway,worker,home-sim -am package -DskipTests
# Output: DIR/soak-record.tsv, DIR/soak-table.md, DIR/gatling.log; the Gatling report under load-tests/target/gatling.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
minutes=30
rate=40
warmup=120
dir=$repo/load-tests/target/soak
for arg in "$@"; do
  case "$arg" in
    --minutes=*) minutes=${arg#*=} ;;
    --rate=*) rate=${arg#*=} ;;
    --warmup-seconds=*) warmup=${arg#*=} ;;
    --dir=*) dir=${arg#*=} ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
cd "$repo"
load-tests/fleet.sh start --dir="$dir"
trap 'load-tests/fleet.sh stop --dir="$dir"' EXIT
load-tests/soak-record.sh snapshot ready --dir="$dir"
./mvnw -B -pl load-tests gatling:test -Dgatling.simulationClass=io.mcpbridge.loadtests.SoakSimulation \
  -Dbridge.baseUrl="$(cat "$dir/gateways")" -Dsoak.rate="$rate" -Dsoak.minutes="$minutes" >"$dir/gatling.log" 2>&1 &
gatling=$!
sleep "$warmup"
load-tests/soak-record.sh snapshot warm --dir="$dir"
status=0
wait "$gatling" || status=$?
load-tests/soak-record.sh snapshot end --dir="$dir"
grep -A 12 'Global Information' "$dir/gatling.log" || tail -30 "$dir/gatling.log"
load-tests/soak-record.sh table warm end --dir="$dir" | tee "$dir/soak-table.md"
echo "SoakSimulation exit status $status (0: its assertions held)"
exit "$status"
