#!/usr/bin/env bash
# The local fleet: the bridge as separate processes on this machine, as a deployment runs it.
#   a Kafka broker (KRaft, its own JVM, jars fetched from Maven Central into load-tests/target/fleet-lib/kafka),
#   Redis (its own redis-server on a free port; --redis=HOST:PORT uses a running one instead),
#   N gateways and M workers (their executable jars, each on its own port), home-sim as the workers' upstream.
#
# Usage: load-tests/fleet.sh start|stop|status|relaunch NAME [--name=value ...]
#   --dir=load-tests/target/fleet   run directory: pid file, logs, broker data, the gateways' URLs
#   --gateways=2 --workers=2        process counts (1..8 each)
#   --redis=HOST:PORT               use this Redis (e.g. 127.0.0.1:6379) instead of starting one; the fleet then
#                                   writes into it (keys of tenant "default") and never flushes it
#   --home-latency-ms=0             home-sim's simulated latency per call
#   --pool=2                        home-sim processes per worker (fixed pool)
#   --partitions=12                 partitions of each request topic
#   --timeout=240                   seconds to wait for the whole fleet to be ready
#   --call-log                      every home-sim process appends one JSON line per tool call to DIR/calls.jsonl
#                                   (with the bridge's request id in "meta"; the fault suite reads it)
# Environment: FLEET_JAVA_OPTS (default -Xmx512m) for the gateways and workers.
#
# start prints one line, "fleet ready in S s: gateways URL,URL (kafka ..., redis ..., workers M, dir DIR)", writes the
# URLs to DIR/gateways (comma-separated, the form -Dbridge.baseUrl takes) and Redis's address to DIR/redis, and
# returns; the processes keep running.
# stop sends SIGTERM to each process, waits, then kills each process group (a worker's home-sim children are in its
# group) and checks that nothing of the fleet is left. relaunch NAME starts a process of the fleet that has exited
# (killed by a fault test: kafka, redis, worker-N, gateway-N) again with its recorded command line, on the same ports
# and data, its output appended to its log, and puts its new pid in the pid file.
# Needs the jars: ./mvnw -B -q -pl gateway,worker,home-sim -am package -DskipTests
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

command=${1:-}
[ $# -gt 0 ] && shift
dir=$repo/load-tests/target/fleet
gateways=2
workers=2
redis=""
home_latency_ms=0
pool=2
partitions=12
timeout=240
call_log=0
target=""
if [ "$command" = relaunch ] && [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  target=$1
  shift
fi
for arg in "$@"; do
  case "$arg" in
    --dir=*) dir=${arg#*=} ;;
    --gateways=*) gateways=${arg#*=} ;;
    --workers=*) workers=${arg#*=} ;;
    --redis=*) redis=${arg#*=} ;;
    --home-latency-ms=*) home_latency_ms=${arg#*=} ;;
    --pool=*) pool=${arg#*=} ;;
    --partitions=*) partitions=${arg#*=} ;;
    --timeout=*) timeout=${arg#*=} ;;
    --call-log) call_log=1 ;;
    *) echo "unknown option $arg (see the head of $0)" >&2; exit 2 ;;
  esac
done
for n in "$gateways" "$workers"; do
  [[ "$n" =~ ^[1-8]$ ]] || { echo "--gateways and --workers take 1..8" >&2; exit 2; }
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pids=$dir/pids
java_opts=${FLEET_JAVA_OPTS:--Xmx512m}

# A port nobody listens on, outside Linux's ephemeral range (32768-60999) where port-0 binds land.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

listening() { (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; }

source "$repo/load-tests/fleet/procs.sh"

# Starts a process in its own session and process group, output to its log; records "name pid" in the pid file and
# its command line (NUL-separated, for relaunch) in DIR/commands/NAME.
launch() {
  local name=$1
  shift
  mkdir -p "$dir/commands"
  printf '%s\0' "$@" >"$dir/commands/$name"
  setsid "$@" </dev/null >"$dir/logs/$name.log" 2>&1 &
  echo "$name $!" >>"$pids"
}

# Starts an exited process of the fleet again with its recorded command line (same ports, same data directory), its
# output appended to its log, and replaces its pid in the pid file.
relaunch_process() {
  local name=$1 pid
  [ -f "$pids" ] || { echo "no fleet in $dir (no pid file)" >&2; exit 1; }
  [ -n "$name" ] && [ -f "$dir/commands/$name" ] || { echo "no process named '$name' in the fleet of $dir" >&2; exit 2; }
  pid=$(pid_of "$name")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "$name is still running (pid $pid): stop it first" >&2
    exit 1
  fi
  local argv=()
  mapfile -d '' argv <"$dir/commands/$name"
  echo "--- relaunched $(date -u +%FT%TZ)" >>"$dir/logs/$name.log"
  setsid "${argv[@]}" </dev/null >>"$dir/logs/$name.log" 2>&1 &
  local new=$!
  awk -v n="$name" -v p="$new" '$1 == n { $2 = p } { print }' "$pids" >"$pids.new" && mv "$pids.new" "$pids"
  echo "$name relaunched: pid $new"
}

pid_of() { awk -v n="$1" '$1 == n { print $2 }' "$pids"; }

stop_fleet() {
  [ -f "$pids" ] || { echo "no fleet in $dir (no pid file)"; return 0; }
  local name pid pgid left=""
  # Reverse start order: gateways and workers first (they drain), then Kafka and Redis.
  while read -r name pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done < <(tac "$pids" | grep -v -E '^(kafka|redis) ')
  wait_gone 30 $(awk '$1 !~ /^(kafka|redis)$/ { print $2 }' "$pids")
  while read -r name pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done < <(grep -E '^(kafka|redis) ' "$pids" || true)
  wait_gone 20 $(awk '{ print $2 }' "$pids")
  # Whatever is left of each group (a subprocess that outlived its parent) is killed.
  while read -r name pid; do
    for member in $(members_of_group "$pid"); do
      echo "killing leftover process $member of $name" >&2
      kill -KILL "$member" 2>/dev/null || true
    done
  done <"$pids"
  for _ in $(seq 1 50); do
    left=""
    while read -r name pid; do
      left+=$(members_of_group "$pid")
    done <"$pids"
    [ -z "$left" ] && break
    sleep 0.2
  done
  if [ -n "$left" ]; then
    echo "processes of the fleet still alive: $left" >&2
    return 1
  fi
  rm -f "$pids"
  echo "fleet stopped: no process left ($dir)"
}

# Waits up to $1 seconds for the given pids to exit; SIGKILLs their groups after that.
wait_gone() {
  local seconds=$1 alive pid
  shift
  for _ in $(seq 1 $((seconds * 5))); do
    alive=""
    for pid in "$@"; do
      kill -0 "$pid" 2>/dev/null && alive+=" $pid"
    done
    [ -z "$alive" ] && return 0
    sleep 0.2
  done
  for pid in $alive; do
    echo "process $pid still running $seconds s after SIGTERM: killing its group" >&2
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}

status_fleet() {
  [ -f "$pids" ] || { echo "no fleet in $dir"; return 3; }
  local name pid down=0
  while read -r name pid; do
    if kill -0 "$pid" 2>/dev/null; then
      printf '%-10s pid %-8s up   (%s processes in its group)\n' "$name" "$pid" "$(members_of_group "$pid" | wc -l)"
    else
      printf '%-10s pid %-8s DOWN\n' "$name" "$pid"
      down=1
    fi
  done <"$pids"
  [ -f "$dir/gateways" ] && echo "gateways: $(cat "$dir/gateways")"
  return $down
}

fetch_kafka() {
  local lib=$repo/load-tests/target/fleet-lib/kafka
  if ! ls "$lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
    echo "fetching the Kafka broker's jars into $lib" >&2
    "$repo/mvnw" -B -q -f "$repo/load-tests/fleet/kafka-broker.pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$lib" >&2
  fi
  echo "$lib"
}

jar_of() {
  local jar
  jar=$(ls "$repo"/$1 2>/dev/null | head -1)
  [ -n "$jar" ] || { echo "missing $1: ./mvnw -B -q -pl gateway,worker,home-sim -am package -DskipTests" >&2; return 1; }
  echo "$jar"
}

# The port a Spring Boot app bound (server.port=0), from its log.
bound_port() {
  grep -o -m1 -E 'Tomcat started on port[^0-9]*[0-9]+' "$dir/logs/$1.log" 2>/dev/null | grep -o -E '[0-9]+$'
}

fail_start() {
  echo "fleet start failed: $1" >&2
  for log in "$dir"/logs/*.log; do
    echo "--- last lines of $log" >&2
    tail -15 "$log" >&2
  done
  stop_fleet >&2 || true
  exit 1
}

start_fleet() {
  if [ -f "$pids" ]; then
    echo "a fleet is already recorded in $pids: load-tests/fleet.sh stop --dir=$dir first" >&2
    exit 1
  fi
  local gateway_jar worker_jar home_jar kafka_lib
  gateway_jar=$(jar_of 'gateway/target/mcp-bridge-gateway-*-exec.jar')
  worker_jar=$(jar_of 'worker/target/mcp-bridge-worker-*-exec.jar')
  home_jar=$(jar_of 'home-sim/target/mcp-bridge-home-sim-*-all.jar')
  kafka_lib=$(fetch_kafka)
  command -v java >/dev/null || { echo "java not found" >&2; exit 1; }
  local java_bin
  java_bin=$(command -v java)
  local started=$SECONDS run_id
  run_id=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
  rm -rf "$dir/logs" "$dir/kafka-data" "$dir/jars" "$dir/gateways" "$dir/redis" "$dir/home.journal" "$dir/soak-record.tsv" \
    "$dir/commands" "$dir/calls.jsonl"
  mkdir -p "$dir/logs" "$dir/jars"
  # The processes run copies: a rebuild of the modules during a run (another terminal, a long soak) would otherwise
  # replace jars under running JVMs.
  cp "$gateway_jar" "$worker_jar" "$home_jar" "$dir/jars/"
  gateway_jar=$dir/jars/${gateway_jar##*/}
  worker_jar=$dir/jars/${worker_jar##*/}
  home_jar=$dir/jars/${home_jar##*/}
  : >"$pids"
  trap 'fail_start "interrupted"' INT TERM

  # Redis
  local redis_address
  if [ -n "$redis" ]; then
    redis_address=$redis
    listening "$redis_address" || fail_start "no Redis listening on $redis_address"
  else
    command -v redis-server >/dev/null || fail_start "redis-server not found (apt-get install redis-server, or --redis=HOST:PORT)"
    local redis_port
    redis_port=$(free_port)
    redis_address=127.0.0.1:$redis_port
    launch redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no
  fi

  # Kafka: one KRaft node, broker and controller.
  local kafka_port controller_port
  kafka_port=$(free_port)
  controller_port=$(free_port)
  while [ "$controller_port" = "$kafka_port" ]; do controller_port=$(free_port); done
  cat >"$dir/kafka.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/kafka-data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The apps create their topics with the partition count co-partitioning needs; a topic auto-created by a consumer
# would get 1 partition.
auto.create.topics.enable=false
EOF
  local cluster_id
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
  "$java_bin" -cp "$kafka_lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/kafka.properties" \
    >"$dir/logs/kafka-format.log" 2>&1 || fail_start "formatting the broker's storage failed"
  launch kafka "$java_bin" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$kafka_lib/*" kafka.Kafka \
    "$dir/kafka.properties"

  local deadline=$((SECONDS + timeout))
  until listening "127.0.0.1:$kafka_port" && listening "$redis_address"; do
    [ $SECONDS -lt $deadline ] || fail_start "Kafka or Redis not listening within $timeout s"
    kill -0 "$(pid_of kafka)" 2>/dev/null || fail_start "the Kafka broker exited"
    sleep 0.2
  done

  local shared=(--spring.kafka.bootstrap-servers="127.0.0.1:$kafka_port" --spring.data.redis.host="${redis_address%:*}"
    --spring.data.redis.port="${redis_address#*:}" --bridge.kafka.partitions="$partitions" --server.port=0)
  local i home_extra=()
  if [ "$call_log" = 1 ]; then
    home_extra=("--bridge.upstreams[0].args[4]=--call-log=$dir/calls.jsonl")
  fi
  for i in $(seq 1 "$workers"); do
    # One journal for every home-sim process of the fleet: they simulate one home (as the standalone's pool does).
    launch "worker-$i" "$java_bin" $java_opts -jar "$worker_jar" "${shared[@]}" \
      --bridge.worker.id="fleet-$run_id-worker-$i" \
      --bridge.upstreams[0].name=home --bridge.upstreams[0].command="$java_bin" \
      --bridge.upstreams[0].args[0]=-jar --bridge.upstreams[0].args[1]="$home_jar" \
      --bridge.upstreams[0].args[2]=--latency-ms="$home_latency_ms" \
      --bridge.upstreams[0].args[3]=--state-file="$dir/home.journal" "${home_extra[@]}" \
      --bridge.upstreams[0].pool.min="$pool" --bridge.upstreams[0].pool.target="$pool" \
      --bridge.upstreams[0].pool.max="$pool"
  done
  for i in $(seq 1 "$gateways"); do
    launch "gateway-$i" "$java_bin" $java_opts -jar "$gateway_jar" "${shared[@]}" \
      --bridge.gateway-id="fleet-$run_id-gateway-$i"
  done

  # Ready: every gateway answers /health, every worker has its partitions (all members of a group get theirs in the
  # same generation, so the last join's assignment covers all of them).
  local urls="" name port pending
  while :; do
    [ $SECONDS -lt $deadline ] || fail_start "not ready within $timeout s"
    pending=""
    while read -r name pid; do
      kill -0 "$pid" 2>/dev/null || fail_start "$name exited"
    done <"$pids"
    for i in $(seq 1 "$workers"); do
      grep -q -E 'partitions assigned|Notifying assignor about the new Assignment' "$dir/logs/worker-$i.log" \
        || pending+=" worker-$i"
    done
    urls=""
    for i in $(seq 1 "$gateways"); do
      port=$(bound_port "gateway-$i" || true)
      if [ -n "$port" ] && curl_ok "http://127.0.0.1:$port/health"; then
        urls+="${urls:+,}http://127.0.0.1:$port"
      else
        pending+=" gateway-$i"
      fi
    done
    [ -z "$pending" ] && break
    sleep 0.5
  done
  trap - INT TERM
  echo "$urls" >"$dir/gateways"
  echo "$redis_address" >"$dir/redis"
  echo "fleet ready in $((SECONDS - started)) s: gateways $urls (kafka 127.0.0.1:$kafka_port, redis $redis_address," \
    "workers $workers, dir $dir)"
}

# GET answered with any HTTP status but 5xx (the seed's /health says 503 while a dependency is down).
curl_ok() {
  local status
  status=$(http_status "$1") || return 1
  [ "$status" -ge 200 ] && [ "$status" -lt 500 ]
}

# HTTP status of a GET, with bash's /dev/tcp (curl is not on every fresh machine).
http_status() {
  local hostport=${1#http://} path
  path=/${hostport#*/}
  hostport=${hostport%%/*}
  exec 4<>"/dev/tcp/${hostport%:*}/${hostport#*:}" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&4
  local line
  IFS= read -r -t 5 line <&4 || { exec 4<&-; return 1; }
  exec 4<&-
  set -- $line
  echo "$2"
}

case "$command" in
  start) start_fleet ;;
  stop) stop_fleet ;;
  status) status_fleet ;;
  relaunch) relaunch_process "$target" ;;
  *) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
