/* bullets.c — items of an agenda printed as unnumbered bullets (bullets.h). */
#include "bullets.h"

#include <stdlib.h>
#include <string.h>

#include "heading.h"
#include "text.h"

#define LN(i) (&L->v[(i)])
#define MIN_ENTRIES 3
#define SEARCH_UP 3 /* the label or agenda line stands within this many solid lines above a list */
#define MAX_WRAP 3  /* lines an entry's title may wrap onto */
#define WRAP_WIDTH 55 /* bytes: a line this long may have been wrapped */

/* The title of a bullet entry at line i: its bytes after the bullet, or 0 when line i is no
 * bullet entry reading as a title. Can't fail. */
static size_t entry_skip(const char *text, const RsLines *L, size_t i) {
    const RsLine *l = LN(i);
    if (l->kind != RS_LK_TEXT && l->kind != RS_LK_HEADING) return 0;
    const char *s = text + l->start;
    size_t n = l->end - l->start, b = rs_bullet_len(s, n);
    if (!b || b >= n) return 0;
    if (!rs_is_upper(s + b, n - b) && !rs_is_digit(s[b])) return 0;
    return rs_reads_as_title(s + b, n - b) ? b : 0;
}

/* Whether line i speaks of the agenda it introduces: "Dagsorden", "Dagsorden:", "… med følgende
 * dagsorden." (a line ending in ':' or '.' with the word in it). Can't fail. */
static int agenda_line(const char *text, const RsLine *l) {
    if (l->kind != RS_LK_TEXT && l->kind != RS_LK_TOC_LABEL) return 0;
    const char *s = text + l->start;
    size_t n = l->end - l->start;
    if (l->kind == RS_LK_TOC_LABEL) return 1;
    static const char w[] = "dagsorden";
    const size_t wl = sizeof w - 1;
    int has = 0;
    for (size_t i = 0; i + wl <= n && !has; i++)
        has = (i == 0 || s[i - 1] == ' ') && rs_ci_prefix(s + i, n - i, w) && rs_word_end(s, n, i + wl);
    return has && (n == wl || s[n - 1] == ':' || s[n - 1] == '.');
}

/* What introduces the bullet list starting at line i: 1 an open/closed label or agenda line,
 * 0 nothing; *closed the label's verdict (-1 not said). Can't fail. */
static int introduced(const char *text, const RsLines *L, size_t i, size_t from, int *closed) {
    *closed = -1;
    size_t j = i;
    for (int k = 0; k < SEARCH_UP && j > from;) {
        const RsLine *l = LN(--j);
        if (l->kind == RS_LK_BLANK || l->kind == RS_LK_CHROME) continue;
        k++;
        if (l->kind == RS_LK_MARKER || l->kind == RS_LK_GROUP) {
            if (l->closed >= 0) *closed = l->closed;
            return 1;
        }
        if (agenda_line(text, l)) return 1;
    }
    return 0;
}

/* Whether line j, right under the entry at line e or its wrapped lines, continues its title:
 * it reads on from it (rs_title_continues), or the line before it is as long as a wrapped line
 * ("• Godkendelse af kommuneplantillæg nr. 3 og lokalplan nr. 87–" / "Familie- og …"). */
static int wraps(const char *text, const RsLines *L, size_t e, size_t j) {
    if (LN(j)->kind != RS_LK_TEXT || rs_bullet_len(text + LN(j)->start, LN(j)->end - LN(j)->start)) return 0;
    if (LN(j - 1)->end - LN(j - 1)->start >= WRAP_WIDTH) return 1;
    const char *s = text + LN(e)->start;
    size_t b = entry_skip(text, L, e);
    return rs_title_continues(s + b, LN(j - 1)->end - LN(e)->start - b, text + LN(j)->start,
                              LN(j)->end - LN(j)->start);
}

RsStatus rs_bullet_spans(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                         size_t *n_out) {
    *out = NULL;
    *n_out = 0;
    for (size_t i = from; i < to; i++)
        if (LN(i)->kind == RS_LK_SECTION || LN(i)->kind == RS_LK_DECISION) return RS_OK;
    RsItemSpan *v = NULL;
    size_t n = 0, cap = 0;
    int started = 0;
    for (size_t i = from; i < to;) {
        if (!entry_skip(text, L, i)) { i++; continue; }
        /* a list: bullet entries with at most one blank line between; an entry's title may
         * wrap onto the lines after it */
        size_t j = i, last = i, count = 0, ent = i;
        while (j < to) {
            if (entry_skip(text, L, j)) ent = last = j, count++, j++;
            else if (j == last + 1 && j <= ent + MAX_WRAP && wraps(text, L, ent, j)) last = j++;
            else if (LN(j)->kind == RS_LK_BLANK && j + 1 < to && j == last + 1) j++;
            else break;
        }
        int closed;
        /* the first list stands under a label or agenda line; a later one under a label */
        if (introduced(text, L, i, from, &closed) && (started ? closed >= 0 : count >= 1)) {
            for (size_t k = i; k <= last; k++) {
                size_t b = entry_skip(text, L, k);
                if (!b) continue;
                RsItemSpan *s = rs_span_add(&v, &n, &cap);
                if (!s) { free(v); return RS_ERR_NOMEM; }
                s->head = s->title_line = s->first = k;
                /* the lines the walk above took as its title's wrap: text right under it */
                while (k + 1 + s->title_more <= last && LN(k + 1 + s->title_more)->kind == RS_LK_TEXT &&
                       !entry_skip(text, L, k + 1 + s->title_more))
                    s->title_more++;
                s->body = s->end = k + 1 + s->title_more;
                s->closed = closed;
                s->page_title = 1;
                s->title_skip = b;
            }
            started = 1;
        }
        i = last + 1;
    }
    if (n < MIN_ENTRIES) { free(v); return RS_OK; }
    *out = v;
    *n_out = n;
    return RS_OK;
}
