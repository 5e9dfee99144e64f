/* feed.h — search results as an Atom feed: absolute links, rel="self", one entry per hit. */
#ifndef RS_FEED_H
#define RS_FEED_H

#include "buf.h"
#include "results.h"

/* Append the feed of `res` to out: `base` the site's address ("http://host:port"), `query_string`
 * the search's parameters ("q=…&udvalg=…", may be NULL), `title` what the feed is of. */
void rs_feed_atom(const char *base, const char *query_string, const char *title, const RsResults *res,
                  RsBuf *out);

/* Percent-encode one URL component ('/' too; then safe in XML attributes), appended to b. */
void rs_url_escape(RsBuf *b, const char *s);

#endif
