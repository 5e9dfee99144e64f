#!/usr/bin/python3
# index-digest.py — a digest of what a Xapian index holds, independent of how its B-trees are laid
# out: every term with its frequencies and postings (docid, wdf), every value stream, the document
# lengths, the metadata. Two indexes with equal digests answer every query alike; used to check
# that a change to how an index is built or merged leaves its content as it was.
#   /usr/bin/python3 bench/index-digest.py INDEX      (python3-xapian: Debian's, not a pyenv one)
import hashlib
import sys

import xapian

db = xapian.Database(sys.argv[1])
terms, n = hashlib.sha256(), 0
for t in db.allterms():
    terms.update(t.term + b'|%d|%d' % (t.termfreq, db.get_collection_freq(t.term)))
    for p in db.postlist(t.term):
        terms.update(b'%d:%d,' % (p.docid, p.wdf))
        n += 1
values = hashlib.sha256()
for d in db.postlist(''):
    values.update(b'%d:%d;' % (d.docid, d.doclength))
for slot in range(64):  # refsog's slots are below 64 (index/schema.h)
    for v in db.valuestream(slot):
        values.update(b'%d/%d=' % (slot, v.docid) + v.value + b';')
meta = hashlib.sha256()
for k in db.metadata_keys():
    meta.update(k + b'=' + db.get_metadata(k) + b';')
print("documents", db.get_doccount(), "last docid", db.get_lastdocid(), "postings", n,
      "average length", db.get_avlength())
print("terms", terms.hexdigest()[:16], "values", values.hexdigest()[:16], "metadata", meta.hexdigest()[:16])
