#!/usr/bin/env bash
# test_remote.sh — two shards served by xapian-tcpsrv on loopback search like one local index:
# same hits and scores, totals and facet counts. A shard that is down is a clear error.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
command -v xapian-tcpsrv >/dev/null || { t_bad "xapian-tcpsrv installed (xapian-tools)"; t_done; exit 1; }
mkdir -p "$T_TMP/a" "$T_TMP/b"
cp data/sample/000_*.txt data/sample/001_*.txt data/sample/002_*.txt "$T_TMP/a/"
cp data/sample/003_*.txt data/sample/004_*.txt "$T_TMP/b/"
cd "$T_TMP"
"$REFSOG" index --quiet --index one a b
# xapian-tcpsrv reads a document's values through Xapian's term lists: shards to serve keep them
"$REFSOG" index --quiet --termlists --index shard_a a
"$REFSOG" index --quiet --termlists --index shard_b b
"$REFSOG" index --quiet --index plain_b b
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pa=$(free_port); pb=$(free_port); pp=$(free_port)
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$pa" shard_a >/dev/null 2>&1 & sa=$!
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$pb" shard_b >/dev/null 2>&1 & sb=$!
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$pp" plain_b >/dev/null 2>&1 & sp=$!
trap 'kill $sa $sb $sp 2>/dev/null; rm -rf "$T_TMP"' EXIT
for i in $(seq 1 50); do "$REFSOG" stats --index "tcp://127.0.0.1:$pa" --index "tcp://127.0.0.1:$pb" >/dev/null 2>&1 && break; sleep 0.1; done

summary() { python3 -c '
import json,sys; r=json.load(sys.stdin)
hits=sorted((-h["score"], h["id"]) for h in r["hits"])
print(r["total"], hits, json.dumps(r["facets"], sort_keys=True))'; }
for q in misbrug 'misbrug unge' '"åben rådgivning"' 'EMN-24/1629' '27.0.0-P22-1-20' 'budget*' \
         'kommune:esbjerg hygiejne' 'type:orientering' 'dato:2020' 'udfald:"taget til efterretning"' \
         'titel:budget OR beskæftigelsesplan'; do
  local_=$("$REFSOG" search --index one --json --limit 50 "$q" | summary)
  remote=$("$REFSOG" search --index "tcp://127.0.0.1:$pa" --index "tcp://127.0.0.1:$pb" --json --limit 50 "$q" | summary)
  t_eq "remote shards = one index: $q" "$local_" "$remote"
done
t_eq "local shards = one index" "$("$REFSOG" search --index one --json --limit 50 misbrug | summary)" \
  "$("$REFSOG" search --index shard_a --index shard_b --json --limit 50 misbrug | summary)"
# a Xapian stub naming the two servers ("remote HOST:PORT" lines) is the same
printf 'remote 127.0.0.1:%s\n\nremote 127.0.0.1:%s\n' "$pa" "$pb" > rstub
t_eq "a stub of remote shards = one index" "$("$REFSOG" search --index one --json --limit 50 misbrug | summary)" \
  "$("$REFSOG" search --index rstub --json --limit 50 misbrug | summary)"
# a shard written without term lists cannot be served: said so, with what to do
t_status "a served shard without term lists is an error" 1 "$REFSOG" search --index "tcp://127.0.0.1:$pa" --index "tcp://127.0.0.1:$pp" misbrug
t_match "… that says to build it with --termlists" "without term lists.*--termlists" "$T_OUT"
# a local shard without term lists keeps its items' positions with them (schema 9), which the
# server's phrases cannot read: beside a remote shard a phrase is refused, naming it; words are not
t_status "a phrase over a remote shard and a local one keeping positions with its items: an error" 1 \
  "$REFSOG" search --index "tcp://127.0.0.1:$pa" --index plain_b '"åben rådgivning"'
t_match "… naming that shard and what to do" "plain_b keeps its items' word positions.*--termlists" "$T_OUT"
t_status "… while its words are searched" 0 "$REFSOG" search --index "tcp://127.0.0.1:$pa" --index plain_b misbrug
# (tcpsrv signals its whole process group when it stops: hence setsid above)
kill $sb; wait $sb 2>/dev/null
t_status "a shard that is down is an error" 1 "$REFSOG" search --index "tcp://127.0.0.1:$pa" --index "tcp://127.0.0.1:$pb" misbrug
t_match "the error names the shard" "127.0.0.1:$pb" "$T_OUT"
t_done
