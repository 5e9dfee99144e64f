/* lemmagen.c — build tool (not in the library): the Danish lemma table from hunspell-da.
 *
 * Reads `hunspell -d da_DK -s` output ("form lemma" per line; forms hunspell does not know
 * are echoed alone) and writes "form<TAB>lemma" for each form whose Snowball stem differs from
 * every lemma's it has but one: the syncopated and irregular forms Snowball cannot join to their
 * lemma (centret → center, reglerne → regel, midlerne → middel), plus the irregular plurals
 * hunspell-da does not derive (børn → barn, mænd → mand, bøger → bog, …). The table is sorted
 * and deterministic. A form that is a lemma itself keeps its own stem, except a syncopated noun
 * plural (centre → center, beside the verb "centre"). Usage: hunspell -d da_DK -s < /usr/share/dict/danish | lemmagen > da-lemmas.txt */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Irregular Danish nouns: every form → lemma (hunspell-da gives the plural itself as lemma). */
static const char *const irregular[][2] = {
    {"børn", "barn"},       {"børnene", "barn"},     {"børns", "barn"},       {"børnenes", "barn"},
    {"bøger", "bog"},       {"bøgerne", "bog"},      {"bøgernes", "bog"},     {"mænd", "mand"},
    {"mændene", "mand"},    {"mænds", "mand"},       {"mændenes", "mand"},    {"fødder", "fod"},
    {"fødderne", "fod"},    {"gæs", "gås"},          {"gæssene", "gås"},      {"hænder", "hånd"},
    {"hænderne", "hånd"},   {"nætter", "nat"},       {"nætterne", "nat"},     {"stæder", "stad"},
    {"tænder", "tand"},     {"tænderne", "tand"},    {"bønder", "bonde"},     {"bønderne", "bonde"},
    {"døtre", "datter"},    {"døtrene", "datter"},   {"mødre", "moder"},      {"mødrene", "moder"},
    {"fædre", "fader"},     {"fædrene", "fader"},    {"brødre", "broder"},    {"brødrene", "broder"},
    {"søstre", "søster"},   {"søstrene", "søster"},  {"køer", "ko"},          {"køerne", "ko"},
    {"tæer", "tå"},         {"tæerne", "tå"},        {"ænder", "and"},        {"ænderne", "and"},
    {"rødder", "rod"},      {"rødderne", "rod"},     {"kvæg", "kvæg"},        {"øjne", "øje"},
    {"øjnene", "øje"},      {"ører", "øre"},         {"børnehaver", "børnehave"}};

typedef struct {
    char *form, *lemma;
} Pair;

static int cmp_pair(const void *a, const void *b) {
    const Pair *x = a, *y = b;
    int c = strcmp(x->form, y->form);
    return c ? c : strcmp(x->lemma, y->lemma);
}

static char *stem_of(struct sb_stemmer *sb, const char *w) {
    const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)strlen(w));
    return s ? strndup((const char *)s, (size_t)sb_stemmer_length(sb)) : NULL;
}

static int lower_word(const char *w) {
    for (const unsigned char *p = (const unsigned char *)w; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || *p == ' ' || *p == '\t') return 0;
    return *w != 0;
}

/* hunspell-da gives a compound's last part as its lemma (institutstøtte → støtte): put the
 * compound's first parts back (→ institutstøtte) so the pair says what it means. *l is replaced
 * (malloc'd) when it changes. */
static void whole_lemma(const char *form, char **l) {
    size_t fl = strlen(form), ll = strlen(*l), m = ll < 4 ? ll : 4;
    if (!strncmp(form, *l, m < 3 ? m : 3)) return; /* shares the start: a lemma of the whole */
    for (size_t p = fl > m ? fl - m : 0; p > 0; p--) {
        if (strncmp(form + p, *l, m)) continue;
        if (p < 4) { /* "ar|bejdse" for arbejds: no real compound; the lemma is dropped */
            (*l)[0] = '\0';
            return;
        }
        char *w = malloc(p + ll + 1);
        if (!w) return;
        memcpy(w, form, p);
        memcpy(w + p, *l, ll + 1);
        free(*l);
        *l = w;
        return;
    }
}

/* A form that is a lemma itself but also the syncopated plural of a noun among its lemmas
 * (centre: the verb "centre", and the plural of center; also filtre, mønstre, skuldre): the noun
 * wins, as in council minutes ("jobcentre" are job centres). Only X+"re" beside X+"er". */
static int syncope_plural(const char *form, char *const *lemmas, size_t nl) {
    size_t n = strlen(form);
    if (n < 5 || strcmp(form + n - 2, "re")) return 0;
    for (size_t i = 0; i < nl; i++)
        if (strlen(lemmas[i]) == n && !strncmp(lemmas[i], form, n - 2) && !strcmp(lemmas[i] + n - 2, "er"))
            return 1;
    return 0;
}

int main(void) {
    struct sb_stemmer *sb = sb_stemmer_new("danish", "UTF_8");
    if (!sb) return 1;
    Pair *v = NULL;
    size_t n = 0, cap = 0;
    char line[512], form[256] = "";
    char *lemmas[16];
    size_t nl = 0;
    int done = 0, self = 0; /* self: hunspell gave the form as its own lemma too */
    while (!done) {
        int more = fgets(line, sizeof line, stdin) != NULL;
        char a[256] = "", b[256] = "";
        int k = more ? sscanf(line, "%255s %255s", a, b) : 0;
        /* a new form (or the end): decide about the previous one */
        if (!more || (k >= 1 && strcmp(a, form))) {
            char *fs = form[0] ? stem_of(sb, form) : NULL;
            char *pick = NULL;
            /* a form that is a lemma itself ("ved": the preposition, and a form of "vide") keeps
             * its own stem: only forms that are nothing but another word's form are joined */
            if (self && !syncope_plural(form, lemmas, nl)) {
                free(fs);
                fs = NULL;
            }
            for (size_t i = 0; fs && i < nl; i++) {
                whole_lemma(form, &lemmas[i]);
                if (!lemmas[i][0]) continue;
                char *ls = stem_of(sb, lemmas[i]);
                if (ls && strcmp(ls, fs) && !pick) pick = lemmas[i]; /* Snowball does not join them */
                free(ls);
            }
            if (fs && pick && lower_word(form) && lower_word(pick)) {
                if (n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 4096) * sizeof *v))) return 1;
                v[n].form = strdup(form);
                v[n++].lemma = strdup(pick);
            }
            free(fs);
            for (size_t i = 0; i < nl; i++) free(lemmas[i]);
            nl = 0;
            self = 0;
            snprintf(form, sizeof form, "%s", a);
        }
        if (!more) done = 1;
        else if (k == 2 && !strcmp(a, b)) self = 1;
        else if (k == 2 && nl < 16) lemmas[nl++] = strdup(b);
    }
    for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++) {
        if (n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 4096) * sizeof *v))) return 1;
        v[n].form = strdup(irregular[i][0]);
        v[n++].lemma = strdup(irregular[i][1]);
    }
    qsort(v, n, sizeof *v, cmp_pair);
    /* an irregular plural also ends compounds (formænd, skolebørn): marked "\t*" for lemma.c */
    for (size_t i = 0; i < n; i++) {
        if (i && !strcmp(v[i].form, v[i - 1].form)) continue;
        int irr = 0;
        for (size_t k = 0; k < sizeof irregular / sizeof *irregular && !irr; k++)
            irr = !strcmp(irregular[k][0], v[i].form) && !strcmp(irregular[k][1], v[i].lemma);
        printf("%s\t%s%s\n", v[i].form, v[i].lemma, irr ? "\t*" : "");
    }
    sb_stemmer_delete(sb);
    return 0;
}
