/* server.c — HTTP API (search, case, item, stats, Atom feed) and static page over libmicrohttpd. */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "conntrack.h"
#include "errors_da.h"
#include "httputil.h"
#include "feed.h"
#include "mhd.h"
#include "present.h"
#include "search.h"

/* Searches whose counts each searcher keeps (a few kB to a few hundred kB each). */
#define RS_SERVER_FACET_CACHE 128

#define MAX_QUERY_BYTES 4096
#define MAX_STATIC_BYTES (4u << 20)
#define FEED_ENTRIES 50
#define DEFAULT_REQUEST_SECONDS 5.0
#define DEFAULT_HEADER_SECONDS 10.0
#define DEFAULT_PER_ADDRESS 64
#define MAX_CONNECTIONS 512

typedef struct {
    RsSearcher *s;
    pthread_mutex_t lock;
} Slot;

struct RsServer {
    struct MHD_Daemon *d;
    Slot *slots;
    size_t n_slots;
    unsigned next; /* round robin over the searchers */
    pthread_mutex_t next_lock;
    pthread_cond_t freed; /* a searcher was given back */
    char *web_dir;
    double request_seconds;
    RsConnTrack *track; /* the request deadlines */
};

static const char *const security_headers[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"}};

#define GZIP_MIN_BYTES 512 /* smaller answers are sent as they are */

/* Whether the client takes gzip (Accept-Encoding names gzip, not with q=0). */
static int accepts_gzip(struct MHD_Connection *c) {
    const char *ae = rs_mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    const char *g = ae ? strstr(ae, "gzip") : NULL;
    if (!g) return 0;
    const char *q = g + 4;
    while (*q == ' ') q++;
    if (*q != ';') return 1;
    q = strstr(q, "q=");
    return !(q && atof(q + 2) == 0.0);
}

static int compressible(const char *type) {
    return !strncmp(type, "text/", 5) || strstr(type, "json") || strstr(type, "xml") || strstr(type, "javascript");
}

/* body gzip-compressed into *out (malloc'ed); 0 when it could not be done or would not be smaller. */
static int gzip_body(const char *body, size_t len, char **out, size_t *out_len) {
    z_stream z = {0};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    size_t cap = deflateBound(&z, (uLong)len);
    char *dst = malloc(cap);
    int ok = 0;
    if (dst) {
        z.next_in = (Bytef *)body;
        z.avail_in = (uInt)len;
        z.next_out = (Bytef *)dst;
        z.avail_out = (uInt)cap;
        ok = deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < len;
    }
    if (ok) {
        *out = dst;
        *out_len = z.total_out;
    } else {
        free(dst);
    }
    deflateEnd(&z);
    return ok;
}

/* How a static file may be cached: revalidated every time (no-cache) with its validators. */
typedef struct {
    const char *etag;          /* "\"<mtime>-<size>\"" */
    const char *last_modified; /* an HTTP date */
} Validators;

/* Send body (taken over: freed here) as `type`; gzip when the client takes it and it pays;
 * `v` set: a static file's Cache-Control and validators, else no-store. */
static enum MHD_Result send_body_v(struct MHD_Connection *c, unsigned status, const char *type, char *body,
                                   size_t len, const Validators *v) {
    int gz = 0;
    if (compressible(type) && len >= GZIP_MIN_BYTES && accepts_gzip(c)) {
        char *z;
        size_t zlen;
        if (gzip_body(body, len, &z, &zlen)) {
            free(body);
            body = z;
            len = zlen;
            gz = 1;
        }
    }
    struct MHD_Response *r = rs_mhd.create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    rs_mhd.add_response_header(r, "Content-Type", type);
    if (compressible(type)) rs_mhd.add_response_header(r, "Vary", "Accept-Encoding");
    if (gz) rs_mhd.add_response_header(r, "Content-Encoding", "gzip");
    for (size_t i = 0; i < sizeof security_headers / sizeof *security_headers; i++)
        rs_mhd.add_response_header(r, security_headers[i][0], security_headers[i][1]);
    if (v) {
        rs_mhd.add_response_header(r, "Cache-Control", "no-cache");
        rs_mhd.add_response_header(r, "ETag", v->etag);
        rs_mhd.add_response_header(r, "Last-Modified", v->last_modified);
    } else {
        rs_mhd.add_response_header(r, "Cache-Control", "no-store");
    }
    enum MHD_Result ret = rs_mhd.queue_response(c, status, r);
    rs_mhd.destroy_response(r);
    return ret;
}

static enum MHD_Result send_body(struct MHD_Connection *c, unsigned status, const char *type, char *body,
                                 size_t len) {
    return send_body_v(c, status, type, body, len, NULL);
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *j) {
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(j);
    if (!s) { /* never close the connection without an answer */
        static const char fallback[] =
            "{\"error\":\"internal error: the answer could not be encoded\",\"code\":\"internal\",\"status\":500}";
        s = strdup(fallback);
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        if (!s) return MHD_NO;
    }
    return send_body(c, status, "application/json; charset=utf-8", s, strlen(s));
}

/* A JSON error {error, code, status, message, position}: `code` is machine-readable (docs/api.md
 * lists them), `message` the Danish sentence (errors_da.h) and `position` the character of
 * `query` (NULL: none) the error is at, or null; the English message may quote what the client
 * sent, so it is made UTF-8 first. */
static enum MHD_Result send_error_q(struct MHD_Connection *c, unsigned status, const char *code, const char *msg,
                                    const char *query) {
    RsBuf m = {0}, da = {0};
    rs_utf8_clean(&m, msg);
    long pos = -1;
    rs_error_danish(code, m.data ? m.data : "", query, &da, &pos);
    json_t *j = json_pack("{s:s, s:s, s:i, s:s, s:o}", "error", m.data ? m.data : "out of memory", "code", code,
                          "status", (int)status, "message", da.data ? da.data : "", "position",
                          pos >= 0 ? json_integer(pos) : json_null());
    rs_buf_free(&m);
    rs_buf_free(&da);
    return send_json(c, status, j);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *code, const char *msg) {
    return send_error_q(c, status, code, msg, NULL);
}

static unsigned status_of(RsStatus rc) {
    switch (rc) {
    case RS_ERR_QUERY:
    case RS_ERR_USAGE: return MHD_HTTP_BAD_REQUEST;
    case RS_ERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
    case RS_ERR_NETWORK: return MHD_HTTP_BAD_GATEWAY;
    case RS_ERR_TIMEOUT: return MHD_HTTP_SERVICE_UNAVAILABLE;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* Borrow a free searcher (trying them round robin; waiting only when every one is busy, never
 * behind one slow search while another searcher is idle) and pick up new commits. */
static Slot *take(RsServer *s) {
    Slot *sl = NULL;
    pthread_mutex_lock(&s->next_lock);
    while (!sl) {
        for (size_t k = 0; !sl && k < s->n_slots; k++) {
            Slot *c = &s->slots[(s->next + k) % s->n_slots];
            if (pthread_mutex_trylock(&c->lock) == 0) sl = c;
        }
        if (!sl) pthread_cond_wait(&s->freed, &s->next_lock);
    }
    s->next++;
    pthread_mutex_unlock(&s->next_lock);
    rs_searcher_reopen(sl->s, NULL); /* cheap when nothing changed; errors surface in the search */
    return sl;
}

static void give(RsServer *s, Slot *sl) {
    pthread_mutex_lock(&s->next_lock);
    pthread_mutex_unlock(&sl->lock);
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->next_lock);
}

static const char *arg(struct MHD_Connection *c, const char *name) {
    return rs_mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* Parse a non-negative integer argument; -1 if malformed. */
static long num_arg(const char *v, long dflt) {
    if (!v || !*v) return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return (*end || n < 0) ? -1 : n;
}

/* The filters of a search request, as data: every kommune=, udvalg=, type=, udfald=, kle=, sag=,
 * dokument=, aar= (repeated: OR'ed within the facet) and fra=/til= (one dato range). */
typedef struct {
    RsSearchFilter v[64];
    size_t n;
    char dato[48];
    const char *why; /* the first problem, for a 400 */
} Filters;

static const struct {
    const char *param;
    RsFacet facet;
} filter_params[] = {{"kommune", RS_FACET_KOMMUNE}, {"udvalg", RS_FACET_UDVALG}, {"type", RS_FACET_TYPE},
                     {"udfald", RS_FACET_UDFALD},   {"kle", RS_FACET_KLE},       {"sag", RS_FACET_SAG},
                     {"dokument", RS_FACET_DOKUMENT}, {"aar", RS_FACET_AAR}};

static enum MHD_Result on_arg(void *ctx, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    Filters *f = ctx;
    for (size_t i = 0; key && i < sizeof filter_params / sizeof *filter_params; i++) {
        if (strcmp(key, filter_params[i].param) || !value || !*value) continue;
        if (f->n == sizeof f->v / sizeof *f->v) {
            f->why = "too many filter values (at most 64)";
            return MHD_NO;
        }
        f->v[f->n++] = (RsSearchFilter){filter_params[i].facet, value, 0};
    }
    return MHD_YES;
}

/* The filter parameters of a request into *f; 0 and f->why on a bad one. */
static int build_filters(struct MHD_Connection *c, Filters *f) {
    rs_mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_arg, f);
    if (f->why) return 0;
    const char *fra = arg(c, "fra"), *til = arg(c, "til");
    if ((fra && *fra) || (til && *til)) {
        for (const char *p = fra ? fra : ""; *p; p++)
            if (!((*p >= '0' && *p <= '9') || *p == '-')) { f->why = "fra must be a date YYYY[-MM[-DD]]"; return 0; }
        for (const char *p = til ? til : ""; *p; p++)
            if (!((*p >= '0' && *p <= '9') || *p == '-')) { f->why = "til must be a date YYYY[-MM[-DD]]"; return 0; }
        if (snprintf(f->dato, sizeof f->dato, "%s..%s", fra ? fra : "", til ? til : "") >= (int)sizeof f->dato) {
            f->why = "fra/til must be dates YYYY[-MM[-DD]]";
            return 0;
        }
        if (f->n == sizeof f->v / sizeof *f->v) { f->why = "too many filter values (at most 64)"; return 0; }
        f->v[f->n++] = (RsSearchFilter){RS_FACET_DATO, f->dato, 0};
    }
    return 1;
}

static enum MHD_Result api_search(RsServer *s, struct MHD_Connection *c, int feed);


/* The site's own address for absolute links: http(s)://Host, the Host header checked to be a
 * plain host[:port] (else the address the server was reached at is unknown: 127.0.0.1). */
static void site_base(struct MHD_Connection *c, RsBuf *b) {
    const char *host = rs_mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    const char *proto = rs_mhd.lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    int ok = host && *host && strlen(host) < 256;
    for (const char *p = host; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(".-:[]", *p);
    rs_buf_printf(b, "%s://%s", proto && !strcmp(proto, "https") ? "https" : "http", ok ? host : "127.0.0.1");
}

/* The search's parameters (q and the filters; not the page or its size) as a query string. */
typedef struct {
    RsBuf *qs;  /* "q=…&udvalg=…" */
    RsBuf *txt; /* "misbrug · udvalg: Økonomiudvalget", for the feed's title */
} FeedArgs;

static enum MHD_Result on_feed_arg(void *ctx, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    FeedArgs *a = ctx;
    if (!key || !value || !*value) return MHD_YES;
    int is_q = !strcmp(key, "q");
    int known = is_q || !strcmp(key, "fra") || !strcmp(key, "til");
    for (size_t i = 0; !known && i < sizeof filter_params / sizeof *filter_params; i++) known = !strcmp(key, filter_params[i].param);
    if (!known) return MHD_YES;
    if (a->qs->len) rs_buf_puts(a->qs, "&");
    rs_url_escape(a->qs, key);
    rs_buf_puts(a->qs, "=");
    rs_url_escape(a->qs, value);
    if (a->txt->len) rs_buf_puts(a->txt, " · ");
    if (!is_q) rs_buf_printf(a->txt, "%s: ", key);
    rs_buf_puts(a->txt, value);
    return MHD_YES;
}

static enum MHD_Result atom_feed(struct MHD_Connection *c, const RsResults *res) {
    RsBuf b = {0}, base = {0}, qs = {0}, txt = {0};
    FeedArgs fa = {&qs, &txt};
    site_base(c, &base);
    rs_mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_feed_arg, &fa);
    rs_feed_atom(base.data, qs.data, txt.len ? txt.data : "nyeste punkter", res, &b);
    rs_buf_free(&base);
    rs_buf_free(&qs);
    rs_buf_free(&txt);
    size_t len = b.len;
    return send_body(c, MHD_HTTP_OK, "application/atom+xml; charset=utf-8", rs_buf_steal(&b), len);
}

static enum MHD_Result api_search(RsServer *s, struct MHD_Connection *c, int feed) {
    const char *qs = arg(c, "q");
    Filters f = {.n = 0};
    if (!build_filters(c, &f)) return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", f.why);
    if (qs && strlen(qs) > MAX_QUERY_BYTES) return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "query too long");
    long limit = num_arg(arg(c, "limit"), feed ? FEED_ENTRIES : 10), offset = num_arg(arg(c, "offset"), 0);
    if (limit < 1 || limit > RS_SEARCH_MAX_LIMIT || offset < 0 || offset > RS_SEARCH_MAX_OFFSET)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "limit must be 1-100 and offset 0-100000");
    RsSearchRequest req = {.query = qs ? qs : "", .filters = f.v, .n_filters = f.n, .limit = (size_t)limit,
                           .offset = (size_t)offset};
    const char *sort = arg(c, "sort");
    if (feed || (sort && !strcmp(sort, "-date"))) req.sort = RS_SORT_DATE_DESC;
    else if (sort && !strcmp(sort, "date")) req.sort = RS_SORT_DATE_ASC;
    else if (sort && *sort && strcmp(sort, "relevance"))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "sort must be relevance, date or -date");
    req.no_facets = feed;
    const char *fm = arg(c, "facets"); /* "disjunctive": each filtered facet counted without its own filter */
    if (fm && *fm && strcmp(fm, "disjunctive") && strcmp(fm, "conjunctive"))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "facets must be conjunctive or disjunctive");
    req.disjunctive_facets = fm && !strcmp(fm, "disjunctive");
    const char *corr = arg(c, "correction"); /* "off": only what was typed (the page's "søg i stedet efter") */
    if (corr && *corr && strcmp(corr, "off") && strcmp(corr, "on"))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "correction must be on or off");
    req.no_correction = corr && !strcmp(corr, "off");
    const char *near = arg(c, "near"); /* "off": no near matches below a page not full */
    if (near && *near && strcmp(near, "off") && strcmp(near, "on"))
        return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "near must be on or off");
    req.no_near = near && !strcmp(near, "off");
    req.time_budget = s->request_seconds;
    Slot *sl = take(s);
    RsError err = {0};
    RsResults *res = NULL;
    RsStatus rc = rs_search(sl->s, &req, &res, &err);
    give(s, sl);
    enum MHD_Result r;
    if (rc != RS_OK) r = send_error_q(c, status_of(rc), rs_error_code(rc), err.msg, req.query);
    else if (feed) r = atom_feed(c, res);
    else r = send_json(c, MHD_HTTP_OK, rs_results_json(res));
    rs_results_free(res);
    return r;
}

static const char *mime_of(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".ico")) return "image/x-icon";
    return "application/octet-stream";
}

/* Static files: only plain names in the page's own directory (no '/', no '..'). */
static enum MHD_Result serve_static(RsServer *s, struct MHD_Connection *c, const char *url) {
    if (!s->web_dir) return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "no web page configured (refsog serve --web DIR)");
    const char *name = url + 1;
    if (!*name) name = "index.html";
    if (strlen(name) > 64 || name[0] == '.') return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "not found");
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-' || *p == '_'))
            return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "not found");
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", s->web_dir, name);
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "not found");
    char etag[64], lm[64];
    snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)sb.st_mtime, (unsigned long long)sb.st_size);
    struct tm tmv;
    strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", gmtime_r(&sb.st_mtime, &tmv));
    Validators v = {etag, lm};
    /* a validator that still holds: 304, no body (If-None-Match wins over If-Modified-Since) */
    const char *inm = rs_mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    const char *ims = rs_mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
    if ((inm && (strstr(inm, etag) || !strcmp(inm, "*"))) || (!inm && ims && !strcmp(ims, lm))) {
        struct MHD_Response *r = rs_mhd.create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        if (!r) return MHD_NO;
        rs_mhd.add_response_header(r, "Cache-Control", "no-cache");
        rs_mhd.add_response_header(r, "ETag", etag);
        rs_mhd.add_response_header(r, "Last-Modified", lm);
        rs_mhd.add_response_header(r, "Vary", "Accept-Encoding");
        enum MHD_Result ret = rs_mhd.queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
        rs_mhd.destroy_response(r);
        return ret;
    }
    char *data;
    size_t len;
    if (rs_read_file(path, MAX_STATIC_BYTES, &data, &len, NULL) != RS_OK)
        return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "not found");
    return send_body_v(c, MHD_HTTP_OK, mime_of(name), data, len, &v);
}

/* One request's state, made when its target arrives (on_uri) and freed when it ends. */
typedef struct {
    int stage;       /* 0: nothing seen yet; 1: headers seen */
    int body;        /* the client sent a body */
    const char *bad; /* why the target is refused (static), or NULL */
} Req;

/* The raw request target, before libmicrohttpd %-decodes it (which cuts the path at a %00 and
 * lets bytes that are not UTF-8 through): checked here, answered 400 in the handler. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c) {
    (void)cls, (void)c;
    Req *rq = calloc(1, sizeof *rq);
    const char *why = NULL;
    if (rq && !rs_http_target_ok(uri ? uri : "", &why)) rq->bad = why;
    return rq;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    RsServer *s = cls;
    (void)toe;
    free(*con_cls);
    *con_cls = NULL;
    rs_conntrack_answering(s->track, c, 0); /* the next request's deadline starts now */
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version, const char *upload,
                               size_t *upload_size, void **con_cls) {
    (void)version;
    (void)upload;
    RsServer *s = cls;
    Req *rq = *con_cls; /* from on_uri: set for every request */
    if (!rq) return MHD_NO;
    if (rq->stage == 0) { /* first call: headers only */
        rq->stage = 1;
        return MHD_YES;
    }
    if (*upload_size) { /* we take no request bodies */
        *upload_size = 0;
        rq->body = 1;
        return MHD_YES;
    }
    rs_conntrack_answering(s->track, c, 1); /* received in full: no deadline while answering */
    if (rq->body) return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "request bodies are not accepted");
    if (rq->bad) return send_error(c, MHD_HTTP_BAD_REQUEST, "bad_request", rq->bad);
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", "only GET and HEAD");
    if (!strcmp(url, "/healthz")) return send_json(c, MHD_HTTP_OK, json_pack("{s:s}", "status", "ok"));
    if (!strcmp(url, "/api/search")) return api_search(s, c, 0);
    if (!strcmp(url, "/feed.atom")) return api_search(s, c, 1);
    if (!strcmp(url, "/api/stats")) {
        Slot *sl = take(s);
        RsStats *st = NULL;
        RsError err = {0};
        RsStatus rc = rs_index_stats(sl->s, &st, &err);
        give(s, sl);
        enum MHD_Result r = rc == RS_OK ? send_json(c, MHD_HTTP_OK, rs_stats_json(st)) : send_error(c, status_of(rc), rs_error_code(rc), err.msg);
        rs_stats_free(st);
        return r;
    }
    int is_case = !strncmp(url, "/api/case/", 10), is_item = !strncmp(url, "/api/item/", 10),
        is_meeting = !strncmp(url, "/api/meeting/", 13);
    if (is_case || is_item || is_meeting) {
        /* MHD has already %-decoded the path */
        char *key = strdup(url + (is_meeting ? 13 : 10));
        if (!key || !*key) { free(key); return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "not found"); }
        Slot *sl = take(s);
        json_t *res = NULL;
        RsError err = {0};
        RsStatus rc;
        if (is_case) {
            RsCaseHistory *h = NULL;
            if ((rc = rs_case_history(sl->s, key, &h, &err)) == RS_OK) res = rs_case_json(h);
            rs_case_history_free(h);
        } else if (is_item) {
            RsItemRecord it;
            if ((rc = rs_item_get(sl->s, key, &it, &err)) == RS_OK) res = rs_item_json(&it);
            rs_item_record_clear(&it);
        } else {
            RsMeetingView *m = NULL;
            if ((rc = rs_meeting_get(sl->s, key, &m, &err)) == RS_OK) res = rs_meeting_json(m);
            rs_meeting_view_free(m);
        }
        give(s, sl);
        free(key);
        return rc == RS_OK ? send_json(c, MHD_HTTP_OK, res) : send_error(c, status_of(rc), rs_error_code(rc), err.msg);
    }
    if (!strncmp(url, "/api/", 5)) return send_error(c, MHD_HTTP_NOT_FOUND, "not_found", "no such API endpoint");
    /* the page's own views (/punkt/{id}, /sag/{case}, /moede/{id}): the page, which reads its URL */
    if (!strncmp(url, "/punkt/", 7) || !strncmp(url, "/sag/", 5) || !strncmp(url, "/moede/", 7))
        return serve_static(s, c, "/index.html");
    return serve_static(s, c, url);
}

RsStatus rs_server_start(const RsServerOptions *o, RsServer **out, RsError *err) {
    *out = NULL;
    RsStatus loaded = rs_mhd_load(err); /* the HTTP library, loaded only now */
    if (loaded != RS_OK) return loaded;
    RsServer *s = calloc(1, sizeof *s);
    if (!s) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = o->threads ? o->threads : (unsigned)(cores > 0 ? cores : 2);
    s->n_slots = threads;
    s->slots = calloc(threads, sizeof *s->slots);
    pthread_mutex_init(&s->next_lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    s->request_seconds = o->request_seconds > 0 ? o->request_seconds : DEFAULT_REQUEST_SECONDS;
    if (o->web_dir) s->web_dir = strdup(o->web_dir);
    RsStatus rc = s->slots ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; rc == RS_OK && i < s->n_slots; i++) {
        rc = rs_searcher_open(o->indexes, o->n_indexes, &s->slots[i].s, err);
        if (rc == RS_OK) rs_searcher_keep_facet_columns(s->slots[i].s, 1);
        /* frequent words' bitsets: RS_SETS_KEEP in all (each thread its own), at least 16 MB each */
        size_t keep = RS_SETS_KEEP / threads;
        if (rc == RS_OK) rs_searcher_keep_sets(s->slots[i].s, keep > ((size_t)16 << 20) ? keep : (size_t)16 << 20);
        /* another page of a search: its counts from the cache (engine/facetcache.h) */
        if (rc == RS_OK) rc = rs_searcher_cache_facets(s->slots[i].s, RS_SERVER_FACET_CACHE, err);
        pthread_mutex_init(&s->slots[i].lock, NULL);
    }
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)(o->port ? o->port : 8080));
    if (rc == RS_OK && inet_pton(AF_INET, o->bind ? o->bind : "127.0.0.1", &addr.sin_addr) != 1)
        rc = rs_error_set(err, RS_ERR_USAGE, "'%s' is not an IPv4 address", o->bind);
    double header_s = o->header_seconds > 0 ? o->header_seconds : DEFAULT_HEADER_SECONDS;
    if (rc == RS_OK) rc = rs_conntrack_start(header_s, &s->track, err);
    if (rc == RS_OK) {
        s->d = rs_mhd.start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ERROR_LOG, 0, NULL,
            NULL, handler, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
            MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
            MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_address ? o->per_address : (unsigned)DEFAULT_PER_ADDRESS,
            MHD_OPTION_NOTIFY_CONNECTION, rs_conntrack_notify, (void *)s->track,
            MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s ? o->timeout_s : 10u,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
            MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void *)NULL,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)s, MHD_OPTION_END);
        if (!s->d)
            rc = rs_error_set(err, RS_ERR_IO, "cannot listen on %s:%u: %s", o->bind ? o->bind : "127.0.0.1",
                              o->port ? o->port : 8080, strerror(errno ? errno : EADDRINUSE));
    }
    if (rc != RS_OK) {
        rs_server_stop(s);
        return rc;
    }
    *out = s;
    return RS_OK;
}

void rs_server_stop(RsServer *s) {
    if (!s) return;
    if (s->d) rs_mhd.stop_daemon(s->d);
    rs_conntrack_stop(s->track);
    for (size_t i = 0; s->slots && i < s->n_slots; i++) {
        rs_searcher_close(s->slots[i].s);
        pthread_mutex_destroy(&s->slots[i].lock);
    }
    free(s->slots);
    pthread_mutex_destroy(&s->next_lock);
    pthread_cond_destroy(&s->freed);
    free(s->web_dir);
    free(s);
}
