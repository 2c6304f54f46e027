#!/bin/bash
# Cold and warm builds of two checkouts side by side, alternating, at one corpus size:
#   bench/side_by_side.sh OLD_CHECKOUT NEW_CHECKOUT [ARTICLES] [OUT]
# Each checkout needs its own .venv (`make .venv/.installed` in it) and builds its own copy of the
# corpus (made by its own bench/make_corpus.py, so each reads its own mkdocs.yml) with its own
# cache, each build into a folder that does not exist yet (no site is deleted before the end: on
# ext4 without a journal that slows what the next build makes). Three cold builds each (cache
# off), a build that fills each cache, then three one-article edits, each followed by a warm
# build of each. Prints wall and CPU seconds (user + system, the build and every process it
# waited for), the load average at the start, and each build's summary line.
set -u
OLD=$1 NEW=$2 N=${3:-10000} R=${4:-/tmp/side-by-side}
rm -rf "$R"; mkdir -p "$R/sites"
export NO_MKDOCS_2_WARNING=1 BRIEFING_OFFLINE=false
declare -A W=([old]=$OLD [new]=$NEW)
for v in old new; do (cd "${W[$v]}" && .venv/bin/python bench/make_corpus.py "$N" "$R/$v" > /dev/null); done
ARTICLE=$(cd "$R/old" && ls articles/2024/*.md | sed -n 100p)
build() { # old|new label on|off
  local start load rc end
  start=$(date +%s.%N) load=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$R/$1" && BRIEFING_CACHE=$3 /usr/bin/time -f "%U %S" -o "$R/time-$2.txt" "${W[$1]}/.venv/bin/python" -m mkdocs build -d "$R/sites/$2" 2> "$R/log-$2.txt")
  rc=$? end=$(date +%s.%N)
  printf "%-10s %s rc=%s wall %.1f s cpu %.1f s load %s | %s\n" "$2" "$1" $rc "$(echo "$end - $start" | bc)" \
    "$(awk '{print $1 + $2}' "$R/time-$2.txt")" "$load" "$(grep -o 'Briefing: .*' "$R/log-$2.txt" | tail -1)" | tee -a "$R/results.txt"
}
for i in 1 2 3; do
  if [ $i = 2 ]; then order="new old"; else order="old new"; fi
  for v in $order; do build $v cold$i-$v off; done
done
for v in old new; do build $v fill-$v on; done
for i in 1 2 3; do
  for v in old new; do echo "One more sentence $i." >> "$R/$v/$ARTICLE"; done
  if [ $i = 2 ]; then order="new old"; else order="old new"; fi
  for v in $order; do build $v warm$i-$v on; done
done
echo "files differing between the two codes' last warm sites: $(diff -rq "$R/sites/warm3-old" "$R/sites/warm3-new" | wc -l)" | tee -a "$R/results.txt"
