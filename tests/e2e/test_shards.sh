#!/usr/bin/env bash
# test_shards.sh — `refsog index --shards 2` and `refsog compact`: the same answers as one index.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
summary() { python3 -c '
import json,sys; r=json.load(sys.stdin)
print(r["total"], sorted((-h["score"], h["id"]) for h in r["hits"]), json.dumps(r["facets"], sort_keys=True))'; }
mkdir -p "$T_TMP/empty" # an existing empty index: one writer adds the files
"$REFSOG" index --quiet --index "$T_TMP/one" "$T_TMP/empty"
"$REFSOG" index --quiet --index "$T_TMP/one" data/sample
# a new index built by 3 parallel jobs and merged is one plain database with the same answers
t_status "new index by 3 parallel jobs" 0 "$REFSOG" index --jobs 3 --index "$T_TMP/par" data/sample
t_match "parallel summary" "5 files indexed, 0 unchanged, 0 failed; 45 items added.*\(3 jobs, [1-3] parts? merged\)" "$T_OUT"
t_eq "merged into one database: no stub, no temporary trees" "no stub" \
  "$([ -e "$T_TMP/par/XAPIANDB" ] && echo stub || echo no stub)$(ls -d "$T_TMP"/par.* 2>/dev/null)"
for q in misbrug '"åben rådgivning"' 'EMN 24/1629' 'budget*' 'kommune:odder dato:2020' 'misbrig'; do
  t_eq "parallel = one writer: $q" "$("$REFSOG" search --index "$T_TMP/one" --json --limit 50 "$q" | summary)" \
    "$("$REFSOG" search --index "$T_TMP/par" --json --limit 50 "$q" | summary)"
done
# the same with each thread starting a new temporary shard after every file (--segment-bytes 1:
# the rotation happens before the next file once a segment holds any text): 5 files, 5 parts
t_status "new index in small segments" 0 "$REFSOG" index --jobs 2 --segment-bytes 1 --index "$T_TMP/seg" data/sample
t_match "small segments: one part per file merged" "\(2 jobs, 5 parts merged\)" "$T_OUT"
for q in misbrug 'budget*' 'kommune:odder dato:2020'; do
  t_eq "segments = one writer: $q" "$("$REFSOG" search --index "$T_TMP/one" --json --limit 50 "$q" | summary)" \
    "$("$REFSOG" search --index "$T_TMP/seg" --json --limit 50 "$q" | summary)"
done
t_status "new index by one job in small segments" 0 "$REFSOG" index --jobs 1 --segment-bytes 1 --index "$T_TMP/seg1" data/sample
t_match "one job: one part per file merged" "\(1 job, 5 parts merged\)" "$T_OUT"
t_eq "one job in segments = one writer: misbrug" "$("$REFSOG" search --index "$T_TMP/one" --json --limit 50 misbrug | summary)" \
  "$("$REFSOG" search --index "$T_TMP/seg1" --json --limit 50 misbrug | summary)"
spell() { "$REFSOG" search --index "$1" --json "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["spelling"])'; }
t_eq "parallel = one writer: spelling suggestion" "$(spell "$T_TMP/one" 'rådgivnig')" "$(spell "$T_TMP/par" 'rådgivnig')"
t_eq "segments = one writer: spelling suggestion" "$(spell "$T_TMP/one" 'rådgivnig')" "$(spell "$T_TMP/seg" 'rådgivnig')"
t_status "re-index of the merged index is a no-op" 0 "$REFSOG" index --index "$T_TMP/par" data/sample
t_match "merged: unchanged" "0 files indexed, 5 unchanged" "$T_OUT"
t_status "index into 2 shards" 0 "$REFSOG" index --index "$T_TMP/sh" --shards 2 data/sample
t_match "2-shard summary" "5 files indexed, 0 unchanged, 0 failed; 45 items added.*\(2 shards\)" "$T_OUT"
t_eq "the stub lists both shards" "glass shard-0 glass shard-1" "$(tr '\n' ' ' < "$T_TMP/sh/XAPIANDB" | sed 's/ $//')"
for q in misbrug '"åben rådgivning"' 'EMN 24/1629' 'budget*' 'kommune:odder dato:2020'; do
  t_eq "sharded = one index: $q" "$("$REFSOG" search --index "$T_TMP/one" --json --limit 50 "$q" | summary)" \
    "$("$REFSOG" search --index "$T_TMP/sh" --json --limit 50 "$q" | summary)"
done
t_status "re-index into the shards is a no-op" 0 "$REFSOG" index --index "$T_TMP/sh" data/sample
t_match "unchanged" "0 files indexed, 5 unchanged" "$T_OUT"
t_status "another shard count is refused" 2 "$REFSOG" index --index "$T_TMP/sh" --shards 3 data/sample
t_match "re-shard message" "has 2 shards, not 3" "$T_OUT"
t_status "compact the shards" 0 "$REFSOG" compact --index "$T_TMP/sh" --output "$T_TMP/compact"
t_eq "compacted = one index" "$("$REFSOG" search --index "$T_TMP/one" --json --limit 50 misbrug | summary)" \
  "$("$REFSOG" search --index "$T_TMP/compact" --json --limit 50 misbrug | summary)"
t_status "delete by case across shards" 0 "$REFSOG" delete --index "$T_TMP/sh" --case 27.00.00-P22-1-20
t_match "one deleted" "^1 item deleted" "$T_OUT"
t_eq "stats count the shards' files in the index's size" \
  "$(python3 -c 'import os,sys; print(sum(os.path.getsize(os.path.join(r,f)) for r,_,fs in os.walk(sys.argv[1]) for f in fs))' "$T_TMP/sh")" \
  "$("$REFSOG" stats --index "$T_TMP/sh" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["indexes"][0]["bytes"])')"
cp -r "$T_TMP/sh" "$T_TMP/shgone" && rm -rf "$T_TMP/shgone/shard-1"
t_status "a sharded index missing a shard is an error" 1 "$REFSOG" search --index "$T_TMP/shgone" misbrug
t_match "… naming the shard" "shgone: its shard .*shgone/shard-1: no index there" "$T_OUT"
t_eq "44 items left" 44 "$("$REFSOG" stats --index "$T_TMP/sh" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
# tombstones in every shard (the stub's own metadata is shard-0's only): delete the files one by
# one from the shards and from one index; counts, hits and facets stay the same as the one index's
"$REFSOG" delete --index "$T_TMP/one" --case 27.00.00-P22-1-20 >/dev/null
items_del() { "$REFSOG" stats --index "$1" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["items"], d["deleted"])'; }
left=44
for f in data/sample/*; do
  n=$("$REFSOG" delete --index "$T_TMP/sh" --source "$f" | sed -n 's/^\([0-9]*\) items\? deleted$/\1/p')
  "$REFSOG" delete --index "$T_TMP/one" --source "$f" >/dev/null
  left=$((left - n))
  t_eq "deleted ${f##*/} from the shards: items and deleted" "$(items_del "$T_TMP/one")" "$(items_del "$T_TMP/sh")"
  t_eq "… $left left" "$left" "$(items_del "$T_TMP/sh" | cut -d' ' -f1)"
  for q in misbrug 'budget*' 'kommune:odder dato:2020' '*'; do
    t_eq "… tombstoned shards = tombstoned one index: $q" "$("$REFSOG" search --index "$T_TMP/one" --json --limit 50 "$q" | summary)" \
      "$("$REFSOG" search --index "$T_TMP/sh" --json --limit 50 "$q" | summary)"
  done
done
t_done
