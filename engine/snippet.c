/* snippet.c — choose the best window of an item's text and mark the matched words. */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

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
} Matches;

static int on_tok(void *ctx, const RsToken *t) {
    Matches *m = ctx;
    int hit = in_list(&m->k->exact, t->norm) || in_list(&m->k->stems, t->stem) ||
              in_list(&m->k->folds, t->fold.s ? t->fold : t->stem) ||
              in_list(&m->k->cases, t->case_key);
    for (size_t i = 0; !hit && i < t->n_parts; i++) hit = in_list(&m->k->stems, t->parts[i]);
    if (!hit) return 0;
    /* a sub-token inside an already marked whole is not marked again */
    if (m->n && t->start < m->ends[m->n - 1]) return 0;
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
    m->starts[m->n] = t->start;
    m->ends[m->n++] = t->end;
    return 0;
}

static void put_escaped(RsBuf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '<') rs_buf_puts(b, "&lt;");
        else if (c == '>') rs_buf_puts(b, "&gt;");
        else if (c == '&') rs_buf_puts(b, "&amp;");
        else if (c == '"') rs_buf_puts(b, "&quot;");
        else if (c == '\n' || c == '\t' || c == '\r') {
            if (b->len && b->data[b->len - 1] != ' ') rs_buf_putc(b, ' ');
        } else rs_buf_putc(b, c);
    }
}

/* Move back to a character boundary / forward past a partial word. */
static size_t char_start(const char *s, size_t i) {
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

RsStatus rs_snippet(RsAnalyzer *a, const char *text, size_t len, const RsSnippetKeys *keys,
                    size_t max_bytes, char **out, RsError *err) {
    *out = NULL;
    Matches m = {keys, NULL, NULL, 0, 0};
    RsStatus rc = rs_analyze(a, RS_MODE_DOCUMENT, text, len, 0, on_tok, &m, NULL, err);
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
    if (ws > 0) rs_buf_puts(&b, "… ");
    size_t pos = ws;
    for (size_t i = 0; i < m.n; i++) {
        if (m.starts[i] < ws || m.ends[i] > we) continue;
        put_escaped(&b, text + pos, m.starts[i] - pos);
        rs_buf_puts(&b, "<mark>");
        put_escaped(&b, text + m.starts[i], m.ends[i] - m.starts[i]);
        rs_buf_puts(&b, "</mark>");
        pos = m.ends[i];
    }
    put_escaped(&b, text + pos, we - pos);
    if (we < len) rs_buf_puts(&b, " …");
    free(m.starts);
    free(m.ends);
    *out = rs_buf_steal(&b);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}
