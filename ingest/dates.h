/* dates.h — dates and times as minutes print them, into ISO form.
 *
 * Forms: 2023-11-21, 21-11-2023, 21.11.2023, 21/11/2023, 3/3-2021, 21. november 2023,
 * 21. nov. 2023, 3 oktober, 2022, Oktober 3, 2019, 15-maj-2002 (with or without a weekday
 * before them). Times: "kl. 11:00", "kl 17.30", "16:30", "17:30:00". Dates are checked
 * (no 30 February) and limited to 1900–2199. None of these can fail.
 */
#ifndef RS_INGEST_DATES_H
#define RS_INGEST_DATES_H

#include <stddef.h>

/* A date starting exactly at s: its length in bytes, and the ISO date in iso[11]; 0 if none. */
size_t rs_date_at(const char *s, size_t n, char iso[11]);

/* The first date in s[0..n) (starting at a word boundary): 1 and iso[11], *at its offset and
 * *len its length (either may be NULL); 0 if there is none. */
int rs_find_date(const char *s, size_t n, char iso[11], size_t *at, size_t *len);

/* Whether s[0..n) is a date and nothing else (blanks, a weekday, "kl. HH:MM" and punctuation
 * aside): "24-09-2019", "Mandag, 3 oktober, 2022 - 16:30", "29-06-2016 17:30:00". */
int rs_date_only(const char *s, size_t n, char iso[11]);

/* The first clock time in s[0..n) as "HH:MM" in hhmm[6]: after "kl." / "kl" / "Kl.", or HH:MM
 * right after a date. 1 if found. */
int rs_find_time(const char *s, size_t n, char hhmm[6]);

/* Whether y-m-d is a real date in 1900–2199. */
int rs_valid_date(int y, int m, int d);

#endif
