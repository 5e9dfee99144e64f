/* referat.c — the minutes parser: text into meeting, agenda items, sections, decisions. */
#include "referat.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzer.h"
#include "buf.h"
#include "caseno.h"

#define DEFAULT_MAX_BYTES (64u << 20)

/* ------------------------------------------------------------ names */

const char *rs_outcome_name(RsOutcome o) {
    static const char *const n[] = {"andet", "godkendt", "anbefalet", "orientering givet",
                                    "taget til efterretning", "udsat", "forkastet",
                                    "oversendt", "drøftet"};
    return (unsigned)o < sizeof n / sizeof *n ? n[o] : "andet";
}

const char *rs_case_type_name(RsCaseType t) {
    static const char *const n[] = {"beslutning", "orientering", "drøftelse", "formalia",
                                    "lukket"};
    return (unsigned)t < sizeof n / sizeof *n ? n[t] : "beslutning";
}

static const struct {
    RsSectionKind kind;
    const char *name;     /* canonical (JSON) name */
    const char *headings; /* '|'-separated headings as written (compared case-insensitively) */
} sections[] = {
    {RS_SEC_BODY, "tekst", ""},
    {RS_SEC_RESUME, "resume", "Resumé|Resume"},
    {RS_SEC_SAGSFREMSTILLING, "sagsfremstilling", "Sagsfremstilling|Sagsbeskrivelse"},
    {RS_SEC_BAGGRUND, "baggrund", "Baggrund for sagen|Baggrund"},
    {RS_SEC_BEMAERKNINGER, "bemaerkninger", "Forvaltningens bemærkninger"},
    {RS_SEC_OEKONOMI, "oekonomi", "Økonomi|Økonomiske konsekvenser|Økonomi og finansiering"},
    {RS_SEC_VISION, "vision", "Vision 2025|Vision"},
    {RS_SEC_LOVGRUNDLAG, "lovgrundlag", "Lovgrundlag|Lovgrundlag, planer mv.|Lovgrundlag, planer m.v.|Lovgrundlag og planer"},
    {RS_SEC_KOMPETENCER, "kompetencer", "Kompetencer|Kompetence"},
    {RS_SEC_SAGENS_GANG, "sagens_gang", "Sagens gang"},
    {RS_SEC_INDSTILLING, "indstilling", "Indstilling|Forvaltningen indstiller|Administrationen indstiller|Direktionen indstiller"},
    {RS_SEC_HOERING, "hoering", "Høring/udtalelse|Høring|Udtalelse"},
    {RS_SEC_AFGOERES_AF, "afgoeres_af", "Sagen afgøres af|Sagen afgøres i"},
    {RS_SEC_VURDERING, "vurdering", "Vurdering herunder alternativer|Vurdering"},
    {RS_SEC_KONSEKVENSER, "konsekvenser", "Konsekvenser for andre udvalg"},
    {RS_SEC_PERSONALE, "personale", "Personaleforhold og arbejdsmiljøforhold|Personaleforhold"},
    {RS_SEC_SUPPLERENDE, "supplerende", "Supplerende sagsfremstilling"},
    {RS_SEC_TIDLIGERE, "tidligere_besluttet", "Tidligere besluttet|Tidligere beslutninger"},
    {RS_SEC_HISTORIK, "beslutningshistorik", "Beslutningshistorik"},
    {RS_SEC_BILAG, "bilag", "Bilag"},
    {RS_SEC_BESLUTNING, "beslutning", "Beslutning"},
};

const char *rs_section_name(RsSectionKind k) {
    return (unsigned)k < RS_SEC_COUNT ? sections[k].name : "tekst";
}

static const struct {
    int group;
    const char *name;
} kle_groups[] = {
    {0, "Kommunens styrelse"}, {1, "Fysisk planlægning og naturbeskyttelse"}, {2, "Byggeri"},
    {3, "Boliger"}, {4, "Parker, fritids-/idrætsanlæg og landskabspleje"}, {5, "Veje og trafik"},
    {6, "Spildevand og vandløb"}, {7, "Affald og genanvendelse"}, {8, "Havne og lufthavne"},
    {9, "Miljøbeskyttelse"}, {13, "Forsyning"}, {14, "Beredskab"},
    {15, "Arbejdsmarked og beskæftigelsesindsats"}, {17, "Folkeskoleundervisning"},
    {18, "Folkeoplysning og ungdomsskoler"}, {19, "Kulturhistoriske institutioner"},
    {20, "Kulturvirksomhed"}, {21, "Biblioteker"}, {22, "Regulering af private erhverv"},
    {23, "Borgerlige forhold"}, {24, "Erhvervsforhold"}, {25, "Beskatning"},
    {27, "Social service"}, {28, "Dagtilbud"}, {29, "Sundhed"},
    {30, "Andre myndigheders opgaver"}, {32, "Kontante ydelser"}, {54, "Uddannelse"},
    {81, "Kommunens personale"}, {82, "Kommunens ejendomme og lokaler"},
    {83, "Kommunens driftsmidler og inventar"}, {84, "Offentlige valg"},
    {85, "Kommunens administrative systemer"},
    {86, "Kommunens selvforsyning og fremstillingsvirksomhed"}, {87, "Kommunens arbejdsmiljø"},
    {88, "Kommunens indkøb og udbud"}};

const char *rs_kle_group_name(int group) {
    for (size_t i = 0; i < sizeof kle_groups / sizeof *kle_groups; i++)
        if (kle_groups[i].group == group) return kle_groups[i].name;
    return NULL;
}

/* The 98 Danish municipalities (2007-). */
static const char *const municipalities[] = {
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby",
    "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg",
    "Fredericia", "Frederiksberg", "Frederikshavn", "Frederikssund", "Furesø",
    "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup", "Greve", "Gribskov", "Guldborgsund",
    "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning", "Hillerød",
    "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm",
    "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding", "København",
    "Køge", "Langeland", "Lejre", "Lemvig", "Lolland", "Lyngby-Taarbæk", "Læsø", "Mariagerfjord",
    "Middelfart", "Morsø", "Norddjurs", "Nordfyns", "Nyborg", "Næstved", "Odder", "Odense",
    "Odsherred", "Randers", "Rebild", "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal",
    "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive", "Slagelse", "Solrød", "Sorø",
    "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted", "Tønder", "Tårnby",
    "Vallensbæk", "Varde", "Vejen", "Vejle", "Vesthimmerland", "Viborg", "Vordingborg", "Ærø",
    "Aabenraa", "Aalborg", "Aarhus"};

/* ------------------------------------------------------------ helpers */

typedef struct {
    size_t start, end; /* line without its newline, trailing blanks trimmed */
} Line;

static char *dupn(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int starts_with(const char *s, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && !memcmp(s, prefix, k);
}

/* ASCII case-insensitive prefix match (Danish letters compared exactly). */
static int starts_with_ci(const char *s, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)prefix[i])) return 0;
    return 1;
}

/* Whether s[0..n) contains the NUL-terminated `w`. */
static int contains(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, w, k)) return 1;
    return 0;
}

/* Lower-case ASCII and Latin-1 (Æ Ø Å ...) into out. */
static void lower_into(const char *s, size_t n, RsBuf *out) {
    rs_buf_reset(out);
    if (rs_buf_reserve(out, n) != RS_OK) return;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0x9E) {
            out->data[out->len++] = (char)c;
            c = (unsigned char)(s[++i] + 0x20);
        }
        out->data[out->len++] = (char)c;
    }
    out->data[out->len] = '\0';
}

static const char *const months[] = {"januar", "februar", "marts", "april", "maj", "juni",
                                     "juli", "august", "september", "oktober", "november",
                                     "december"};

/* Write YYYY-MM-DD (a date already validated) into out[11]. */
static void put_iso(char out[11], int y, int m, int d) {
    char t[48];
    snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
    memcpy(out, t, 10);
    out[10] = '\0';
}

static int valid_date(int y, int m, int d) {
    static const int md[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > md[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return 1;
}

/* Find a date in s[0..n): DD-MM-YYYY, DD.MM.YYYY, D/M-YYYY, YYYY-MM-DD, or
 * "D. måned YYYY". Writes ISO into out[11]; returns 1 if found. */
static int find_date(const char *s, size_t n, char out[11]) {
    RsBuf low = {0};
    lower_into(s, n, &low);
    int found = 0;
    for (size_t i = 0; i < low.len && !found; i++) {
        if (!isdigit((unsigned char)low.data[i]) || (i && isdigit((unsigned char)low.data[i - 1])))
            continue;
        const char *p = low.data + i;
        int a, b, c, k = 0;
        char s1, s2;
        char mon[16];
        if (sscanf(p, "%4d-%2d-%2d%n", &a, &b, &c, &k) == 3 && k == 10 && valid_date(a, b, c)) {
            put_iso(out, a, b, c);
            found = 1;
        } else if (sscanf(p, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &c, &k) == 5 &&
                   (s1 == '-' || s1 == '.' || s1 == '/') && (s2 == '-' || s2 == '.' || s2 == '/') &&
                   c >= 1000 && valid_date(c, b, a)) {
            put_iso(out, c, b, a);
            found = 1;
        } else if (sscanf(p, "%2d. %15[a-z] %4d%n", &a, mon, &c, &k) == 3) {
            for (int m = 0; m < 12; m++)
                if (!strcmp(mon, months[m]) && valid_date(c, m + 1, a)) {
                    put_iso(out, c, m + 1, a);
                    found = 1;
                }
        }
    }
    rs_buf_free(&low);
    return found;
}

char *rs_committee_key(const char *name) {
    RsBuf b = {0};
    size_t n = strlen(name);
    /* "& " "og " "- og " → one space; drop the definite ending -et of -udvalget / -rådet. */
    for (size_t i = 0; i < n; i++) {
        if (name[i] == '&' || name[i] == '-' || name[i] == ',') {
            rs_buf_putc(&b, ' ');
            continue;
        }
        if ((i == 0 || name[i - 1] == ' ') && !strncmp(name + i, "og ", 3)) {
            i += 2;
            continue;
        }
        rs_buf_putc(&b, name[i]);
    }
    /* collapse spaces */
    RsBuf c = {0};
    for (size_t i = 0; i < b.len; i++)
        if (!(b.data[i] == ' ' && (c.len == 0 || c.data[c.len - 1] == ' '))) rs_buf_putc(&c, b.data[i]);
    while (c.len && c.data[c.len - 1] == ' ') c.data[--c.len] = '\0';
    rs_buf_free(&b);
    char key[256];
    size_t kl = rs_fold_key(c.data ? c.data : "", c.len, key, sizeof key);
    rs_buf_free(&c);
    if (kl >= 8 && !strcmp(key + kl - 8, "udvalget")) key[kl -= 2] = '\0';
    else if (kl >= 5 && !strcmp(key + kl - 5, "radet")) key[kl -= 2] = '\0';
    return dupn(key, kl);
}

char *rs_committee_display(const char *name) {
    size_t n = strlen(name);
    if (n >= 6 && !strcmp(name + n - 6, "udvalg")) {
        char *p = malloc(n + 3);
        if (p) snprintf(p, n + 3, "%set", name);
        return p;
    }
    return dupn(name, n);
}

RsOutcome rs_outcome_of(const char *text, size_t len) {
    static const struct {
        const char *pat;
        RsOutcome o;
    } pats[] = {
        {"ikke godkend", RS_OUT_FORKASTET}, {"forkast", RS_OUT_FORKASTET},
        {"afvist$", RS_OUT_FORKASTET}, {"afviser", RS_OUT_FORKASTET},
        {"udsat$", RS_OUT_UDSAT}, {"udsættes", RS_OUT_UDSAT}, {"udskudt", RS_OUT_UDSAT},
        {"til efterretning", RS_OUT_TAGET_TIL_EFTERRETNING},
        {"orientering givet", RS_OUT_ORIENTERING_GIVET},
        {"orienteringen givet", RS_OUT_ORIENTERING_GIVET},
        {"orientering blev givet", RS_OUT_ORIENTERING_GIVET},
        {"orienterede", RS_OUT_ORIENTERING_GIVET}, {"til orientering", RS_OUT_ORIENTERING_GIVET},
        {"indstilles til godkendelse", RS_OUT_ANBEFALET}, {"anbefal", RS_OUT_ANBEFALET},
        {"indstilles til byrådet", RS_OUT_ANBEFALET},
        {"oversend", RS_OUT_OVERSENDT},
        {"godkend", RS_OUT_GODKENDT}, {"tiltrådt", RS_OUT_GODKENDT},
        {"tiltræder", RS_OUT_GODKENDT}, {"vedtaget", RS_OUT_GODKENDT},
        {"tilslutter sig", RS_OUT_GODKENDT}, {"besluttede", RS_OUT_GODKENDT},
        {"beslutter", RS_OUT_GODKENDT},
        {"drøft", RS_OUT_DROEFTET},
    };
    RsBuf low = {0};
    lower_into(text, len, &low);
    RsOutcome best = RS_OUT_ANDET;
    /* Sentence by sentence; lines that note absence or votes are skipped;
     * in the first sentence that says an outcome, the earliest phrase wins. */
    const char *p = low.data ? low.data : "";
    while (*p && best == RS_OUT_ANDET) {
        const char *e = p;
        while (*e && *e != '.' && *e != '\n') e++;
        size_t sl = (size_t)(e - p);
        while (sl && *p == ' ') { p++; sl--; }
        int skip = starts_with(p, sl, "fraværende") || starts_with(p, sl, "afbud") ||
                   contains(p, sl, "deltog ikke") || starts_with(p, sl, "for stemte") ||
                   starts_with(p, sl, "imod stemte") || starts_with(p, sl, "undlod");
        if (!skip) {
            size_t first = sl + 1;
            /* A pattern matches at the start of a word; "x$" only as a whole word. */
            for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
                size_t pl = strlen(pats[k].pat);
                int whole = pats[k].pat[pl - 1] == '$';
                if (whole) pl--;
                for (size_t i = 0; i + pl <= sl && i < first; i++) {
                    if (i && isalpha((unsigned char)p[i - 1])) continue;
                    if (memcmp(p + i, pats[k].pat, pl)) continue;
                    if (whole && i + pl < sl && (isalpha((unsigned char)p[i + pl]) ||
                                                 (unsigned char)p[i + pl] >= 0x80))
                        continue;
                    first = i;
                    best = pats[k].o;
                    break;
                }
            }
        }
        p = *e ? e + 1 : e;
    }
    rs_buf_free(&low);
    return best;
}

/* ------------------------------------------------------------ parsing */

typedef struct {
    RsMeeting *m;
    Line *lines;
    size_t n_lines;
    RsError *err;
    RsStatus rc;
} Parser;

#define L_PTR(P, i) ((P)->m->text + (P)->lines[i].start)
#define L_LEN(P, i) ((P)->lines[i].end - (P)->lines[i].start)

static int grow(void **arr, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return 1;
    size_t c = *cap ? *cap * 2 : 8;
    void *p = realloc(*arr, c * elem);
    if (!p) return 0;
    memset((char *)p + *cap * elem, 0, (c - *cap) * elem);
    *arr = p;
    *cap = c;
    return 1;
}

/* Split the text into lines (trailing blanks and tabs trimmed). */
static RsStatus split_lines(Parser *P) {
    size_t cap = 0;
    const char *t = P->m->text;
    size_t n = P->m->text_len, s = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || t[i] == '\n') {
            size_t e = i;
            while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r')) e--;
            size_t b = s;
            while (b < e && (t[b] == ' ' || t[b] == '\t')) b++;
            if (!grow((void **)&P->lines, &cap, P->n_lines, sizeof *P->lines)) return RS_ERR_NOMEM;
            P->lines[P->n_lines++] = (Line){b, e};
            s = i + 1;
        }
    }
    return RS_OK;
}

/* "Punkt N: title" → N and the title's offset; 0 if not an item line. */
static int item_line(const char *s, size_t n, int *num, size_t *title_off) {
    if (!starts_with(s, n, "Punkt ")) return 0;
    size_t i = 6;
    int v = 0, d = 0;
    while (i < n && isdigit((unsigned char)s[i]) && d < 5) v = v * 10 + (s[i++] - '0'), d++;
    if (!d || i >= n || s[i] != ':') return 0;
    i++;
    while (i < n && s[i] == ' ') i++;
    *num = v;
    *title_off = i;
    return 1;
}

static RsSectionKind heading_kind(const char *s, size_t n) {
    for (int k = 1; k < RS_SEC_COUNT; k++) {
        const char *h = sections[k].headings;
        while (*h) {
            const char *bar = strchr(h, '|');
            size_t hl = bar ? (size_t)(bar - h) : strlen(h);
            if (hl == n && !strncasecmp(s, h, n)) return (RsSectionKind)k;
            h += hl + (bar ? 1 : 0);
        }
    }
    /* Decision headings with committee/date: "Beslutning <udvalg> den DD-MM-YYYY",
     * "Beslutning fra <udvalg>, <dato>, pkt. N:", "Beslutning <udvalg> DD.MM.YYYY Punkt N". */
    if (starts_with(s, n, "Beslutning ") && n < 200) {
        char iso[11];
        if (find_date(s, n, iso)) return RS_SEC_BESLUTNING;
    }
    return RS_SEC_BODY;
}

/* The committee named in a decision heading (malloc'd), or NULL. */
static char *decision_committee(const char *s, size_t n) {
    size_t i = strlen("Beslutning ");
    if (n <= i) return NULL;
    if (starts_with(s + i, n - i, "fra ")) i += 4;
    size_t e = i;
    /* up to " den ", ", " or the date */
    while (e < n) {
        if (starts_with(s + e, n - e, " den ") || s[e] == ',' ||
            (s[e] == ' ' && e + 1 < n && isdigit((unsigned char)s[e + 1])))
            break;
        e++;
    }
    while (e > i && s[e - 1] == ' ') e--;
    return e > i ? dupn(s + i, e - i) : NULL;
}

static int is_absence_line(const char *s, size_t n) {
    return starts_with(s, n, "Fraværende") || starts_with(s, n, "Afbud") ||
           contains(s, n, "deltog ikke");
}

static RsStatus add_case(RsItem *it, size_t *cap, const char *s, size_t n) {
    char key[128], key2[128];
    size_t kl = rs_caseno_key(s, n, 0, key, sizeof key);
    for (size_t i = 0; i < it->n_cases; i++) {
        size_t k2 = rs_caseno_key(it->cases[i], strlen(it->cases[i]), 0, key2, sizeof key2);
        if (k2 == kl && !memcmp(key, key2, kl)) return RS_OK;
    }
    if (!grow((void **)&it->cases, cap, it->n_cases, sizeof *it->cases)) return RS_ERR_NOMEM;
    if (!(it->cases[it->n_cases] = dupn(s, n))) return RS_ERR_NOMEM;
    it->n_cases++;
    return RS_OK;
}

/* Case numbers cited in a text: whitespace-separated words (stripped of
 * punctuation around them) that are case numbers in the strict sense. */
static RsStatus cited_cases(RsItem *it, size_t *cap, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) i++;
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != '\n' && s[i] != '\t') i++;
        size_t e = i;
        while (b < e && strchr("(\"'[", s[b])) b++;
        while (e > b && strchr(").,;:\"']", s[e - 1])) e--;
        if (e > b && isdigit((unsigned char)s[e - 1]) && rs_caseno_parse(s + b, e - b, 1, NULL)) {
            RsStatus rc = add_case(it, cap, s + b, e - b);
            if (rc != RS_OK) return rc;
        }
    }
    return RS_OK;
}

static int kle_of(const char *c) {
    RsCaseGroups g;
    if (!rs_caseno_parse(c, strlen(c), 0, &g)) return -1;
    if (g.n == 7 && g.digits[0] && g.len[0] == 2 && g.digits[1] && g.digits[2]) {
        int grp = (c[g.start[0]] - '0') * 10 + (c[g.start[0] + 1] - '0');
        return rs_kle_group_name(grp) ? grp : -1;
    }
    return -1;
}

static RsCaseType case_type(const RsMeeting *m, const RsItem *it) {
    if (it->closed) return RS_TYPE_LUKKET;
    const char *t = it->title;
    size_t n = strlen(t);
    static const char *const formalia[] = {"Godkendelse af dagsorden",
                                           "Godkendelse af forslag til dagsorden",
                                           "Godkendelse af underskriftsblad", "Underskriftsblad",
                                           "Godkendelsesark", "Meddelelser", "Eventuelt"};
    for (size_t i = 0; i < sizeof formalia / sizeof *formalia; i++)
        if (starts_with_ci(t, n, formalia[i])) return RS_TYPE_FORMALIA;
    static const char *const orient[] = {"Orientering", "Status", "Information",
                                         "Åben orientering", "Efterretningsliste",
                                         "Opfølgning på", "Meddelelse"};
    for (size_t i = 0; i < sizeof orient / sizeof *orient; i++)
        if (starts_with_ci(t, n, orient[i])) return RS_TYPE_ORIENTERING;
    static const char *const drof[] = {"Drøftelse", "Tema:", "Temadrøftelse", "Dialogmøde"};
    for (size_t i = 0; i < sizeof drof / sizeof *drof; i++)
        if (starts_with_ci(t, n, drof[i])) return RS_TYPE_DROEFTELSE;
    if (starts_with_ci(t, n, "Godkendelse af")) return RS_TYPE_BESLUTNING;
    /* The verb of the Indstilling. */
    for (size_t i = 0; i < it->n_sections; i++) {
        if (it->sections[i].kind != RS_SEC_INDSTILLING) continue;
        RsBuf low = {0};
        lower_into(m->text + it->sections[i].body.start,
                   it->sections[i].body.end - it->sections[i].body.start, &low);
        const char *s = low.data ? low.data : "";
        RsCaseType ty = RS_TYPE_BESLUTNING;
        int found = 0;
        if (strstr(s, "orienteres") || strstr(s, "til efterretning") || strstr(s, "orienterer") ||
            strstr(s, "orientering"))
            ty = RS_TYPE_ORIENTERING, found = 1;
        else if (strstr(s, "drøfte"))
            ty = RS_TYPE_DROEFTELSE, found = 1;
        else if (strstr(s, "godkend") || strstr(s, "anbefal") || strstr(s, "beslut") ||
                 strstr(s, "byrådet"))
            ty = RS_TYPE_BESLUTNING, found = 1;
        rs_buf_free(&low);
        if (found) return ty;
    }
    return RS_TYPE_BESLUTNING;
}

static void trim_range(const char *t, RsRange *r) {
    while (r->start < r->end && (t[r->start] == '\n' || t[r->start] == ' ')) r->start++;
    while (r->end > r->start && (t[r->end - 1] == '\n' || t[r->end - 1] == ' ')) r->end--;
}

/* Parse one item's lines [from, to): title line at `from`. */
static RsStatus parse_item(Parser *P, RsItem *it, size_t from, size_t to, int num,
                           size_t title_off) {
    RsMeeting *m = P->m;
    it->number = num;
    it->kle_group = -1;
    it->range = (RsRange){P->lines[from].start, to < P->n_lines ? P->lines[to].start : m->text_len};
    const char *t = L_PTR(P, from) + title_off;
    size_t tl = L_LEN(P, from) - title_off;
    if (starts_with(t, tl, "Lukket:") || (tl == 6 && starts_with(t, tl, "Lukket"))) {
        it->closed = 1;
        t += tl >= 7 ? 7 : tl;
        tl -= tl >= 7 ? 7 : tl;
        while (tl && *t == ' ') t++, tl--;
    }
    if (!(it->title = dupn(t, tl))) return RS_ERR_NOMEM;
    size_t i = from + 1, case_cap = 0;
    while (i < to && L_LEN(P, i) == 0) i++;
    /* the case-number line */
    if (i < to && L_LEN(P, i) < 64 && rs_case_key(L_PTR(P, i), L_LEN(P, i), (char[128]){0}, 128)) {
        if (!(it->case_no = dupn(L_PTR(P, i), L_LEN(P, i)))) return RS_ERR_NOMEM;
        RsStatus rc = add_case(it, &case_cap, L_PTR(P, i), L_LEN(P, i));
        if (rc != RS_OK) return rc;
        it->kle_group = kle_of(it->case_no);
        i++;
    }
    if (it->closed) {
        it->body = (RsRange){it->range.end, it->range.end};
        it->type = RS_TYPE_LUKKET;
        return RS_OK; /* a closed item's body is never kept */
    }
    it->body = (RsRange){i < to ? P->lines[i].start : it->range.end, it->range.end};
    size_t sec_cap = 0, dec_cap = 0, att_cap = 0, abs_cap = 0;
    RsSection *cur = NULL;
    RsDecision *dec = NULL;
    for (; i < to; i++) {
        const char *s = L_PTR(P, i);
        size_t n = L_LEN(P, i);
        if (n == 0) continue;
        RsSectionKind k = heading_kind(s, n);
        if (k != RS_SEC_BODY) {
            if (cur) cur->body.end = P->lines[i].start;
            if (!grow((void **)&it->sections, &sec_cap, it->n_sections, sizeof *it->sections))
                return RS_ERR_NOMEM;
            cur = &it->sections[it->n_sections++];
            cur->kind = k;
            cur->heading = (RsRange){P->lines[i].start, P->lines[i].end};
            cur->body = (RsRange){i + 1 < P->n_lines ? P->lines[i + 1].start : m->text_len,
                                  it->range.end};
            dec = NULL;
            if (k == RS_SEC_BESLUTNING) {
                if (!grow((void **)&it->decisions, &dec_cap, it->n_decisions, sizeof *it->decisions))
                    return RS_ERR_NOMEM;
                dec = &it->decisions[it->n_decisions++];
                char *c = decision_committee(s, n);
                if (!c && m->committee) c = strdup(m->committee);
                dec->committee = c;
                if (c && !(dec->committee_key = rs_committee_key(c))) return RS_ERR_NOMEM;
                if (!find_date(s, n, dec->date)) memcpy(dec->date, m->date, sizeof dec->date);
                dec->text = cur->body;
            }
            continue;
        }
        if (!cur) { /* text before any heading */
            if (!grow((void **)&it->sections, &sec_cap, it->n_sections, sizeof *it->sections))
                return RS_ERR_NOMEM;
            cur = &it->sections[it->n_sections++];
            cur->kind = RS_SEC_BODY;
            cur->heading = (RsRange){P->lines[i].start, P->lines[i].start};
            cur->body = (RsRange){P->lines[i].start, it->range.end};
        }
        if (is_absence_line(s, n) && n < 400) {
            if (!grow((void **)&it->absences, &abs_cap, it->n_absences, sizeof *it->absences))
                return RS_ERR_NOMEM;
            it->absences[it->n_absences++] = (RsRange){P->lines[i].start, P->lines[i].end};
        }
        if (cur->kind == RS_SEC_BILAG && n < 300 && !is_absence_line(s, n)) {
            if (!grow((void **)&it->attachments, &att_cap, it->n_attachments, sizeof *it->attachments))
                return RS_ERR_NOMEM;
            it->attachments[it->n_attachments++] = (RsRange){P->lines[i].start, P->lines[i].end};
        }
        if (dec) {
            int kind = starts_with(s, n, "For stemte") ? 'F'
                       : starts_with(s, n, "Imod stemte") ? 'I'
                       : starts_with(s, n, "Undlod") ? 'U' : 0;
            if (kind && dec->n_votes < 3) {
                RsVote *v = &dec->votes[dec->n_votes++];
                v->kind = kind;
                const char *d = s;
                while (d < s + n && !isdigit((unsigned char)*d)) d++;
                v->count = d < s + n ? atoi(d) : 0;
                size_t j = i + 1;
                while (j < to && L_LEN(P, j) == 0) j++;
                v->names = j < to ? (RsRange){P->lines[j].start, P->lines[j].end}
                                  : (RsRange){P->lines[i].end, P->lines[i].end};
            }
        }
    }
    if (cur) cur->body.end = it->range.end;
    for (size_t d = 0; d < it->n_decisions; d++) {
        /* the decision's text ends where its section ends */
        for (size_t s = 0; s < it->n_sections; s++)
            if (it->sections[s].kind == RS_SEC_BESLUTNING &&
                it->sections[s].body.start == it->decisions[d].text.start)
                it->decisions[d].text = it->sections[s].body;
        RsDecision *dd = &it->decisions[d];
        dd->outcome = rs_outcome_of(m->text + dd->text.start, dd->text.end - dd->text.start);
    }
    /* trim blank lines around section bodies and decision texts */
    for (size_t s = 0; s < it->n_sections; s++) trim_range(m->text, &it->sections[s].body);
    for (size_t d = 0; d < it->n_decisions; d++) trim_range(m->text, &it->decisions[d].text);
    RsStatus rc = cited_cases(it, &case_cap, m->text + it->body.start, it->body.end - it->body.start);
    if (rc != RS_OK) return rc;
    it->type = case_type(m, it);
    return RS_OK;
}

static void parse_header(Parser *P, size_t upto) {
    RsMeeting *m = P->m;
    for (size_t i = 0; i < upto; i++) {
        const char *s = L_PTR(P, i);
        size_t n = L_LEN(P, i);
        if (!n) continue;
        int kind = starts_with_ci(s, n, "REFERAT ") ? 1 : starts_with_ci(s, n, "DAGSORDEN ") ? 2 : 0;
        if (kind && !m->committee) {
            strcpy(m->kind, kind == 1 ? "referat" : "dagsorden");
            size_t b = kind == 1 ? 8 : 10, e = b;
            /* committee up to the election period "YYYY - YYYY" / "YYYY-YYYY" or " d. " */
            while (e < n) {
                if (isdigit((unsigned char)s[e]) && e + 4 <= n && isdigit((unsigned char)s[e + 3])) {
                    int y1, y2, k = 0;
                    if (sscanf(s + e, "%4d - %4d%n", &y1, &y2, &k) == 2 ||
                        sscanf(s + e, "%4d-%4d%n", &y1, &y2, &k) == 2) {
                        char t[48];
                        snprintf(t, sizeof t, "%04d-%04d", y1, y2);
                        memcpy(m->period, t, 9);
                        m->period[9] = '\0';
                        break;
                    }
                }
                if (starts_with(s + e, n - e, " d. ") || starts_with(s + e, n - e, " den ")) break;
                e++;
            }
            size_t ce = e;
            while (ce > b && s[ce - 1] == ' ') ce--;
            if (ce > b) m->committee = dupn(s + b, ce - b);
            if (!m->date[0]) find_date(s, n, m->date);
        } else if (starts_with(s, n, "Mødedato")) {
            char iso[11];
            if (find_date(s, n, iso) && !m->date[0]) memcpy(m->date, iso, sizeof iso);
            const char *kl = NULL;
            for (size_t j = 0; j + 3 < n; j++)
                if (!memcmp(s + j, "kl.", 3)) { kl = s + j + 3; break; }
            int hh, mm;
            if (kl && sscanf(kl, " %2d:%2d", &hh, &mm) == 2 && hh < 24 && mm < 60)
            {
                char t[32];
                snprintf(t, sizeof t, "%02d:%02d", hh, mm);
                memcpy(m->time, t, 5);
                m->time[5] = '\0';
            }
        } else if (starts_with(s, n, "Mødested") && !m->place) {
            size_t b = strlen("Mødested");
            while (b < n && s[b] == ' ') b++;
            if (b < n) m->place = dupn(s + b, n - b);
        } else if (starts_with(s, n, "Mødedeltagere") && !m->participants) {
            /* joined lines until a blank line */
            RsBuf all = {0};
            size_t hl = strlen("Mødedeltagere");
            rs_buf_append(&all, s + hl, n - hl);
            for (size_t j = i + 1; j < upto && L_LEN(P, j); j++) {
                rs_buf_putc(&all, ' ');
                rs_buf_append(&all, L_PTR(P, j), L_LEN(P, j));
            }
            size_t cap = 0;
            char *save = NULL;
            for (char *tok = strtok_r(all.data ? all.data : (char[]){0}, ",", &save); tok;
                 tok = strtok_r(NULL, ",", &save)) {
                RsParticipant p = {0};
                RsBuf name = {0};
                for (char *q = tok; *q;) {
                    if (*q == '(') {
                        char *close = strchr(q, ')');
                        if (!close) break;
                        size_t l = (size_t)(close - q - 1);
                        if ((l == 5 && !strncmp(q + 1, "Afbud", 5)) || (l == 7 && !strncmp(q + 1, "Fravær", 7)))
                            p.absent = 1;
                        else if (l < sizeof p.party)
                            memcpy(p.party, q + 1, l), p.party[l] = '\0';
                        q = close + 1;
                    } else {
                        rs_buf_putc(&name, *q++);
                    }
                }
                /* trim and collapse */
                char *nm = name.data ? name.data : (char[]){0};
                while (*nm == ' ') nm++;
                size_t nl = strlen(nm);
                while (nl && nm[nl - 1] == ' ') nl--;
                if (nl && grow((void **)&m->participants, &cap, m->n_participants, sizeof p)) {
                    p.name = dupn(nm, nl);
                    m->participants[m->n_participants++] = p;
                }
                rs_buf_free(&name);
            }
            rs_buf_free(&all);
        }
    }
}

/* The most frequent "<Name> Kommune(s)" naming a known municipality. */
static void infer_municipality(RsMeeting *m) {
    size_t counts[sizeof municipalities / sizeof *municipalities] = {0};
    const char *t = m->text;
    for (size_t i = 0; i + 7 < m->text_len; i++) {
        if (strncasecmp(t + i, "kommune", 7) || i < 2 || t[i - 1] != ' ') continue;
        size_t e = i - 1, b = e;
        while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '\n' && t[b - 1] != '"' && t[b - 1] != '(') b--;
        size_t nl = e - b;
        for (size_t k = 0; k < sizeof municipalities / sizeof *municipalities; k++) {
            size_t ml = strlen(municipalities[k]);
            if ((nl == ml || (nl == ml + 1 && t[b + ml] == 's')) && !strncmp(t + b, municipalities[k], ml))
                counts[k]++;
        }
    }
    size_t best = 0, bi = 0;
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++)
        if (counts[k] > best) best = counts[k], bi = k;
    if (best) m->municipality = strdup(municipalities[bi]);
}

/* The known municipality whose folded key equals that of s[0..n) (so "aarhus", "AARHUS" and
 * "Aarhus" agree, as do "Aeroe" and "Ærø"), or -1. */
static int municipality_by_key(const char *s, size_t n) {
    char key[128], mk[128];
    if (!n || n >= 64) return -1;
    size_t kl = rs_fold_key(s, n, key, sizeof key);
    for (size_t k = 0; kl && k < sizeof municipalities / sizeof *municipalities; k++) {
        size_t ml = rs_fold_key(municipalities[k], strlen(municipalities[k]), mk, sizeof mk);
        if (ml == kl && !memcmp(mk, key, kl)) return (int)k;
    }
    return -1;
}

/* "<Name> Rådhus" or "<Name>s Rådhus" in the meeting place ("Byrådssalen, Odder Rådhus"). */
static int municipality_from_place(const char *place) {
    static const char R[] = " Rådhus";
    for (const char *r = place ? strstr(place, R) : NULL; r; r = strstr(r + 1, R)) {
        const char *b = r;
        while (b > place && b[-1] != ' ' && b[-1] != ',') b--;
        size_t n = (size_t)(r - b);
        int k = municipality_by_key(b, n);
        if (k < 0 && n > 1 && b[n - 1] == 's') k = municipality_by_key(b, n - 1);
        if (k >= 0) return k;
    }
    return -1;
}

/* A directory of the source path named after a municipality, with or without a "kommune"
 * suffix: "referater/Aarhus/...", "odder-kommune/...", "Ærø_Kommune/...". The deepest wins. */
static int municipality_from_path(const char *path) {
    int found = -1;
    for (const char *s = path; s && *s;) {
        const char *e = strchr(s, '/');
        if (!e) break; /* the file name itself is not a directory */
        size_t n = (size_t)(e - s);
        if (n > 8 && (s[n - 8] == '-' || s[n - 8] == '_' || s[n - 8] == ' ') &&
            !strncasecmp(s + n - 7, "kommune", 7))
            n -= 8;
        int k = municipality_by_key(s, n);
        if (k >= 0) found = k;
        s = e + 1;
    }
    return found;
}

/* Check UTF-8 validity and NUL bytes; returns the offset of the first bad byte or len. */
static size_t utf8_bad_offset(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (c == 0 || n == 0 || (n == 2 && c < 0xC2) || i + n > len) return i;
        for (size_t k = 1; k < n; k++)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        if (n == 3 && c == 0xE0 && p[i + 1] < 0xA0) return i;
        if (n == 3 && c == 0xED && p[i + 1] >= 0xA0) return i;
        if (n == 4 && (c > 0xF4 || (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90)))
            return i;
        i += n;
    }
    return len;
}

RsStatus rs_referat_parse(const char *text, size_t len, const char *name,
                          const RsParseOptions *opts, RsMeeting **out, RsError *err) {
    *out = NULL;
    RsParseOptions o = opts ? *opts : (RsParseOptions){0};
    if (!name) name = "(text)";
    size_t max = o.max_bytes ? o.max_bytes : DEFAULT_MAX_BYTES;
    if (len > max)
        return rs_error_set(err, RS_ERR_INPUT, "%s: %zu bytes is over the limit of %zu", name, len, max);
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3;
    size_t bad = utf8_bad_offset(text, len);
    if (bad < len)
        return rs_error_set(err, RS_ERR_INPUT, "%s: not UTF-8 text (%s at byte %zu); is it a binary file?",
                            name, text[bad] ? "invalid byte" : "NUL byte", bad);
    size_t nonblank = 0;
    for (size_t i = 0; i < len; i++) nonblank += !isspace((unsigned char)text[i]);
    if (!nonblank) return rs_error_set(err, RS_ERR_INPUT, "%s: empty file", name);

    RsMeeting *m = calloc(1, sizeof *m);
    if (!m) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    /* Cleaned copy: CRLF / CR → LF, form feeds (page breaks) → LF. */
    if (!(m->text = malloc(len + 1))) { free(m); return rs_error_set(err, RS_ERR_NOMEM, "out of memory"); }
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\r') { if (i + 1 < len && text[i + 1] == '\n') continue; c = '\n'; }
        if (c == '\f') c = '\n';
        m->text[m->text_len++] = c;
    }
    m->text[m->text_len] = '\0';
    strcpy(m->kind, "referat");

    Parser P = {m, NULL, 0, err, RS_OK};
    RsStatus rc = split_lines(&P);
    size_t first_item = P.n_lines;
    for (size_t i = 0; rc == RS_OK && i < P.n_lines; i++) {
        int num;
        size_t off;
        if (item_line(L_PTR(&P, i), L_LEN(&P, i), &num, &off)) { first_item = i; break; }
    }
    if (rc == RS_OK) parse_header(&P, first_item);
    if (rc == RS_OK && m->committee) {
        m->committee_name = rs_committee_display(m->committee);
        m->committee_key = rs_committee_key(m->committee);
        if (!m->committee_name || !m->committee_key) rc = RS_ERR_NOMEM;
    }
    if (o.municipality) {
        m->municipality = strdup(o.municipality);
        m->municipality_given = 1;
    } else {
        /* what the text says; else the town hall the meeting was held in; else the folder */
        infer_municipality(m);
        int k = m->municipality ? -1 : municipality_from_place(m->place);
        if (!m->municipality && k < 0 && name) k = municipality_from_path(name);
        if (k >= 0) m->municipality = strdup(municipalities[k]);
    }
    size_t cap = 0;
    for (size_t i = first_item; rc == RS_OK && i < P.n_lines;) {
        int num;
        size_t off;
        item_line(L_PTR(&P, i), L_LEN(&P, i), &num, &off);
        size_t j = i + 1;
        int n2;
        size_t o2;
        while (j < P.n_lines && !item_line(L_PTR(&P, j), L_LEN(&P, j), &n2, &o2)) j++;
        if (!grow((void **)&m->items, &cap, m->n_items, sizeof *m->items)) { rc = RS_ERR_NOMEM; break; }
        rc = parse_item(&P, &m->items[m->n_items++], i, j, num, off);
        i = j;
    }
    if (rc == RS_OK && m->n_items == 0) {
        if (o.single_item) {
            /* the whole text as one item titled by its first line */
            if (!grow((void **)&m->items, &cap, 0, sizeof *m->items)) rc = RS_ERR_NOMEM;
            else {
                size_t fl = 0;
                while (fl < P.n_lines && !L_LEN(&P, fl)) fl++;
                RsItem *it = &m->items[m->n_items++];
                it->number = 1;
                it->kle_group = -1;
                it->title = dupn(L_PTR(&P, fl), L_LEN(&P, fl) > 200 ? 200 : L_LEN(&P, fl));
                it->range = it->body = (RsRange){0, m->text_len};
                it->sections = calloc(1, sizeof *it->sections);
                if (!it->title || !it->sections) rc = RS_ERR_NOMEM;
                else {
                    it->n_sections = 1;
                    it->sections[0] = (RsSection){RS_SEC_BODY, {0, 0}, {0, m->text_len}};
                    size_t cc = 0;
                    rc = cited_cases(it, &cc, m->text, m->text_len);
                }
            }
        } else {
            free(P.lines);
            rs_meeting_free(m);
            return rs_error_set(err, RS_ERR_INPUT,
                                "%s: no agenda items found (no \"Punkt N:\" lines)", name);
        }
    }
    free(P.lines);
    if (rc != RS_OK) {
        rs_meeting_free(m);
        return rs_error_set(err, rc, "%s: out of memory while parsing", name);
    }
    *out = m;
    return RS_OK;
}

RsStatus rs_referat_parse_bytes(const char *data, size_t len, const char *name,
                                const RsParseOptions *opts, RsMeeting **out, RsError *err) {
    *out = NULL;
    size_t nl = strlen(name);
    int pdf_name = nl > 4 && !strcasecmp(name + nl - 4, ".pdf");
    if (len >= 5 && !memcmp(data, "%PDF-", 5)) {
        char *txt;
        size_t tl;
        RsStatus rc = rs_pdf_text(data, len, name, &txt, &tl, err);
        if (rc != RS_OK) return rc;
        rc = rs_referat_parse(txt, tl, name, opts, out, err);
        free(txt);
        return rc;
    }
    if (pdf_name)
        return rs_error_set(err, RS_ERR_INPUT, "%s: not a PDF file (no %%PDF- header)", name);
    return rs_referat_parse(data, len, name, opts, out, err);
}

RsStatus rs_referat_parse_file(const char *path, const RsParseOptions *opts, RsMeeting **out,
                               RsError *err) {
    *out = NULL;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
    char *data;
    size_t len;
    RsStatus rc = rs_read_file(path, max, &data, &len, err);
    if (rc != RS_OK) return rc;
    rc = rs_referat_parse_bytes(data, len, path, opts, out, err);
    free(data);
    return rc;
}

static void item_free(RsItem *it) {
    free(it->title);
    free(it->case_no);
    for (size_t i = 0; i < it->n_cases; i++) free(it->cases[i]);
    free(it->cases);
    free(it->sections);
    for (size_t i = 0; i < it->n_decisions; i++) {
        free(it->decisions[i].committee);
        free(it->decisions[i].committee_key);
    }
    free(it->decisions);
    free(it->attachments);
    free(it->absences);
}

void rs_meeting_free(RsMeeting *m) {
    if (!m) return;
    for (size_t i = 0; i < m->n_items; i++) item_free(&m->items[i]);
    free(m->items);
    for (size_t i = 0; i < m->n_participants; i++) free(m->participants[i].name);
    free(m->participants);
    free(m->text);
    free(m->municipality);
    free(m->committee);
    free(m->committee_name);
    free(m->committee_key);
    free(m->place);
    free(m);
}

/* ------------------------------------------------------------ JSON */

static json_t *range_str(const RsMeeting *m, RsRange r) {
    return json_stringn(m->text + r.start, r.end - r.start);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

json_t *rs_item_to_json(const RsMeeting *m, const RsItem *it) {
    json_t *j = json_object();
    json_object_set_new(j, "number", json_integer(it->number));
    json_object_set_new(j, "title", json_string(it->title));
    json_object_set_new(j, "closed", json_boolean(it->closed));
    json_object_set_new(j, "case", str_or_null(it->case_no));
    json_t *cases = json_array();
    for (size_t i = 0; i < it->n_cases; i++) json_array_append_new(cases, json_string(it->cases[i]));
    json_object_set_new(j, "cases", cases);
    json_object_set_new(j, "type", json_string(rs_case_type_name(it->type)));
    if (it->kle_group >= 0)
        json_object_set_new(j, "kle", json_pack("{s:i, s:s}", "group", it->kle_group, "name",
                                                rs_kle_group_name(it->kle_group)));
    else
        json_object_set_new(j, "kle", json_null());
    json_t *secs = json_array();
    for (size_t i = 0; i < it->n_sections; i++) {
        const RsSection *s = &it->sections[i];
        json_array_append_new(secs, json_pack("{s:s, s:o, s:o}", "name", rs_section_name(s->kind),
                                              "heading", range_str(m, s->heading), "text",
                                              range_str(m, s->body)));
    }
    json_object_set_new(j, "sections", secs);
    json_t *decs = json_array();
    for (size_t i = 0; i < it->n_decisions; i++) {
        const RsDecision *d = &it->decisions[i];
        json_t *votes = json_array();
        for (size_t v = 0; v < d->n_votes; v++)
            json_array_append_new(votes, json_pack("{s:s, s:i, s:o}", "vote",
                                                   d->votes[v].kind == 'F' ? "for"
                                                   : d->votes[v].kind == 'I' ? "imod" : "undlod",
                                                   "count", d->votes[v].count, "names",
                                                   range_str(m, d->votes[v].names)));
        json_array_append_new(decs, json_pack("{s:o, s:o, s:s, s:o, s:o}", "committee",
                                              str_or_null(d->committee), "date",
                                              d->date[0] ? json_string(d->date) : json_null(),
                                              "outcome", rs_outcome_name(d->outcome), "text",
                                              range_str(m, d->text), "votes", votes));
    }
    json_object_set_new(j, "decisions", decs);
    json_t *att = json_array();
    for (size_t i = 0; i < it->n_attachments; i++) json_array_append_new(att, range_str(m, it->attachments[i]));
    json_object_set_new(j, "attachments", att);
    json_t *abs = json_array();
    for (size_t i = 0; i < it->n_absences; i++) json_array_append_new(abs, range_str(m, it->absences[i]));
    json_object_set_new(j, "absences", abs);
    return j;
}

json_t *rs_meeting_to_json(const RsMeeting *m, const char *source) {
    json_t *j = json_object();
    if (!j) return NULL;
    if (source) json_object_set_new(j, "source", json_string(source));
    json_object_set_new(j, "kind", json_string(m->kind));
    json_object_set_new(j, "municipality", str_or_null(m->municipality));
    json_object_set_new(j, "committee", str_or_null(m->committee_name));
    json_object_set_new(j, "committee_as_written", str_or_null(m->committee));
    json_object_set_new(j, "committee_key", str_or_null(m->committee_key));
    json_object_set_new(j, "period", m->period[0] ? json_string(m->period) : json_null());
    json_object_set_new(j, "date", m->date[0] ? json_string(m->date) : json_null());
    json_object_set_new(j, "time", m->time[0] ? json_string(m->time) : json_null());
    json_object_set_new(j, "place", str_or_null(m->place));
    json_t *ps = json_array();
    for (size_t i = 0; i < m->n_participants; i++)
        json_array_append_new(ps, json_pack("{s:s, s:o, s:b}", "name", m->participants[i].name,
                                            "party", m->participants[i].party[0] ? json_string(m->participants[i].party) : json_null(),
                                            "absent", m->participants[i].absent));
    json_object_set_new(j, "participants", ps);
    json_t *items = json_array();
    for (size_t i = 0; i < m->n_items; i++) json_array_append_new(items, rs_item_to_json(m, &m->items[i]));
    json_object_set_new(j, "items", items);
    return j;
}
