# Process helpers shared by load-tests/fleet.sh and load-tests/soak-record.sh (sourced, not run).

# The live processes of a process group, from /proc (no procps needed): field 5 of /proc/<pid>/stat, counted after
# the command name's closing parenthesis. State Z (exited, not yet reaped) does not count.
members_of_group() {
  local want=$1 stat p
  for p in /proc/[0-9]*; do
    stat=$(cat "$p/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    set -- $stat
    [ "$3" = "$want" ] && [ "$1" != "Z" ] && echo "${p#/proc/}"
  done
  return 0
}
