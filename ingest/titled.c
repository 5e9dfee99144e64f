/* titled.c — items of a page headed by unnumbered title lines over section labels (titled.h). */
#include "titled.h"

#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "text.h"

#define LN(i) (&L->v[(i)])
#define MAX_TITLE 150 /* bytes */
#define LABEL_REACH 4 /* the label stands within this many lines under the title */

/* Whether line i reads as an item's title (titled.h). Can't fail. */
static int title_line(const char *text, const RsLines *L, size_t i) {
    const RsLine *l = LN(i);
    const char *s = text + l->start;
    size_t n = l->end - l->start;
    if (l->kind != RS_LK_TEXT || n < 3 || n > MAX_TITLE || !rs_is_upper(s, n)) return 0;
    if (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ',' || !rs_reads_as_title(s, n)) return 0;
    if (rs_ci_prefix(s, n, "Bilag")) return 0;
    static const char *const files[] = {".pdf", ".doc", ".xls", ".ppt"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++)
        if (rs_ci_find(s, n, files[k]) < n) return 0;
    return 1;
}

/* The label line under the title at line i: a section or decision label alone on its line, after
 * at least one blank line; else `to`. Can't fail. */
static size_t label_under(const char *text, const RsLines *L, size_t i, size_t to) {
    (void)text;
    size_t j = i + 1;
    while (j < to && j <= i + LABEL_REACH && (LN(j)->kind == RS_LK_BLANK || LN(j)->kind == RS_LK_CHROME)) j++;
    if (j >= to || j > i + LABEL_REACH || j == i + 1) return to;
    const RsLine *l = LN(j);
    if (l->kind != RS_LK_SECTION && l->kind != RS_LK_DECISION) return to;
    return l->text_off >= l->end - l->start ? j : to;
}

RsStatus rs_titled_spans(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                         size_t *n_out) {
    *out = NULL;
    *n_out = 0;
    RsItemSpan *v = NULL;
    size_t n = 0, cap = 0;
    int kind = -1, sec = -1;
    for (size_t i = from; i < to; i++) {
        if (!title_line(text, L, i)) continue;
        size_t j = label_under(text, L, i, to);
        if (j >= to) continue;
        if (kind < 0) kind = LN(j)->kind, sec = LN(j)->sec;
        else if (LN(j)->kind != kind || LN(j)->sec != sec) continue; /* printed alike, or none */
        RsItemSpan *s = rs_span_add(&v, &n, &cap);
        if (!s) { free(v); return RS_ERR_NOMEM; }
        s->head = s->title_line = s->first = i;
        s->body = i + 1;
        s->end = to;
        s->closed = -1;
        s->page_title = 1;
        if (n > 1) v[n - 2].end = i;
        i = j;
    }
    if (n < 2) { free(v); return RS_OK; }
    *out = v;
    *n_out = n;
    return RS_OK;
}
