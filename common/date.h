/* date.h — calendar checks (GLib's GDate underneath): the one leap-year rule of the project. */
#ifndef RS_DATE_H
#define RS_DATE_H

/* The number of days in month m (1-12) of year y (Gregorian, proleptic; any y, the calendar
 * repeats every 400 years), or 0 when m is not a month. This function can't fail. */
int rs_days_in_month(int y, int m);

/* Whether y-m-d is a day of the Gregorian calendar (any y). This function can't fail. */
int rs_date_valid(int y, int m, int d);

#endif
