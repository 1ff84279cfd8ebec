#!/usr/bin/env bash
# The fault suite (io.mcpbridge.loadtests.faults.FaultSuite), one command: a steady stream of reads and writes through
# both gateways of the local fleet (load-tests/fleet.sh: Kafka broker, Redis, 2 gateways, 2 workers, each its own
# process) while, one after the other: every home-sim process is killed (kill -9), Redis is stopped and started again
# (empty), the Kafka broker is stopped and started again on its ports and data, and one of the two workers is killed
# (kill -9). Per fault: calls sent, successes, errors by code, calls without an answer (lost), writes that home-sim ran
# twice (its call log, by request id), time to the first success and to recovery. Prints the table, writes it to
# load-tests/target/faults/faults.md (every call in outcomes.tsv next to it); exits 1 if a call was lost, an answer had
# no documented code, a write ran twice or the fleet did not recover.
#
# Usage: load-tests/faults.sh [--fleet-dir=DIR] [--name=value ...]
#   --fleet-dir=DIR   use the fleet running in DIR, started with `fleet.sh start --dir=DIR --call-log` (CI does; the
#                     suite leaves it with one worker and restarted Redis and Kafka). Without it the script builds the
#                     jars (FAULTS_SKIP_BUILD=1 skips that), starts a fleet in load-tests/target/faults/fleet and stops it.
#   the suite's options (defaults):
#   --rate=20           calls per second, fixed (open model)
#   --writes=30         percent of the calls that are writes (call_service), the rest reads (get_entity_state)
#   --call-timeout=10   X-Timeout of each call, seconds
#   --baseline=5        seconds of steady traffic before each fault
#   --window=10         seconds a stopped process stays down; after a kill, seconds watched before looking for recovery
#   --steady=5          recovered: every call sent during this many seconds after the fault succeeded
#   --max-recovery=90   seconds to wait for recovery before giving up (the fault then fails)
#   --faults=upstream-kill,redis-restart,kafka-restart,worker-kill   which, in this order
#   --sessions=4        REST sessions per gateway
#   --out=load-tests/target/faults
# The long form: load-tests/faults.sh --window=60 --rate=50 --max-recovery=180
set -euo pipefail
cd "$(dirname "$0")/.."
fleet_dir=""
args=()
for arg in "$@"; do
  case "$arg" in
    --fleet-dir=*) fleet_dir=${arg#*=} ;;
    --help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done
if [ -z "$fleet_dir" ]; then
  if [ "${FAULTS_SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -pl gateway,worker,home-sim -am package -DskipTests
  fi
  fleet_dir=load-tests/target/faults/fleet
  load-tests/fleet.sh start --dir="$fleet_dir" --call-log
  trap 'load-tests/fleet.sh stop --dir="$fleet_dir"' EXIT
fi
fleet_dir=$(cd "$fleet_dir" && pwd)
suite_args=("--repo=$PWD" "--fleet=$fleet_dir" "${args[@]}")
./mvnw -B -q -pl load-tests compile exec:java -Dexec.mainClass=io.mcpbridge.loadtests.faults.FaultSuite \
  -Dexec.args="${suite_args[*]}"
