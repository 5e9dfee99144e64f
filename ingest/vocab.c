/* vocab.c — the Danish vocabularies of council minutes (see vocab.h), one table each. */
#include "vocab.h"

#include <pthread.h>
#include <string.h>

#include "text.h"

/* The first letter of s lower-cased, for cheap table filters: ASCII letters as themselves,
 * Æ/æ 'a'+1 ('b' is never a first letter here… so 0xE6), Ø/ø 0xF8, Å/å 0xE5; other bytes 0. */
static unsigned first_key(const char *s, size_t n) {
    if (!n) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (unsigned)(c | 0x20) : c;
    if (c == 0xC3 && n >= 2) return (unsigned char)s[1] | 0x20 | 0xC0; /* 0xE5 å, 0xE6 æ, 0xF8 ø … */
    return 0;
}

/* Whether the first letter of s is one of `keys` (ASCII letters, lower case) or, for non-ASCII
 * letters, `latin` says non-ASCII first letters may occur. */
static int first_in(const char *s, size_t n, const char *keys, int latin) {
    unsigned k = first_key(s, n);
    if (k >= 0xC0) return latin;
    return k && k < 0x80 && strchr(keys, (int)k) != NULL;
}

/* ------------------------------------------------------------ section headings */

/* Headings as written, per kind (compared case-insensitively against the whole label). The
 * kinds are the record's (referat.h); rs_section_name gives their JSON names. */
#define H(k, w) {k, w, sizeof w - 1}
static const struct {
    RsSectionKind kind;
    const char *heading;
    size_t len;
} section_headings[] = {
    H(RS_SEC_RESUME, "Resumé"), H(RS_SEC_RESUME, "Resume"), H(RS_SEC_RESUME, "Sagsresumé"),
    H(RS_SEC_RESUME, "Sagsresume"), H(RS_SEC_RESUME, "Kort resumé"), H(RS_SEC_RESUME, "Resumé af sagen"),
    H(RS_SEC_RESUME, "Sammenfatning"), H(RS_SEC_RESUME, "Sagens kerne"), H(RS_SEC_RESUME, "Kort fortalt"),
    H(RS_SEC_RESUME, "Beslutningstema"), H(RS_SEC_RESUME, "Præsentation"), H(RS_SEC_RESUME, "Formål"),
    H(RS_SEC_RESUME, "Hvad skal besluttes"), H(RS_SEC_RESUME, "Hvad sagen drejer sig om"),
    H(RS_SEC_SAGSFREMSTILLING, "Sagsfremstilling"), H(RS_SEC_SAGSFREMSTILLING, "Sagsbeskrivelse"),
    H(RS_SEC_SAGSFREMSTILLING, "Beskrivelse af sagen"), H(RS_SEC_SAGSFREMSTILLING, "Sagens indhold"),
    H(RS_SEC_SAGSFREMSTILLING, "Sagsfremstilling og vurdering"), H(RS_SEC_SAGSFREMSTILLING, "Redegørelse"),
    H(RS_SEC_SAGSFREMSTILLING, "Beskrivelse"), H(RS_SEC_SAGSFREMSTILLING, "Sagens beskrivelse"),
    H(RS_SEC_SAGSFREMSTILLING, "Sagen"), H(RS_SEC_SAGSFREMSTILLING, "Fremstilling"),
    H(RS_SEC_BAGGRUND, "Baggrund for sagen"), H(RS_SEC_BAGGRUND, "Baggrund"),
    H(RS_SEC_BAGGRUND, "Problemstilling"), H(RS_SEC_BAGGRUND, "Anledning"),
    H(RS_SEC_BAGGRUND, "Indledning"), H(RS_SEC_BAGGRUND, "Sagens baggrund"),
    H(RS_SEC_BEMAERKNINGER, "Forvaltningens bemærkninger"),
    H(RS_SEC_BEMAERKNINGER, "Administrationens bemærkninger"),
    H(RS_SEC_OEKONOMI, "Økonomi"), H(RS_SEC_OEKONOMI, "Økonomiske konsekvenser"),
    H(RS_SEC_OEKONOMI, "Økonomi og finansiering"), H(RS_SEC_OEKONOMI, "Økonomisk vurdering"),
    H(RS_SEC_OEKONOMI, "Økonomiske forhold"), H(RS_SEC_OEKONOMI, "Bevillingsmæssige konsekvenser"),
    H(RS_SEC_OEKONOMI, "Finansiering"), H(RS_SEC_OEKONOMI, "Økonomi og effekt"),
    H(RS_SEC_VISION, "Vision 2025"), H(RS_SEC_VISION, "Vision"),
    H(RS_SEC_LOVGRUNDLAG, "Lovgrundlag"), H(RS_SEC_LOVGRUNDLAG, "Lovgrundlag, planer mv."),
    H(RS_SEC_LOVGRUNDLAG, "Lovgrundlag, planer m.v."), H(RS_SEC_LOVGRUNDLAG, "Lovgrundlag og planer"),
    H(RS_SEC_LOVGRUNDLAG, "Lovgrundlag og juridisk vurdering"), H(RS_SEC_LOVGRUNDLAG, "Juridisk vurdering"),
    H(RS_SEC_LOVGRUNDLAG, "Retsregler og andre forskrifter"), H(RS_SEC_LOVGRUNDLAG, "Retsgrundlag"),
    H(RS_SEC_LOVGRUNDLAG, "Lovgivning"), H(RS_SEC_LOVGRUNDLAG, "Hjemmel"), H(RS_SEC_LOVGRUNDLAG, "Lovhjemmel"),
    H(RS_SEC_KOMPETENCER, "Kompetencer"), H(RS_SEC_KOMPETENCER, "Kompetence"),
    H(RS_SEC_KOMPETENCER, "Beslutningskompetence"), H(RS_SEC_KOMPETENCER, "Kompetenceplacering"),
    H(RS_SEC_KOMPETENCER, "Kompetenceudvalg"), H(RS_SEC_KOMPETENCER, "Hvem beslutter"),
    H(RS_SEC_KOMPETENCER, "Beslutningsniveau"),
    H(RS_SEC_SAGENS_GANG, "Sagens gang"), H(RS_SEC_SAGENS_GANG, "Forventet sagsgang"),
    H(RS_SEC_SAGENS_GANG, "Sagsgang"), H(RS_SEC_SAGENS_GANG, "Sagsgang og sagstype"),
    H(RS_SEC_SAGENS_GANG, "Videre proces"), H(RS_SEC_SAGENS_GANG, "Den videre proces"),
    H(RS_SEC_SAGENS_GANG, "Tidsplan"), H(RS_SEC_SAGENS_GANG, "Proces"),
    H(RS_SEC_INDSTILLING, "Indstilling"), H(RS_SEC_INDSTILLING, "Indstillinger"),
    H(RS_SEC_INDSTILLING, "Forvaltningen indstiller"), H(RS_SEC_INDSTILLING, "Administrationen indstiller"),
    H(RS_SEC_INDSTILLING, "Direktionen indstiller"), H(RS_SEC_INDSTILLING, "Administrativ indstilling"),
    H(RS_SEC_INDSTILLING, "Forvaltningens indstilling"), H(RS_SEC_INDSTILLING, "Administrationens indstilling"),
    H(RS_SEC_INDSTILLING, "Indstilling og beslutning"), H(RS_SEC_INDSTILLING, "Forslag til beslutning"),
    H(RS_SEC_INDSTILLING, "Forvaltningen foreslår"), H(RS_SEC_INDSTILLING, "Administrationen foreslår"),
    H(RS_SEC_INDSTILLING, "Direktørens indstilling"), H(RS_SEC_INDSTILLING, "Indstilling fra forvaltningen"),
    H(RS_SEC_INDSTILLING, "Indstilling fra administrationen"), H(RS_SEC_INDSTILLING, "Forslag"),
    H(RS_SEC_INDSTILLING, "Anbefaling"), /* Dragør: "ANBEFALING: Det indstilles, at …" */
    H(RS_SEC_HOERING, "Høring/udtalelse"), H(RS_SEC_HOERING, "Høring"), H(RS_SEC_HOERING, "Udtalelse"),
    H(RS_SEC_HOERING, "Høringssvar"), H(RS_SEC_HOERING, "Borgerinddragelse"),
    H(RS_SEC_HOERING, "Inddragelse"), H(RS_SEC_HOERING, "Høring og inddragelse"),
    H(RS_SEC_AFGOERES_AF, "Sagen afgøres af"), H(RS_SEC_AFGOERES_AF, "Sagen afgøres i"),
    H(RS_SEC_VURDERING, "Vurdering herunder alternativer"), H(RS_SEC_VURDERING, "Vurdering"),
    H(RS_SEC_VURDERING, "Administrationens vurdering"), H(RS_SEC_VURDERING, "Forvaltningens vurdering"),
    H(RS_SEC_VURDERING, "Løsning"), H(RS_SEC_VURDERING, "Alternativer"), H(RS_SEC_VURDERING, "Overvejelser"),
    H(RS_SEC_KONSEKVENSER, "Konsekvenser for andre udvalg"), H(RS_SEC_KONSEKVENSER, "Konsekvenser"),
    H(RS_SEC_KONSEKVENSER, "Effektvurdering"), H(RS_SEC_KONSEKVENSER, "Effekt"),
    H(RS_SEC_KONSEKVENSER, "Miljømæssige konsekvenser"), H(RS_SEC_KONSEKVENSER, "Bæredygtighed"),
    H(RS_SEC_KONSEKVENSER, "Klima og bæredygtighed"), H(RS_SEC_KONSEKVENSER, "Kommunikation"),
    H(RS_SEC_KONSEKVENSER, "Risikovurdering"), H(RS_SEC_KONSEKVENSER, "Sammenhæng med politikker"),
    H(RS_SEC_KONSEKVENSER, "Politikker og strategier"), H(RS_SEC_KONSEKVENSER, "Målsætning"),
    H(RS_SEC_PERSONALE, "Personaleforhold og arbejdsmiljøforhold"), H(RS_SEC_PERSONALE, "Personaleforhold"),
    H(RS_SEC_PERSONALE, "Personale"), H(RS_SEC_PERSONALE, "Personalemæssige konsekvenser"),
    H(RS_SEC_SUPPLERENDE, "Supplerende sagsfremstilling"), H(RS_SEC_SUPPLERENDE, "Supplerende oplysninger"),
    H(RS_SEC_SUPPLERENDE, "Tillægsoplysninger"), H(RS_SEC_SUPPLERENDE, "Supplerende bemærkninger"),
    H(RS_SEC_TIDLIGERE, "Tidligere besluttet"), H(RS_SEC_TIDLIGERE, "Tidligere beslutninger"),
    H(RS_SEC_TIDLIGERE, "Tidligere behandling"), H(RS_SEC_TIDLIGERE, "Tidligere politiske beslutninger"),
    H(RS_SEC_HISTORIK, "Beslutningshistorik"), H(RS_SEC_HISTORIK, "Sagsforløb"),
    H(RS_SEC_HISTORIK, "Sagens forløb"), H(RS_SEC_HISTORIK, "Historik"), H(RS_SEC_HISTORIK, "Sagens historik"),
    H(RS_SEC_HISTORIK, "Behandlingsforløb"),
    H(RS_SEC_BILAG, "Bilag"), H(RS_SEC_BILAG, "Bilagsliste"), H(RS_SEC_BILAG, "Bilag Funktioner"),
    H(RS_SEC_BILAG, "Vedlagte bilag"), H(RS_SEC_BILAG, "Bilagsfortegnelse"),
    H(RS_SEC_BESLUTNING, "Beslutning"), H(RS_SEC_BESLUTNING, "Beslutninger"),
    H(RS_SEC_BESLUTNING, "Afgørelse"), H(RS_SEC_BESLUTNING, "Protokol"),
    H(RS_SEC_BESLUTNING, "Vedtagelse"), /* "Vedtagelse:" (not "Vedtagelse af …": a title) */
};
#undef H


/* The headings grouped by their first byte (folded), made once: a lookup scans only the
 * headings that can match. */
#define N_SECTIONS (sizeof section_headings / sizeof *section_headings)
static unsigned short by_first[256][24];
static unsigned char n_by_first[256];
static pthread_once_t by_first_once = PTHREAD_ONCE_INIT;

/* The byte a heading or a line is grouped by: an ASCII letter lower-cased, or the second byte
 * of a two-byte Latin-1 letter lower-cased (Æ Ø Å …). */
static unsigned char group_byte(const char *s, size_t n) {
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) return (unsigned char)((c >= 'A' && c <= 'Z') ? c | 0x20 : c);
    if (c == 0xC3 && n >= 2) {
        unsigned char d = (unsigned char)s[1];
        return (unsigned char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
    }
    return c;
}

static void index_sections(void) {
    for (size_t k = 0; k < N_SECTIONS; k++) {
        unsigned char g = group_byte(section_headings[k].heading, section_headings[k].len);
        if (n_by_first[g] < 24) by_first[g][n_by_first[g]++] = (unsigned short)k;
    }
}

int rs_vocab_section(const char *s, size_t n, RsSectionKind *kind, size_t *text_off) {
    if (n < 4 || !rs_is_upper(s, n)) return 0;
    /* a heading is a short line, or a short label and ':' */
    if (n > 60 && !memchr(s, ':', 60)) return 0;
    size_t best = 0;
    RsSectionKind bk = RS_SEC_BODY;
    pthread_once(&by_first_once, index_sections);
    unsigned char g = group_byte(s, n);
    for (size_t q = 0; q < n_by_first[g]; q++) {
        size_t k = by_first[g][q];
        const char *h = section_headings[k].heading;
        size_t hl = section_headings[k].len;
        if (hl > n) continue;
        if (hl > n || hl <= best || !rs_ci_prefix(s, n, h)) continue;
        /* the label must end where the heading ends: end of line, ':' or '.' + text */
        if (hl < n && s[hl] != ':' && !(s[hl] == ' ' && hl + 1 < n && s[hl + 1] == ':')) continue;
        best = hl;
        bk = section_headings[k].kind;
    }
    if (!best) return 0;
    size_t i = best;
    if (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == ':') i++;
    i = rs_skip_blanks(s, i, n);
    *kind = bk;
    *text_off = i;
    return 1;
}

size_t rs_vocab_section_word(const char *s, size_t n, RsSectionKind *kind) {
    if (n < 4 || !rs_is_upper(s, n)) return 0;
    size_t best = 0;
    pthread_once(&by_first_once, index_sections);
    unsigned char g = group_byte(s, n);
    for (size_t q = 0; q < n_by_first[g]; q++) {
        size_t k = by_first[g][q];
        const char *h = section_headings[k].heading;
        size_t hl = section_headings[k].len;
        if (hl > n) continue;
        if (hl > n || hl <= best || !rs_ci_prefix(s, n, h)) continue;
        if (hl < n && s[hl] != ':' && s[hl] != ' ') continue;
        best = hl;
        *kind = section_headings[k].kind;
    }
    return best;
}

/* ------------------------------------------------------------ months */

#define M(w, m) {w, m, sizeof w - 1}
static const struct {
    const char *name;
    int month;
    size_t len;
} month_names[] = {
    M("januar", 1), M("january", 1), M("februar", 2), M("february", 2), M("marts", 3), M("march", 3),
    M("april", 4), M("maj", 5), M("may", 5), M("juni", 6), M("june", 6), M("juli", 7), M("july", 7),
    M("august", 8), M("september", 9), M("oktober", 10), M("october", 10), M("november", 11),
    M("december", 12), M("jan", 1), M("feb", 2), M("mar", 3), M("apr", 4), M("jun", 6), M("jul", 7),
    M("aug", 8), M("sept", 9), M("sep", 9), M("okt", 10), M("oct", 10), M("nov", 11), M("dec", 12),
};
#undef M


int rs_vocab_month(const char *s, size_t n, size_t *len) {
    if (!n || (unsigned char)s[0] >= 0x80) return 0;
    char c = (char)(s[0] | 0x20);
    if (!strchr("jfmasond", c)) return 0;
    for (size_t k = 0; k < sizeof month_names / sizeof *month_names; k++) {
        size_t ml = month_names[k].len;
        if (month_names[k].name[0] != c) continue;
        if (ml <= n && rs_ci_prefix(s, n, month_names[k].name) && !rs_is_letter(s + ml, n - ml)) {
            *len = ml + (ml < n && s[ml] == '.' && ml < 5 ? 1 : 0);
            return month_names[k].month;
        }
    }
    return 0;
}

size_t rs_vocab_weekday(const char *s, size_t n) {
    static const char *const days[] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};
    for (size_t k = 0; k < sizeof days / sizeof *days; k++) {
        size_t l = strlen(days[k]);
        if (l <= n && rs_ci_prefix(s, n, days[k]) && !rs_is_letter(s + l, n - l)) return l;
    }
    return 0;
}

/* ------------------------------------------------------------ municipalities */

/* The 98 municipalities (2007–), then those of 1970–2006 that are not among them by name.
 * Where a "<Navn> Kommune" phrase names one of these, it is the minutes' municipality. */
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
    "Aabenraa", "Aalborg", "Aarhus",
#include "municipalities_former.inc"
};

#define N_MUNICIPALITIES (sizeof municipalities / sizeof *municipalities)

/* Compare two names ignoring case, '-' vs ' ', and the aa/å, ae/æ, oe/ø spellings. */
static size_t name_fold(const char *s, size_t n, char *out, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < n && o + 3 < cap;) {
        char f[2];
        size_t fl, used = rs_fold_char(s + i, n - i, f, &fl);
        if (fl == 2 && (unsigned char)f[0] == 0xC3) {
            unsigned char d = (unsigned char)f[1];
            if (d == 0xA5) { out[o++] = 'a'; out[o++] = 'a'; }      /* å */
            else if (d == 0xA6) { out[o++] = 'a'; out[o++] = 'e'; } /* æ */
            else if (d == 0xB8) { out[o++] = 'o'; out[o++] = 'e'; } /* ø */
            else { out[o++] = f[0]; out[o++] = f[1]; }
        } else if (f[0] == '-' || f[0] == ' ') {
            out[o++] = ' ';
        } else {
            out[o++] = f[0];
        }
        i += used;
    }
    out[o] = '\0';
    return o;
}

/* The folded names, made once (pthread_once: several indexing threads parse at once). */
static char folded[N_MUNICIPALITIES][64];
static size_t folded_len[N_MUNICIPALITIES];
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static void fold_names(void) {
    for (size_t k = 0; k < N_MUNICIPALITIES; k++)
        folded_len[k] = name_fold(municipalities[k], strlen(municipalities[k]), folded[k], sizeof folded[k]);
}

int rs_vocab_municipality(const char *s, size_t n) {
    char key[96];
    if (!n || n > 40) return -1;
    size_t kl = name_fold(s, n, key, sizeof key);
    pthread_once(&folded_once, fold_names);
    for (size_t k = 0; k < N_MUNICIPALITIES; k++)
        if (folded_len[k] == kl && folded[k][0] == key[0] && !memcmp(folded[k], key, kl)) return (int)k;
    return -1;
}

const char *rs_vocab_municipality_name(int k) {
    return k >= 0 && (size_t)k < N_MUNICIPALITIES ? municipalities[k] : NULL;
}

int rs_vocab_municipality_count(void) { return (int)N_MUNICIPALITIES; }

int rs_vocab_municipality_former(int k) { return k >= 98; }

/* ------------------------------------------------------------ committees */

int rs_vocab_committee_word(const char *s, size_t n) {
    /* every ending below ends in one of these letters: a cheap filter */
    if (!n) return 0;
    char z = (char)(s[n - 1] | 0x20);
    if (z != 'g' && z != 't' && z != 'd' && z != 'e' && z != 'n' && z != 'm') return 0;
    static const char *const endings[] = {
        "udvalg", "udvalget", "byråd", "byrådet", "kommunalbestyrelse", "kommunalbestyrelsen",
        "borgerrepræsentation", "borgerrepræsentationen", "magistrat", "magistraten",
        "regionsråd", "regionsrådet", "bestyrelse", "bestyrelsen", "rådet", "nævn", "nævnet",
        "kommission", "kommissionen", "forum", "forsamling", "forsamlingen", "udvalgsmøde",
        "direktion", "direktionen"};
    char low[128];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < sizeof low;) {
        char f[2];
        size_t fl;
        i += rs_fold_char(s + i, n - i, f, &fl);
        memcpy(low + o, f, fl);
        o += fl;
    }
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
        size_t el = strlen(endings[k]);
        if (o >= el && !memcmp(low + o - el, endings[k], el)) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ markers and labels */

/* s[0..n) with runs of blanks made one space and the ends trimmed, into buf (cap bytes):
 * its length, or (size_t)-1 when it does not fit. */
static size_t collapse(const char *s, size_t n, char *buf, size_t cap) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c != ' ' && c != '\t' && c != '\v' && c != 0xC2 && c != 0xE2 && c != 0xEF) { /* the common byte */
            if (o + 1 >= cap) return (size_t)-1;
            buf[o++] = s[i++];
            continue;
        }
        size_t b = rs_blank_len(s + i, n - i);
        if (b) {
            if (o && buf[o - 1] != ' ') {
                if (o + 1 >= cap) return (size_t)-1;
                buf[o++] = ' ';
            }
            i += b;
            continue;
        }
        if (o + 1 >= cap) return (size_t)-1;
        buf[o++] = s[i++];
    }
    while (o && buf[o - 1] == ' ') o--;
    return o;
}

int rs_vocab_marker(const char *s, size_t n) {
    if (!first_in(s, n, "lfco", 1)) return -1;
    static const struct {
        const char *w;
        int closed;
    } m[] = {{"Åbent", 0}, {"Åben", 0}, {"Åbent punkt", 0}, {"Åben punkt", 0}, {"Åben sag", 0},
             {"Åbent møde", 0}, {"Offentligt", 0}, {"Lukket", 1}, {"Lukket punkt", 1},
             {"Lukket sag", 1}, {"Lukket møde", 1}, {"Fortroligt", 1}, {"Closed", 1}, {"Open", 0}};
    char buf[96];
    size_t bl = n > 40 ? (size_t)-1 : collapse(s, n, buf, sizeof buf);
    if (bl == (size_t)-1) return -1;
    for (size_t k = 0; k < sizeof m / sizeof *m; k++)
        if (rs_ci_eq(buf, bl, m[k].w)) return m[k].closed;
    return -1;
}

int rs_vocab_group_label(const char *s, size_t n, int *closed) {
    if (n > 80 || !n) return 0;
    static const struct {
        const char *w;
        int closed;
    } g[] = {{"Åben dagsorden", 0}, {"Åbne punkter", 0}, {"Åbne dagsordenspunkter", 0},
             {"Åbne sager", 0}, {"Åbent møde", 0}, {"Dagsorden åben", 0}, {"Åben del", 0},
             {"Lukket dagsorden", 1}, {"Lukkede punkter", 1}, {"Lukkede dagsordenspunkter", 1},
             {"Lukkede sager", 1}, {"Lukket del", 1}, {"Dagsorden lukket", 1},
             {"Lukket møde", 1}, {"Lukkede møde", 1}, {"Beslutningssager", -1},
             {"Orienteringssager", -1}, {"Efterretningssager", -1}, {"Diverse sager", -1},
             {"Sager til beslutning", -1}, {"Sager til orientering", -1}, {"Meddelelser", -1}};
    if (n > 80) return 0;
    char buf[96];
    size_t bl = collapse(s, n, buf, sizeof buf);
    for (size_t k = 0; bl != (size_t)-1 && k < sizeof g / sizeof *g; k++)
        if (rs_ci_eq(buf, bl, g[k].w)) {
            *closed = g[k].closed;
            return 1;
        }
    /* "Til behandling - for lukkede døre", "Til efterretning - for åbne døre", "Til behandling
     * (lukkede punkter)" */
    if (n < 60 && (rs_ci_prefix(s, n, "Til ") || rs_ci_prefix(s, n, "Sager ")) &&
        (rs_ci_find(s, n, "lukkede døre") < n || rs_ci_find(s, n, "åbne døre") < n ||
         rs_ci_find(s, n, "(lukkede punkter)") < n || rs_ci_find(s, n, "(åbne punkter)") < n)) {
        *closed = rs_ci_find(s, n, "lukkede døre") < n || rs_ci_find(s, n, "(lukkede punkter)") < n;
        return 1;
    }
    /* upper-case labels: "ÅBNE SAGER", "DIVERSE SAGER", "LUKKEDE PUNKTER" */
    if (n >= 5 && n < 60 && rs_all_upper(s, n, 4)) {
        size_t e = n;
        while (e && s[e - 1] == ':') e--;
        static const char *const tails[] = {"SAGER", "PUNKTER", "DAGSORDEN", "DAGSORDENSPUNKTER", "MØDE"};
        for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
            size_t tl = strlen(tails[k]);
            if (e >= tl && !memcmp(s + e - tl, tails[k], tl) && (e == tl || s[e - tl - 1] == ' ' ||
                                                                  rs_is_letter(s + e - tl - 1, 1) || 1)) {
                *closed = rs_ci_find(s, n, "LUKKE") < n ? 1 : rs_ci_find(s, n, "ÅBN") < n || rs_ci_find(s, n, "ÅBEN") < n ? 0 : -1;
                return 1;
            }
        }
    }
    return 0;
}

static const char *const toc_labels[] = {"Indholdsfortegnelse", "Indholdsliste", "Indhold",
                                         "PUNKTER", "Dagsordenspunkter", "Dagsorden",
                                         "Punkter på dagsordenen", "Sagsliste", "Oversigt",
                                         "Sager på dagsordenen", "Sager", "Sagsoversigt"};

int rs_vocab_toc_label(const char *s, size_t n) {
    if (n > 40 || !first_in(s, n, "ipdso", 0)) return 0;
    size_t e = n;
    while (e && (s[e - 1] == ':' || s[e - 1] == ' ')) e--;
    /* the contents' column heads after the label: "Indholdsfortegnelse Side", "… Punkt nr. Side" */
    static const char *const columns[] = {" Punkt nr. Side", " Side", " Sidenr.", " Sidenr"};
    for (size_t c = 0; c < sizeof columns / sizeof *columns; c++) {
        size_t cl = strlen(columns[c]);
        if (e > cl && rs_ci_eq(s + e - cl, cl, columns[c])) {
            e -= cl;
            break;
        }
    }
    for (size_t k = 0; k < sizeof toc_labels / sizeof *toc_labels; k++)
        if (rs_ci_eq(s, e, toc_labels[k])) return 1;
    return 0;
}

size_t rs_vocab_toc_label_in(const char *s, size_t n) {
    const char *p = memmem(s, n, "ndholdsfortegnelse", 18);
    if (!p) p = memmem(s, n, "NDHOLDSFORTEGNELSE", 18);
    if (p && p > s) return (size_t)(p - s) - 1;
    /* "… Sagsoversigt Side 01. Godkendelse af dagsorden 3 02. …" */
    p = memmem(s, n, "Sagsoversigt Side ", 18);
    return p ? (size_t)(p - s) : n;
}

int rs_vocab_chrome(const char *s, size_t n) {
    static const struct {
        const char *w;
        size_t len;
    } chrome[] = {
#define C(w) {w, sizeof w - 1}
        C("Til toppen"), C("Til top"), C("Tilbage til toppen"), C("Til indholdsfortegnelse"),
        C("Print"), C("Udskriv"), C("Kopier link"), C("Kopier link til punktet"),
        C("Kopier link til punktet - Print"), C("Se alle bilag"), C("Fold alle ud"),
        C("Fold alle sammen"), C("Fold ud"), C("Fold sammen"), C("Hent som fil"),
        C("Hent som fil:"), C("You are here"), C("Du er her"), C("Du er her:"), C("Vælg"),
        C("Punkt Titel"), C("Åbn alle"), C("Luk alle"), C("Åben alle"), C("Vis alle"),
        C("Skjul alle"), C("Vis bilag"), C("Skjul bilag"), C("Læs mere"), C("Transkript"),
        C("Download"), C("Del"), C("Del siden"), C("Tilbage"), C("Forrige"), C("Næste"), C("Menu"),
        C("Søg"), C("Gå til indhold"), C("Spring til indhold"), C("Luk"), C("Print punkt"),
        C("Print dagsorden"), C("Print referat"), C("Hent dagsorden"), C("Hent referat"),
        C("Abonnér"), C("Abonner"), C("Tip en ven"), C("Rss"), C("Udvid alle"),
        C("Sammenfold alle"), C("Læs op"), C("Titel Udvalg Funktioner"), C("Bilag Funktioner"),
        C("Funktioner"), C("Til forsiden"), C("Forside"), C("Størrelse: px"),
        C("Starte visningen fra side:"), C("Save this PDF as:"), C("WORD PNG TXT JPG"),
        C("Udskriv hele dagsordenen"), C("Udskriv hele dagsordnen"), C("Udskriv hele referatet"),
        C("Udskriv dette punkt"), C("Udskriv punkt"), C("Punkt Titel Udskriv hele dagsordenen"),
        C("Punkt Titel Udskriv hele referatet"),
#undef C
    };
    if (!n) return 0;
    char buf[96];
    size_t bl = n > 60 ? (size_t)-1 : collapse(s, n, buf, sizeof buf);
    for (size_t k = 0; bl != (size_t)-1 && k < sizeof chrome / sizeof *chrome; k++)
        if (chrome[k].len == bl && rs_ci_eq(buf, bl, chrome[k].w)) return 1;
    size_t pl = 0;
    if (rs_vocab_chrome_phrase(s, n, &pl) == 0 && pl == n) return 1;
    /* "| Rss | Tip en ven | Print |" toolbars */
    if (s[0] == '|' && s[n - 1] == '|') return 1;
    /* page furniture: "Side 3 af 27", "Side 3", "Side i", "- 3 -" */
    if (rs_ci_prefix(s, n, "Side ") && n <= 16) {
        size_t i = 5;
        while (i < n && (rs_is_digit(s[i]) || s[i] == 'i' || s[i] == 'v' || s[i] == 'x')) i++;
        if (i > 5 && (i == n || rs_ci_prefix(s + i, n - i, " af "))) return 1;
    }
    if (n >= 5 && n <= 9 && s[0] == '-' && s[n - 1] == '-') return 1;
    return 0;
}

int rs_vocab_cookie(const char *s, size_t n) { return n < 600 && memmem(s, n, "ookie", 5) != NULL; }

size_t rs_vocab_chrome_phrase(const char *s, size_t n, size_t *len) {
    static const char *const phrases[] = {"Klik her for at folde ud og læse mere om",
                                          "Klik her for at folde ind", "fold dette punkt ind",
                                          "fold dette punkt ud", "Kopier link til punktet",
                                          "Luk alle punkter", "Åbn/luk punkt", "Åbn/luk"};
    if (n > 300) return n; /* glued chrome sits in heading lines */
    /* it starts the line, or follows a word of a heading it was glued to ("1. Godkendelse af
     * dagsordenKlik her …"): look only there */
    int heading = n && (rs_is_digit(s[0]) || rs_bullet_len(s, n));
    for (size_t i = 0; i < (heading ? n : 1); i++) {
        /* a capital (ASCII, or Æ Ø Å) right after a small letter or a digit */
        int cap = (s[i] >= 'A' && s[i] <= 'Z') || ((unsigned char)s[i] == 0xC3 && i + 1 < n &&
                                                  ((unsigned char)s[i + 1] == 0x86 || (unsigned char)s[i + 1] == 0x98 ||
                                                   (unsigned char)s[i + 1] == 0x85));
        if (i && !(cap && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= '0' && s[i - 1] <= '9'))))
            continue;
        for (size_t k = 0; k < sizeof phrases / sizeof *phrases; k++)
            if ((s[i] | 0x20) == (phrases[k][0] | 0x20) && rs_ci_prefix(s + i, n - i, phrases[k])) {
                *len = strlen(phrases[k]);
                return i;
            }
    }
    return n;
}

size_t rs_vocab_case_label(const char *s, size_t n) {
    if (!first_in(s, n, "aesj", 0)) return 0;
    static const char *const labels[] = {
        "Acadre sagsnr.", "ESDH sagsnr.", "ESDH-nr.", "ESDH nr.", "Sagsnummer", "Sagsnr.", "Sagsnr",
        "Sags nr.", "Sags-nr.", "Sags-id", "Sagsid.", "Sagsid", "Sags ID", "Sag ID", "Sag nr.",
        "Sag nr", "Sagnr.", "Sagnr", "Journalnummer", "Journalnr.", "Journalnr", "J.nr.", "J. nr.",
        "J.nr", "Jnr.", "Jour.nr.", "Sag"};
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t l = strlen(labels[k]);
        if (l > n || !rs_ci_prefix(s, n, labels[k])) continue;
        if (l < n && (rs_is_letter(s + l, n - l))) continue; /* "Sagen", "Sagsfremstilling" */
        size_t i = l;
        while (i < n && (s[i] == '.' || s[i] == ':' || s[i] == ' ')) i++;
        i = rs_skip_blanks(s, i, n);
        return i;
    }
    return 0;
}

size_t rs_vocab_doc_label(const char *s, size_t n) {
    if (!first_in(s, n, "d", 0)) return 0;
    static const char *const labels[] = {"Dokumentnummer", "Dokumentnr.", "Dokument nr.", "Dok.nr.",
                                         "Dok. nr.", "Dok.-nr.", "Doknr.", "Dok."};
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t l = strlen(labels[k]);
        if (l > n || !rs_ci_prefix(s, n, labels[k])) continue;
        size_t i = l;
        while (i < n && (s[i] == '.' || s[i] == ':' || s[i] == ' ')) i++;
        return rs_skip_blanks(s, i, n);
    }
    return 0;
}

/* After a bare "Sag" (s[i] a digit): an item number of at most three digits and a separator,
 * "Sag 12 - Titel", "Sag 3: Titel", "Sag 4. Titel" — not a case number ("Sag 306-2009-600",
 * "Sag 20/1234"). */
static int sag_number(const char *s, size_t i, size_t n) {
    size_t d = i;
    while (i < n && rs_is_digit(s[i])) i++;
    if (i - d > 3) return 0;
    if (i < n && (s[i] == '.' || s[i] == ':')) return i + 1 >= n || rs_blank_len(s + i + 1, n - i - 1);
    if (i >= n || !rs_blank_len(s + i, n - i)) return 0;
    i = rs_skip_blanks(s, i, n);
    return (i + 1 < n && s[i] == '-' && s[i + 1] == ' ') ||
           (i + 3 < n && !memcmp(s + i, "\xE2\x80\x93 ", 4));
}

size_t rs_vocab_item_word(const char *s, size_t n, int *strong) {
    if (!first_in(s, n, "dpsni", 0)) return 0;
    static const struct {
        const char *w;
        int strong;
    } words[] = {{"Dagsordenspunkt", 1}, {"Dagsordenpunkt", 1}, {"Punkt nr.", 1}, {"Punkt", 1},
                 {"Pkt.", 1}, {"Pkt", 1}, {"Sag nr.", 1}, {"Sag nr", 1}, {"Sagnr.", 1},
                 {"Nr.", 0}, {"Item", 1}, {"Sag", 1}};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t l = strlen(words[k].w);
        if (l > n || !rs_ci_prefix(s, n, words[k].w)) continue;
        /* the word is followed by blanks or ':' and a digit, or directly by a digit ("Nr.60") */
        size_t i = l;
        if (i < n && rs_is_letter(s + i, n - i)) continue;
        while (i < n && s[i] == ':') i++;
        i = rs_skip_blanks(s, i, n);
        if (i < n && rs_is_digit(s[i]) && !strcmp(words[k].w, "Sag") && !sag_number(s, i, n)) continue;
        if (i < n && rs_is_digit(s[i])) {
            *strong = words[k].strong;
            return i;
        }
    }
    return 0;
}

size_t rs_vocab_closed_prefix(const char *s, size_t n) {
    if (!n || (s[0] != '(' && !first_in(s, n, "lcf", 0))) return 0;
    static const char *const p[] = {"Lukket punkt:", "Lukket sag:", "Lukket møde:", "Lukket -",
                                    "Lukket:", "Lukket.", "Lukket –", "(Lukket)", "(Lukket punkt)",
                                    "Closed:", "Lukket punkt -", "Fortroligt:", "Lukket sag -"};
    size_t best = 0;
    for (size_t k = 0; k < sizeof p / sizeof *p; k++) {
        size_t l = strlen(p[k]);
        if (l > best && l <= n && rs_ci_prefix(s, n, p[k])) best = l;
    }
    if (!best) return 0;
    return rs_skip_blanks(s, best, n);
}

size_t rs_vocab_closed_suffix(const char *s, size_t n) {
    /* "(Lukket)" also glued to the title: "Forespørgsler fra medlemmerne(Lukket)" */
    static const char *const p[] = {" - Lukket punkt", " – Lukket punkt", " - Lukket sag", " - Lukket",
                                    " – Lukket", "(Lukket)", "(lukket punkt)", "(Lukket sag)"};
    for (size_t k = 0; k < sizeof p / sizeof *p; k++) {
        size_t l = strlen(p[k]);
        if (l < n && rs_ci_eq(s + n - l, l, p[k])) return n - l;
    }
    /* in capitals only ("… Løjtegårdsvej LUKKET SAG"): "Genoptagelse af lukket sag" is a title */
    static const char *const caps[] = {" LUKKET SAG", " LUKKET PUNKT"};
    for (size_t k = 0; k < sizeof caps / sizeof *caps; k++) {
        size_t l = strlen(caps[k]);
        if (l < n && !memcmp(s + n - l, caps[k], l)) return n - l;
    }
    return n;
}
