#!/usr/bin/env bash
# Runs the cross-language benchmark programs in benches/programs/ with
# this Bro interpreter, Python 3 and Lua 5.4, checks that the three agree,
# and prints a Markdown table of the best wall-clock time of each (the three
# run in turn, round after round).
#
# Usage: benches/run.sh [BENCHMARK...]     (default: all of them)
# Environment:
#   RUNS=N       runs per implementation, best one kept (default 3)
#   PYTHON=P     the Python to compare with (default /usr/bin/python3.11,
#                Debian's CPython 3.11, else python3)
#   SLOW_SECS=S  a benchmark whose bro run is slower than S seconds is not
#                repeated (default 30),
#                so one pathological case cannot stall the whole suite
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PROGS="$HERE/programs"
RUNS="${RUNS:-3}"
SLOW_SECS="${SLOW_SECS:-30}"
ALL=(fib loop strings table setvec records events patterns)

if [ "$#" -gt 0 ]; then
	BENCHES=("$@")
else
	BENCHES=("${ALL[@]}")
fi

# --- Tools -----------------------------------------------------------------

echo "Building the release binary..." >&2
(cd "$ROOT" && cargo build --release) >&2 || { echo "cargo build --release failed" >&2; exit 1; }
BRO="$ROOT/target/release/bro"

if ! command -v lua5.4 >/dev/null 2>&1; then
	echo "Installing Lua 5.4..." >&2
	SUDO=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	fi
	$SUDO apt-get update -qq && $SUDO apt-get install -y -qq lua5.4 >&2
	command -v lua5.4 >/dev/null 2>&1 || { echo "could not install lua5.4" >&2; exit 1; }
fi
# The comparison is with Debian's CPython 3.11 (an optimised build); other
# pythons on PATH (pyenv shims and the like) can be much slower.
if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3.11 ]; then
		PYTHON=/usr/bin/python3.11
	else
		PYTHON=python3
	fi
fi
command -v "$PYTHON" >/dev/null 2>&1 || { echo "$PYTHON not found" >&2; exit 1; }

# --- Helpers ---------------------------------------------------------------

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# time_once FIRST OUTFILE CMD... : runs CMD once and prints its wall-clock
# time in seconds; on the first round (FIRST=1) its stdout (plus a note on
# failure) goes to OUTFILE.
time_once() {
	local first="$1" out="$2"; shift 2
	local t0 t1 rc
	t0=$EPOCHREALTIME
	"$@" >"$TMP/stdout" 2>"$TMP/stderr"
	rc=$?
	t1=$EPOCHREALTIME
	if [ "$first" -eq 1 ]; then
		cp "$TMP/stdout" "$out"
		# Bro reports terminate() reaching its main loop; that note is
		# not part of the result.
		grep -v '^received termination signal$' "$TMP/stderr" >"$TMP/stderr.kept" || true
		mv "$TMP/stderr.kept" "$TMP/stderr"
		if [ "$rc" -ne 0 ] || [ -s "$TMP/stderr" ]; then
			{ echo "[exit $rc]"; head -c 400 "$TMP/stderr"; } >>"$out"
		fi
	fi
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# min A B : the smaller of two times ("" counts as none).
min() {
	if [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; then echo "$1"; else echo "$2"; fi
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

# --- Benchmarks ------------------------------------------------------------

ROWS=()
MISMATCHES=0
for b in "${BENCHES[@]}"; do
	for ext in bro py lua; do
		[ -f "$PROGS/$b.$ext" ] || { echo "missing $PROGS/$b.$ext" >&2; exit 1; }
	done
	echo "Running $b..." >&2
	# The three run in turn, round after round, so that a machine whose
	# speed drifts treats them alike; each keeps its best round.
	tb="" tp="" tl=""
	for ((r = 1; r <= RUNS; r++)); do
		first=$((r == 1 ? 1 : 0))
		tb=$(min "$(time_once "$first" "$TMP/$b.bro.out" "$BRO" -b "$PROGS/$b.bro")" "$tb")
		tp=$(min "$(time_once "$first" "$TMP/$b.py.out" "$PYTHON" "$PROGS/$b.py")" "$tp")
		tl=$(min "$(time_once "$first" "$TMP/$b.lua.out" lua5.4 "$PROGS/$b.lua")" "$tl")
		if awk -v a="$tb" -v s="$SLOW_SECS" 'BEGIN { exit !(a > s) }'; then
			echo "  (a run took over ${SLOW_SECS}s: not repeating)" >&2
			break
		fi
	done
	if cmp -s "$TMP/$b.bro.out" "$TMP/$b.py.out" && cmp -s "$TMP/$b.bro.out" "$TMP/$b.lua.out"; then
		echo "  ok: $(head -n 1 "$TMP/$b.bro.out")" >&2
		mark=""
	else
		MISMATCHES=$((MISMATCHES + 1))
		mark=" (MISMATCH)"
		echo "MISMATCH in $b:"
		for ext in bro py lua; do
			echo "  $ext: $(tr '\n' '|' <"$TMP/$b.$ext.out")"
		done
	fi
	ROWS+=("| $b$mark | $tb | $tp | $tl | $(ratio "$tb" "$tp") | $(ratio "$tb" "$tl") |")
done

echo
echo "| benchmark | bro (s) | python3 (s) | lua5.4 (s) | bro/python | bro/lua |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Best of $RUNS wall-clock runs (process start-up included); $("$PYTHON" --version 2>&1) ($PYTHON), $(lua5.4 -v 2>&1 | cut -d' ' -f1-2)."
if [ "$MISMATCHES" -gt 0 ]; then
	echo "$MISMATCHES benchmark(s) had a MISMATCH between implementations."
	exit 1
fi
