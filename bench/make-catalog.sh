#!/bin/sh
# Writes a `--data` folder whose catalog holds N modules more than the built-in one (default
# 10000), for timing pivot with a large catalog: the built-in files, with N generated modules
# added to modules.yaml and to the end of the ML engineer's path, each requiring one of the few
# before it, and the skill and resource they name added to skills.yaml and resources.yaml. The
# generated modules take a quarter hour to an hour each. The same N gives the same files.
# Usage: bench/make-catalog.sh [N] DIR
#   then: pivot plan PROFILE --data DIR (a software engineer moving to ML engineering)
set -eu

if [ "$#" -eq 1 ]; then
    n=10000
    dir=$1
elif [ "$#" -eq 2 ]; then
    n=$1
    dir=$2
else
    echo "usage: bench/make-catalog.sh [N] DIR" >&2
    exit 2
fi
data="$(dirname "$0")/../data"
mkdir -p "$dir"

{
    cat "$data/skills.yaml"
    echo "- { id: generated-practice, title: Generated practice }"
} > "$dir/skills.yaml"

{
    cat "$data/resources.yaml"
    cat <<'EOF'
- id: generated-notes
  title: Generated notes
  provider: pivot's benchmarks
  url: https://example.org/generated-notes
  route: self-study
EOF
} > "$dir/resources.yaml"

{
    cat "$data/modules.yaml"
    awk -v n="$n" 'BEGIN {
        split("foundation building polish", stage, " ")
        for (i = 1; i <= n; i++) {
            printf "- id: generated-%05d\n", i
            printf "  title: Generated module %d\n", i
            printf "  summary: Practice set %d, one of many generated to time large catalogs.\n", i
            printf "  skills: [generated-practice]\n"
            printf "  hours: %.2f\n", 0.25 * (1 + i % 4)
            printf "  estimate: true\n"
            printf "  stage: %s\n", stage[1 + int(3 * (i - 1) / n)]
            if (i > 1) printf "  requires: [generated-%05d]\n", i - 1 - (i * 7) % (i > 4 ? 4 : i - 1)
            printf "  resources: [generated-notes]\n"
            printf "  outcome: Finish practice set %d and write down one thing it taught you.\n", i
            printf "  self_check: Can you explain practice set %d to a friend in two sentences?\n", i
        }
    }'
} > "$dir/modules.yaml"

# The first role's path (the ML engineer's) gains the generated modules at its end.
awk -v n="$n" '
    !done && /^  path: \[.*\]$/ {
        sub(/\]$/, "")
        printf "%s", $0
        for (i = 1; i <= n; i++) printf ", generated-%05d", i
        print "]"
        done = 1
        next
    }
    { print }
    END { if (!done) exit 1 }
' "$data/roles.yaml" > "$dir/roles.yaml" || {
    echo "data/roles.yaml no longer writes a path as \`  path: [...]\`; update bench/make-catalog.sh" >&2
    exit 1
}
