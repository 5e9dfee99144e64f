#!/usr/bin/env bash
# test_disk.sh — a full disk and a read-only index directory give clear errors, never a corrupt
# index. Needs root to mount small tmpfs file systems; says so and counts nothing where it cannot.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
mnt="$T_TMP/mnt"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=300k tmpfs "$mnt" 2>/dev/null; then
  echo "skip: cannot mount a tmpfs here (not root?): full-disk and read-only tests not run"
  t_done; exit 0
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T_TMP"' EXIT
# a new index built by parallel jobs: not created at all, and its temporary trees are removed
t_status "full disk, new index: index exits 1" 1 "$REFSOG" index --jobs 2 --index "$mnt/nx" data/sample
t_match "full disk, new index: clear message" "No space left on device" "$T_OUT"
t_match "full disk, new index: says it was not created" "NOT created" "$T_OUT"
t_eq "full disk, new index: no index, no temporary trees" "" "$(ls -A "$mnt")"
# one writer adding in batches: what was committed stays, the message says what was not saved
mkdir -p "$T_TMP/empty"
t_status "full disk: an empty index fits" 0 "$REFSOG" index --index "$mnt/ix" "$T_TMP/empty"
t_status "full disk: index exits 1" 1 "$REFSOG" index --index "$mnt/ix" data/sample
t_match "full disk: clear message" "No space left on device" "$T_OUT"
t_match "full disk: says what was not saved" "last commit failed" "$T_OUT"
t_status "full disk: the index still opens" 0 "$REFSOG" stats --index "$mnt/ix" --json
mount -o remount,size=20m "$mnt"
t_status "after freeing space: the same command completes" 0 "$REFSOG" index --index "$mnt/ix" data/sample
t_eq "after freeing space: all 45 items" 45 "$("$REFSOG" stats --index "$mnt/ix" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
mount -o remount,ro "$mnt"
cp data/sample/000_082cc86b9df59ed8.txt "$T_TMP/changed.txt"
t_status "read-only index: indexing exits 1" 1 "$REFSOG" index --index "$mnt/ix" "$T_TMP/changed.txt"
t_match "read-only index: clear message" "cannot write to the index: .*Read-only file system" "$T_OUT"
t_nomatch "read-only index: not called a lock" "locked by another writer" "$T_OUT"
t_status "read-only index: search still works" 0 "$REFSOG" search --index "$mnt/ix" --json misbrug
t_done
