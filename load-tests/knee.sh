#!/usr/bin/env bash
# The knee of one target: starts it (the standalone jar on free ports with its own Redis, or the local fleet of
# load-tests/fleet.sh), runs StressSimulation against it, prints the per-level table and the knee line (the highest
# rate held with p99 < 1 s and no failed request), the load average before and after, and stops the target.
#
# Usage: load-tests/knee.sh standalone|fleet [-Dstress.startRate=50 -Dstress.step=50 ...]   (other -D options go to
#        Gatling; defaults below). Needs the jars: ./mvnw -B -q -pl standalone,gateway,worker,home-sim -am package
#        -DskipTests. Output also in load-tests/target/knee-<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: load-tests/knee.sh standalone|fleet [-Dname=value ...]}
shift
log=load-tests/target/knee-$target.log
mkdir -p load-tests/target
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

case "$target" in
  standalone)
    stack_log=load-tests/target/knee-standalone-stack.log
    : >"$stack_log"
    java -jar standalone/target/mcp-bridge-standalone-0.1.0-SNAPSHOT.jar --port="$(free_port)" \
      --worker-port="$(free_port)" --redis-port="$(free_port)" >"$stack_log" 2>&1 &
    stack=$!
    trap 'kill $stack 2>/dev/null; wait $stack 2>/dev/null || true' EXIT
    urls=""
    for _ in $(seq 1 480); do
      urls=$(grep -o 'mcp-bridge ready in .*: http://[^ ]*' "$stack_log" | grep -o 'http://[^ ]*' || true)
      [ -n "$urls" ] && break
      kill -0 "$stack" 2>/dev/null || { tail -30 "$stack_log"; exit 1; }
      sleep 0.5
    done
    [ -n "$urls" ] || { tail -30 "$stack_log"; echo "the standalone stack was not ready within 240 s" >&2; exit 1; }
    ;;
  fleet)
    load-tests/fleet.sh start --dir=load-tests/target/knee-fleet
    trap 'load-tests/fleet.sh stop --dir=load-tests/target/knee-fleet' EXIT
    urls=$(cat load-tests/target/knee-fleet/gateways)
    ;;
  *) echo "target: standalone or fleet" >&2; exit 2 ;;
esac

echo "target $target at $urls; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$log"
./mvnw -B -pl load-tests gatling:test -Dgatling.simulationClass=io.mcpbridge.loadtests.StressSimulation \
  -Dbridge.baseUrl="$urls" -Dstress.startRate=50 -Dstress.step=50 -Dstress.levels=16 -Dstress.levelSeconds=20 -Dstress.warmupSeconds=30 "$@" \
  >>"$log" 2>&1 || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$log"
sed -n '/^stress levels/,/^knee:/p' "$log"
tail -1 "$log"
