# Helpers the bench/*/run.sh scripts share; source it after setting root:
#   . "$root/bench/lib.sh"

# A loopback TCP port nothing listens on now (the kernel's pick; a race, as for every test port).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# The median of the numbers on stdin, one a line (the lower middle one of an even count); nothing
# for no input.
median() { sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'; }

# a / b to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# At exit: SIGTERM to every process the script started (their PIDs in the array pids), then wait
# for them.
stop_pids() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
