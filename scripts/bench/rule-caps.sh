#!/usr/bin/env bash
# Wall and CPU time of `region` on the rule language's size fixtures, each beside the same command on the
# catalog's gd rule in the same run (the peer: start-up and a trivial rule), best of N runs each.
# The limit the language promises is 5 s per fixture, answered or refused with exit code 2.
#   scripts/bench/rule-caps.sh [runs]        (build first: dotnet build src/EigenVerify.Cli -c Release)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cli="$root/src/EigenVerify.Cli/bin/Release/net10.0/eigenverify"
fixtures="$root/tests/EigenVerify.Filtering.Tests/fixtures/language"
runs="${1:-3}"
[ -x "$cli" ] || { echo "error: $cli is missing; build src/EigenVerify.Cli -c Release first" >&2; exit 2; }

# "wall cpu exit" of the best (least CPU) of the runs: on a shared machine the CPU time
# (user + system) is the stable measure, the wall time the one the 5 s limit speaks of
best() {
    local best_wall="" best_cpu="" code=0 t
    t=$(mktemp)
    for _ in $(seq "$runs"); do
        set +e
        /usr/bin/time -f "%e %U %S" -o "$t" "$cli" "$@" > /dev/null 2>&1
        code=$?
        set -e
        read -r wall user sys < <(tail -n 1 "$t")
        local cpu
        cpu=$(echo "$user + $sys" | bc)
        if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc)" = 1 ]; then best_cpu=$cpu; best_wall=$wall; fi
    done
    rm -f "$t"
    echo "$best_wall $best_cpu $code"
}

read -r peer_wall peer_cpu _ < <(best region --optimizer gd --format json)
printf "%-40s %8s %8s %5s %8s\n" "case" "wall s" "cpu s" "exit" "cpu / gd"
printf "%-40s %8.2f %8.2f %5s %8s\n" "gd (peer)" "$peer_wall" "$peer_cpu" 0 "1.00"
for case in "let-chain-200.rule" "inner-gd-40.rule --params alpha=1/10" "inner-gd-40.rule" "power-tower.rule" "long-literal.rule"; do
    set -- $case
    file="$1"
    shift
    read -r wall cpu code < <(best region --rule "$fixtures/$file" "$@" --format json)
    printf "%-40s %8.2f %8.2f %5s %8.2f\n" "$case" "$wall" "$cpu" "$code" "$(echo "$cpu / $peer_cpu" | bc -l)"
done
