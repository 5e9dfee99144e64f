/* snippet.c — choose the best window of an item's text and mark the matched words. */
#include "snippet.h"
#include "caseno.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void rs_snippet_keys_add(RsBuf *list, const char *s, size_t len) {
    if (!len) return;
    rs_buf_append(list, s, len);
    rs_buf_putc(list, '\0');
}

void rs_snippet_keys_free(RsSnippetKeys *k) {
    rs_buf_free(&k->exact);
    rs_buf_free(&k->stems);
    rs_buf_free(&k->folds);
    rs_buf_free(&k->cases);
}

static int in_list(const RsBuf *list, RsSpan s) {
    if (!s.s || !s.len) return 0;
    for (size_t i = 0; i < list->len;) {
        size_t l = strlen(list->data + i);
        if (l == s.len && !memcmp(list->data + i, s.s, l)) return 1;
        i += l + 1;
    }
    return 0;
}

typedef struct {
    const RsSnippetKeys *k;
    size_t *starts, *ends;
    size_t n, cap;
    size_t base; /* offset of the analysed region in the text */
} Matches;

/* Texts up to this size are analysed whole; longer ones only around the pre-scan's best region. */
#define FULL_SCAN 4096
#define MAX_CANDIDATES 256
/* The work per hit is bounded: the pre-scan looks for at most MAX_SCAN_KEYS keys, and when it
 * finds nothing usable at most FALLBACK_SCAN bytes from the start are analysed (a query of 256
 * prefixes over a 60 MB item analysed all of it, with 256 keys per token: 27 s for one hit). */
#define MAX_SCAN_KEYS 64
#define FALLBACK_SCAN (64u << 10)

/* A copy of text with ASCII and Latin-1 capitals (UTF-8 C3 80..9E) lowered, same length (the
 * parser's rs_fold_char, which keeps every byte offset). */
static char *lower_copy(const char *t, size_t n) {
    char *l = malloc(n ? n : 1);
    if (!l) return NULL;
    for (size_t i = 0, fl; i < n; i += fl) rs_fold_char(t + i, n - i, l + i, &fl);
    return l;
}

/* Offsets (sorted, at most cap) where an exact form or a stem of the query occurs as a
 * substring of the lowered text: a cheap over-approximation of where the analyser will find
 * matches (a stem is a prefix of its word forms and a substring of compounds). Folding keys and
 * case keys are not looked for: when nothing is found, the caller analyses the whole text. */
static size_t candidates(const char *low, size_t n, const RsSnippetKeys *k, size_t *out, size_t cap) {
    size_t c = 0, keys = 0;
    const RsBuf *lists[2] = {&k->exact, &k->stems};
    for (int li = 0; li < 2; li++) {
        for (size_t i = 0; i < lists[li]->len && keys++ < MAX_SCAN_KEYS;) {
            const char *key = lists[li]->data + i;
            size_t kl = strlen(key);
            i += kl + 1;
            if (kl < 2) continue;
            for (const char *p = low; c < cap && (p = memmem(p, n - (size_t)(p - low), key, kl)); p++)
                out[c++] = (size_t)(p - low);
        }
    }
    for (size_t i = 1; i < c; i++) /* insertion sort: c is small */
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            size_t x = out[j];
            out[j] = out[j - 1];
            out[j - 1] = x;
        }
    return c;
}

static int on_tok(void *ctx, const RsToken *t) {
    Matches *m = ctx;
    int hit = in_list(&m->k->exact, t->norm) || in_list(&m->k->stems, t->stem) ||
              in_list(&m->k->folds, t->fold.s ? t->fold : t->stem) ||
              in_list(&m->k->cases, t->case_key);
    if (!hit && t->case_key.len) { /* "24/1629" typed: EMN-24/0001629 in the text */
        char bare[256];
        size_t bl = rs_caseno_key_bare(t->case_key.s, t->case_key.len, bare, sizeof bare);
        hit = bl && in_list(&m->k->cases, (RsSpan){bare, bl});
    }
    for (size_t i = 0; !hit && i < t->n_parts; i++) hit = in_list(&m->k->stems, t->parts[i]);
    if (!hit) return 0;
    /* a sub-token inside an already marked whole is not marked again */
    if (m->n && m->base + t->start < m->ends[m->n - 1]) return 0;
    if (m->n == m->cap) {
        size_t c = m->cap ? m->cap * 2 : 16;
        size_t *s = realloc(m->starts, c * sizeof *s), *e;
        if (!s) return 1;
        m->starts = s;
        e = realloc(m->ends, c * sizeof *e);
        if (!e) return 1;
        m->ends = e;
        m->cap = c;
    }
    m->starts[m->n] = m->base + t->start;
    m->ends[m->n++] = m->base + t->end;
    return 0;
}

/* Append text with each run of newlines and tabs made one space (never two spaces in a row). */
static void put_plain(RsBuf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\t' || c == '\r') {
            if (b->len && b->data[b->len - 1] != ' ') rs_buf_putc(b, ' ');
        } else {
            rs_buf_putc(b, c);
        }
    }
}

/* Move back to a character boundary / forward past a partial word. */
static size_t char_start(const char *s, size_t i) {
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

void rs_snippet_free(RsSnippet *s) {
    if (!s) return;
    free(s->text);
    free(s->marks);
    free(s->attachment);
    memset(s, 0, sizeof *s);
}

/* t[from, to) HTML-escaped onto out. */
static void put_html(RsBuf *out, const char *t, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        char c = t[i];
        if (c == '<') rs_buf_puts(out, "&lt;");
        else if (c == '>') rs_buf_puts(out, "&gt;");
        else if (c == '&') rs_buf_puts(out, "&amp;");
        else if (c == '"') rs_buf_puts(out, "&quot;");
        else rs_buf_putc(out, c);
    }
}

void rs_snippet_html(const RsSnippet *s, RsBuf *out) {
    const char *t = s->text ? s->text : "";
    size_t pos = 0;
    for (size_t i = 0; i < s->n_marks; i++) {
        put_html(out, t, pos, s->marks[i].start);
        rs_buf_puts(out, "<mark>");
        put_html(out, t, s->marks[i].start, s->marks[i].end);
        rs_buf_puts(out, "</mark>");
        pos = s->marks[i].end;
    }
    put_html(out, t, pos, strlen(t));
}

RsStatus rs_snippet_at(RsAnalyzer *a, const char *text, size_t len, const RsSnippetKeys *keys,
                       size_t max_bytes, RsSnippet *out, size_t *at, RsError *err) {
    *at = 0;
    memset(out, 0, sizeof *out);
    Matches m = {keys, NULL, NULL, 0, 0, 0};
    RsStatus rc = RS_OK;
    int done = 0;
    if (len > FULL_SCAN) {
        /* analyse only the region around the densest cluster of pre-scan candidates */
        size_t cand[MAX_CANDIDATES], nc = 0;
        char *low = lower_copy(text, len);
        if (low) nc = candidates(low, len, keys, cand, MAX_CANDIDATES);
        free(low);
        size_t bc = 0, best_n = 0;
        for (size_t i = 0; i < nc; i++) {
            size_t cnt = 0;
            for (size_t j = i; j < nc && cand[j] < cand[i] + max_bytes; j++) cnt++;
            if (cnt > best_n) best_n = cnt, bc = cand[i];
        }
        if (best_n) {
            size_t rs = bc > max_bytes ? bc - max_bytes : 0, re = bc + 2 * max_bytes;
            if (re > len) re = len;
            while (rs > 0 && text[rs - 1] != ' ' && text[rs - 1] != '\n') rs--;
            while (re < len && text[re] != ' ' && text[re] != '\n') re++;
            m.base = rs;
            rc = rs_analyze(a, RS_MODE_DOCUMENT, text + rs, re - rs, 0, on_tok, &m, NULL, err);
            done = rc != RS_OK || m.n > 0; /* no real match there: analyse everything */
        }
    }
    if (!done) {
        m.n = 0;
        m.base = 0;
        size_t scan = len;
        if (scan > FALLBACK_SCAN) { /* at a character boundary */
            scan = FALLBACK_SCAN;
            while (scan > 0 && ((unsigned char)text[scan] & 0xC0) == 0x80) scan--;
        }
        rc = rs_analyze(a, RS_MODE_DOCUMENT, text, scan, 0, on_tok, &m, NULL, err);
    }
    if (rc != RS_OK) {
        free(m.starts);
        free(m.ends);
        return rc;
    }
    /* The window [ws, ws+max) with the most matches, starting at a match. */
    size_t ws = 0, best = 0;
    for (size_t i = 0; i < m.n; i++) {
        size_t cnt = 0;
        for (size_t j = i; j < m.n && m.ends[j] <= m.starts[i] + max_bytes; j++) cnt++;
        if (cnt > best) best = cnt, ws = m.starts[i];
    }
    *at = ws;
    /* Give some context before the first match: back up to a word start. */
    if (best && ws > 0) {
        size_t back = ws > max_bytes / 4 ? ws - max_bytes / 4 : 0;
        back = char_start(text, back);
        while (back < ws && text[back] != ' ' && text[back] != '\n') back++;
        ws = back < ws ? back + 1 : ws;
        if (ws > len) ws = len;
    }
    size_t we = ws + max_bytes < len ? ws + max_bytes : len;
    if (we < len) {
        size_t k = we;
        while (k > ws && text[k] != ' ' && text[k] != '\n') k--;
        if (k > ws) we = k;
        else we = char_start(text, we);
    }
    RsBuf b = {0};
    size_t n_marks = 0;
    RsMark *marks = m.n ? malloc(m.n * sizeof *marks) : NULL;
    if (ws > 0) rs_buf_puts(&b, "… ");
    size_t pos = ws;
    for (size_t i = 0; i < m.n; i++) {
        if (m.starts[i] < ws || m.ends[i] > we) continue;
        put_plain(&b, text + pos, m.starts[i] - pos);
        size_t ms = b.len;
        put_plain(&b, text + m.starts[i], m.ends[i] - m.starts[i]);
        if (marks) marks[n_marks++] = (RsMark){ms, b.len};
        pos = m.ends[i];
    }
    put_plain(&b, text + pos, we - pos);
    if (we < len) rs_buf_puts(&b, " …");
    free(m.starts);
    free(m.ends);
    if ((m.n && !marks) || !(out->text = rs_buf_steal(&b))) {
        rs_buf_free(&b);
        free(marks);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    out->marks = marks;
    out->n_marks = n_marks;
    return RS_OK;
}
