#!/bin/sh
# Times the release binary on the rows of the speed targets and measures the PDF's size, and
# prints the results as Markdown with the machine they ran on (bench/RESULTS.md is one such run:
# `bench/run.sh > bench/RESULTS.md`): one learner's plan as a new process, a cohort of 1,000
# learners with `pivot batch` (bench/make-roster.sh), and one plan from catalogs of 4,000 and
# 10,000 extra modules (bench/make-catalog.sh), with the most memory each takes.
#
# Every time is a median; the machine's load is printed before and after, since other work on
# the machine slows every run. Where valgrind is installed, it also counts the instructions each
# one-learner run takes, which other work does not change (summed over pivot's threads).
#
# Tools, none of them needed by the tests or CI: hyperfine (a timed loop without it), GNU time
# for the most memory (`/usr/bin/time`), valgrind for instructions. On Debian or Ubuntu:
#   apt-get install hyperfine time valgrind
#
# Usage: bench/run.sh [RUNS [BINARY]]
#   RUNS    runs per one-learner measurement, default 40, after 5 warm-up runs; the cohort and
#           the large catalogs take RUNS / 8 runs (at least 3) after one warm-up run
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
slow_runs=$((runs / 8))
[ "$slow_runs" -ge 3 ] || slow_runs=3
echo "Writing the roster and the large catalogs..." >&2
bench/make-roster.sh 1000 > "$work/roster.csv"
bench/make-catalog.sh 4000 "$work/catalog4000"
bench/make-catalog.sh 10000 "$work/catalog10000"
# A learner whose plan takes every module of the large catalogs: the ML engineer's path, at 60
# hours a week for 24 months.
cat > "$work/large.yaml" <<'PROFILE'
name: Large Catalog
plan_id: large-catalog
background: software-engineer
target_role: ml-engineer
hours_per_week: 60
start: 2027-01-04
months: 24
PROFILE
for months in 6 12 24; do
    sed "s/^months: 6$/months: $months/" "$example" > "$work/p$months.yaml"
    grep -q "^months: $months$" "$work/p$months.yaml" || {
        echo "$example no longer plans 6 months; update bench/run.sh" >&2
        exit 1
    }
done
cd "$work"

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

# The median time of a command line (no shell, no quotes), in milliseconds with one decimal:
# median_ms COMMAND [RUNS WARMUP [PREPARE]], where PREPARE (also without a shell) runs before
# each run.
median_ms() {
    n=${2:-$runs}
    warmup=${3:-5}
    prepare=${4:-true}
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup "$warmup" --runs "$n" --prepare "$prepare" \
            --export-json times.json "$1" >/dev/null 2>&1
        seconds=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' times.json | head -n 1)
        awk -v s="$seconds" 'BEGIN { printf "%.1f", s * 1000 }'
    else
        i=0
        while [ "$i" -lt $((n + warmup)) ]; do
            $prepare >/dev/null 2>&1
            start=$(date +%s%N)
            $1 >/dev/null 2>&1
            end=$(date +%s%N)
            [ "$i" -ge "$warmup" ] && echo $(((end - start) / 1000))
            i=$((i + 1))
        done | sort -n > times
        awk -v us="$(sed -n "$(((n + 1) / 2))p" times)" 'BEGIN { printf "%.1f", us / 1000 }'
    fi
}

# The most memory a command line takes, in MiB (GNU time's maximum resident set size), or "-".
peak_mib() {
    if /usr/bin/time -f %M true >/dev/null 2>&1; then
        /usr/bin/time -f %M -o peak.txt $1 >/dev/null 2>&1
        awk '{ printf "%.0f", $1 / 1024 }' peak.txt
    else
        echo -
    fi
}

seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

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
echo "Timing the cohort and the large catalogs ($slow_runs runs each)..." >&2
# Each run writes into a new folder: the last run's is moved aside, not deleted. Deleting its
# thousands of files just before a run makes the file system pass over their numbers, still
# counted as recently freed, for every file the next run creates: a cost of the benchmark's
# cleaning up (about a second of system time on ext4), not of writing the plans.
# (The runs keep about 1.5 GB aside until the timing is over.)
mkdir -p aside
cat > aside.sh <<'ASIDE'
set -e
if [ -d cohort ]; then mv cohort "$(mktemp -d aside/XXXXXX)/"; fi
ASIDE
cohort=$(median_ms "./pivot batch roster.csv -o cohort/" "$slow_runs" 1 "sh aside.sh")
large4=$(median_ms "./pivot plan large.yaml --data catalog4000 -o large4/" "$slow_runs" 1)
large10=$(median_ms "./pivot plan large.yaml --data catalog10000 -o large10/" "$slow_runs" 1)
load_after=$(load)
rm -rf cohort aside
peak_cohort=$(peak_mib "./pivot batch roster.csv -o cohort/")
peak4=$(peak_mib "./pivot plan large.yaml --data catalog4000 -o peak4/")
peak10=$(peak_mib "./pivot plan large.yaml --data catalog10000 -o peak10/")
peak6=$(peak_mib "./pivot plan p6.yaml -o peak6/")
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
- The plan is \`$example\`, with \`months:\` set to 6, 12 or 24. The cohort is
  \`bench/make-roster.sh 1000\` (all three formats, into a new folder each run, the last run's
  moved aside rather than deleted just before); the large
  catalogs are \`bench/make-catalog.sh 4000\` and \`10000\`, planned for a learner taking every
  module at 60 hours a week for 24 months, in all three formats. These take $slow_runs runs
  each, after one warm-up run.
- Instructions are counted by callgrind (millions, one run each, summed over pivot's threads;
  \`-\` where valgrind is not installed). Memory is the most resident memory of one run (GNU
  time; \`-\` where it is not installed).

| measure | median time | instructions | peak memory | target |
|---|---|---|---|---|
| one learner, 6 months, all three formats (md, pdf, ics) | $all6 ms | $count6 M | $peak6 MiB | under 15 ms |
| same, 24 months | $all24 ms | $count24 M | | under 25 ms |
| PDF alone, 6 months | $pdf6 ms | $countpdf6 M | | |
| PDF alone, 24 months | $pdf24 ms | $countpdf24 M | | |
| start-up floor (\`pivot --version\`) | $floor ms | | | |
| 1,000 learners, all three formats (\`pivot batch\`) | $(seconds "$cohort") s | | $peak_cohort MiB | under 5 s |
| catalog of 4,000 more modules: load, schedule, all three formats | $(seconds "$large4") s | | $peak4 MiB | under 0.4 s, under 100 MiB |
| catalog of 10,000 more modules: the same | $(seconds "$large10") s | | $peak10 MiB | under 1 s |

| PDF size | 6 months | 12 months | 24 months | target |
|---|---|---|---|---|
| kilobytes (1,000 bytes) | $(kb "$size6") | $(kb "$size12") | $(kb "$size24") | under 120 for 6 months, under 200 for 24 |
| bytes | $size6 | $size12 | $size24 | |
EOF
