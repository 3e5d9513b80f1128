#!/bin/sh
# Times the release binary writing one typical plan as PDF and reports the median time and the
# file's size. Uses hyperfine when it is installed (apt-get install hyperfine), a timed loop
# otherwise. Usage: scripts/bench-pdf.sh [PROFILE] [RUNS]
set -eu

cd "$(dirname "$0")/.."
profile=${1:-examples/software-engineer-to-ml-engineer.yaml}
runs=${2:-50}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cargo build --release --quiet
bin=target/release/pivot
export SOURCE_DATE_EPOCH=1798761600

if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 5 --runs "$runs" --export-json "$out/times.json" \
        "$bin plan $profile --format pdf -o $out/plan.pdf" >/dev/null
    median_ms=$(python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median'] * 1000))" "$out/times.json")
else
    i=0
    while [ "$i" -lt "$runs" ]; do
        start=$(date +%s%N)
        "$bin" plan "$profile" --format pdf -o "$out/plan.pdf" >/dev/null 2>&1
        end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
        i=$((i + 1))
    done | sort -n > "$out/times"
    median_us=$(sed -n "$(( (runs + 1) / 2 ))p" "$out/times")
    median_ms=$(awk -v us="$median_us" 'BEGIN { printf "%.1f", us / 1000 }')
fi

"$bin" plan "$profile" --format pdf -o "$out/plan.pdf" >/dev/null 2>&1
size=$(wc -c < "$out/plan.pdf")
echo "pdf: $profile: median ${median_ms} ms over $runs runs, $size bytes ($(( size / 1024 )) KiB)"
