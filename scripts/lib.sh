# Helpers shared by the timing scripts in this folder (sourced, not run).

# now: wall clock in seconds with microseconds, without starting a process.
now() { echo "${EPOCHREALTIME/,/.}"; }

# timed OUT CMD...: runs CMD with its standard output discarded and appends
# "SECONDS PEAK_RSS_KIB CPU_SECONDS" to the file OUT. The wall time is the
# shell's clock around /usr/bin/time (whose own %e has only 10 ms
# resolution); the peak resident set size is /usr/bin/time's %M, the CPU
# time its %U + %S. Fails if CMD fails.
timed() {
  local out=$1; shift
  local rss t0 t1
  rss=$(mktemp)
  t0=$(now)
  if ! /usr/bin/time -f '%M %U %S' -o "$rss" "$@" >/dev/null; then
    echo "command failed: $*" >&2; rm -f "$rss"; return 1
  fi
  t1=$(now)
  tail -1 "$rss" | awk -v a="$t0" -v b="$t1" '{ printf "%.4f %d %.2f\n", b - a, $1, $2 + $3 }' >>"$out"
  rm -f "$rss"
}

# median FILE COLUMN: the median of a column of numbers.
median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
    { v[NR] = $1 }
    END { if (NR == 0) { print "nan"; exit }
          if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# range FILE COLUMN: "min-max" of a column.
range() {
  awk -v c="$2" 'NR == 1 || $c < lo { lo = $c } NR == 1 || $c > hi { hi = $c } END { printf "%.3f-%.3f", lo, hi }' "$1"
}

# ratios A B: per-line ratio of column 1 of A to column 1 of B (runs paired
# by round), one a line.
ratios() { paste -d' ' "$1" "$2" | awk '{ printf "%.4f\n", $1 / $(NF / 2 + 1) }'; }

# machine: one line naming the CPU, the number of CPUs and the load average.
machine() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); ${cpu:-unknown CPU}, $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
