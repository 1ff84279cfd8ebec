#!/usr/bin/env bash
# Records what leaks show in, for a fleet started by load-tests/fleet.sh: per fleet process (with its subprocesses, e.g.
# a worker's home-sim pool; main_rss_mb: the process alone) the resident memory and the open file descriptors, and
# Redis's INFO memory and key count.
#
# Usage: load-tests/soak-record.sh snapshot LABEL [--dir=load-tests/target/fleet]   appends LABEL's figures to
#                                                                                  DIR/soak-record.tsv
#        load-tests/soak-record.sh table [FROM TO] [--dir=...]   prints two snapshots side by side (markdown; default:
#                                                                the first and the last)
# Reads /proc (Linux); the fds of another user's process need root.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
command=${1:-}
[ $# -gt 0 ] && shift
label=""
from=""
to=""
if [ "$command" = snapshot ]; then
  label=${1:?snapshot needs a label}
  shift
elif [ "$command" = table ] && [ $# -ge 2 ] && [[ "$1" != --* ]]; then
  from=$1
  to=$2
  shift 2
fi
dir=$repo/load-tests/target/fleet
for arg in "$@"; do
  case "$arg" in
    --dir=*) dir=${arg#*=} ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
record=$dir/soak-record.tsv

source "$repo/load-tests/fleet/procs.sh"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }

# One INFO field of the fleet's Redis, with bash's /dev/tcp (redis-cli is not needed).
redis_info() {
  local address=$1 section=$2
  exec 5<>"/dev/tcp/${address%:*}/${address#*:}"
  printf 'INFO %s\r\nDBSIZE\r\nQUIT\r\n' "$section" >&5
  timeout 5 cat <&5 | tr -d '\r'
  exec 5<&-
}

snapshot() {
  [ -f "$dir/pids" ] || { echo "no fleet in $dir" >&2; exit 1; }
  local now name pid rss fd procs member
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  {
    while read -r name pid; do
      rss=0 fd=0 procs=0
      for member in $(members_of_group "$pid"); do
        rss=$((rss + $(rss_kb "$member")))
        fd=$((fd + $(fds "$member")))
        procs=$((procs + 1))
      done
      printf '%s\t%s\t%s.processes\t%s\n' "$label" "$now" "$name" "$procs"
      printf '%s\t%s\t%s.rss_mb\t%s\n' "$label" "$now" "$name" "$((rss / 1024))"
      # The process alone, without its subprocesses (a worker's JVM apart from its upstream pool).
      [ "$procs" -gt 1 ] && printf '%s\t%s\t%s.main_rss_mb\t%s\n' "$label" "$now" "$name" "$(($(rss_kb "$pid") / 1024))"
      printf '%s\t%s\t%s.open_fds\t%s\n' "$label" "$now" "$name" "$fd"
    done <"$dir/pids"
    if [ -f "$dir/redis" ]; then
      redis_info "$(cat "$dir/redis")" memory | awk -v l="$label" -v t="$now" -F: '
        /^used_memory:/ { printf "%s\t%s\tredis.used_memory_mb\t%.1f\n", l, t, $2 / 1048576 }
        /^used_memory_rss:/ { printf "%s\t%s\tredis.used_memory_rss_mb\t%.1f\n", l, t, $2 / 1048576 }
        /^:[0-9]+$/ { printf "%s\t%s\tredis.keys\t%s\n", l, t, substr($0, 2) }'
    fi
    printf '%s\t%s\tload_average\t%s\n' "$label" "$now" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
  } >>"$record"
  echo "recorded '$label' in $record"
}

table() {
  [ -f "$record" ] || { echo "no record in $dir" >&2; exit 1; }
  awk -F'\t' -v from="$from" -v to="$to" '
    { if (!($1 in seen)) { seen[$1] = 1; labels[++n] = $1; time[$1] = $2 }
      if (!($3 in known)) { known[$3] = 1; metrics[++m] = $3 }
      value[$1, $3] = $4 }
    END {
      first = from != "" ? from : labels[1]; last = to != "" ? to : labels[n]
      printf "| metric | %s (%s) | %s (%s) | change |\n| --- | ---: | ---: | ---: |\n", first, time[first], last, time[last]
      for (i = 1; i <= m; i++) {
        a = value[first, metrics[i]]; b = value[last, metrics[i]]
        change = (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/) ? sprintf("%+g", b - a) : ""
        printf "| %s | %s | %s | %s |\n", metrics[i], a, b, change
      }
    }' "$record"
}

case "$command" in
  snapshot) snapshot ;;
  table) table ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
