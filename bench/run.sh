#!/bin/sh
# Times the release binary writing one learner's plan and measures the PDF's size, and prints
# the results as Markdown with the machine they ran on (bench/RESULTS.md is one such run:
# `bench/run.sh > bench/RESULTS.md`). Uses hyperfine when it is installed (apt-get install
# hyperfine), a timed loop otherwise. Every time is a median; the machine's load is printed
# before and after, since other work on the machine slows every run. Where valgrind is
# installed, it also counts the instructions each run takes, which other work does not change.
#
# Usage: bench/run.sh [RUNS [BINARY]]
#   RUNS    runs per measurement, default 40, after 5 warm-up runs
#   BINARY  a pivot binary to measure instead of building this checkout's (say, one built
#           from an older commit, to compare)
set -eu

runs=${1:-40}
binary=${2:-}
if [ -n "$binary" ]; then
    binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
fi
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "$binary" ]; then
    echo "Building the release binary..." >&2
    cargo build --release --locked --quiet
    binary=target/release/pivot
    revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    measured="pivot at commit $revision"
else
    measured="a binary given on the command line ($("$binary" --version))"
fi
# Copied into the temporary folder, so that every command line is free of spaces and quotes.
cp "$binary" "$work/pivot"
export SOURCE_DATE_EPOCH=1798761600

example=examples/software-engineer-to-ml-engineer.yaml
for months in 6 12 24; do
    sed "s/^months: 6$/months: $months/" "$example" > "$work/p$months.yaml"
    grep -q "^months: $months$" "$work/p$months.yaml" || {
        echo "$example no longer plans 6 months; update bench/run.sh" >&2
        exit 1
    }
done
cd "$work"

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

# The median time of a command line (no shell, no quotes), in milliseconds with one decimal.
median_ms() {
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 5 --runs "$runs" --export-json times.json "$1" >/dev/null 2>&1
        seconds=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' times.json | head -n 1)
        awk -v s="$seconds" 'BEGIN { printf "%.1f", s * 1000 }'
    else
        i=0
        while [ "$i" -lt $((runs + 5)) ]; do
            start=$(date +%s%N)
            $1 >/dev/null 2>&1
            end=$(date +%s%N)
            [ "$i" -ge 5 ] && echo $(((end - start) / 1000))
            i=$((i + 1))
        done | sort -n > times
        awk -v us="$(sed -n "$(((runs + 1) / 2))p" times)" 'BEGIN { printf "%.1f", us / 1000 }'
    fi
}

# The instructions a command line takes, in millions (callgrind), or "-" without valgrind.
instructions() {
    if command -v valgrind >/dev/null 2>&1; then
        valgrind --tool=callgrind --callgrind-out-file=callgrind.out $1 2>&1 >/dev/null |
            sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' |
            awk '{ printf "%.0f", $1 / 1000000 }'
    else
        echo -
    fi
}

# The size of a plan's PDF, in bytes.
pdf_bytes() {
    ./pivot plan "p$1.yaml" --format pdf -o "size$1.pdf" >/dev/null 2>&1
    wc -c < "size$1.pdf" | tr -d ' '
}

kb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1000 }'; }

load_before=$(load)
echo "Timing ($runs runs each)..." >&2
floor=$(median_ms "./pivot --version")
all6=$(median_ms "./pivot plan p6.yaml --format md,pdf,ics -o all6/")
all24=$(median_ms "./pivot plan p24.yaml --format md,pdf,ics -o all24/")
pdf6=$(median_ms "./pivot plan p6.yaml --format pdf -o pdf6/")
pdf24=$(median_ms "./pivot plan p24.yaml --format pdf -o pdf24/")
load_after=$(load)
echo "Counting instructions..." >&2
count6=$(instructions "./pivot plan p6.yaml --format md,pdf,ics -o count6/")
count24=$(instructions "./pivot plan p24.yaml --format md,pdf,ics -o count24/")
countpdf6=$(instructions "./pivot plan p6.yaml --format pdf -o countpdf6/")
countpdf24=$(instructions "./pivot plan p24.yaml --format pdf -o countpdf24/")
size6=$(pdf_bytes 6)
size12=$(pdf_bytes 12)
size24=$(pdf_bytes 24)

if command -v hyperfine >/dev/null 2>&1; then
    timer="$(hyperfine --version)"
else
    timer="a timed loop (hyperfine is not installed)"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)

cat <<EOF
# Benchmark results

Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), measuring $measured.

- Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sm).
- Load average (1, 5, 15 minutes): $load_before before the runs, $load_after after.
- Each time is the median of $runs runs, after 5 warm-up runs, of the release binary as a new
  process, with \`SOURCE_DATE_EPOCH\` set, writing into a temporary folder; timed with $timer.
- The plan is \`$example\`, with \`months:\` set to 6, 12 or 24.
- Instructions are counted by callgrind (millions, one run each; \`-\` where valgrind is
  not installed).

| measure | median time | instructions | target |
|---|---|---|---|
| one learner, 6 months, all three formats (md, pdf, ics) | $all6 ms | $count6 M | under 15 ms |
| same, 24 months | $all24 ms | $count24 M | under 25 ms |
| PDF alone, 6 months | $pdf6 ms | $countpdf6 M | |
| PDF alone, 24 months | $pdf24 ms | $countpdf24 M | |
| start-up floor (\`pivot --version\`) | $floor ms | | |

| PDF size | 6 months | 12 months | 24 months | target |
|---|---|---|---|---|
| kilobytes (1,000 bytes) | $(kb "$size6") | $(kb "$size12") | $(kb "$size24") | under 120 for 6 months, under 200 for 24 |
| bytes | $size6 | $size12 | $size24 | |
EOF
