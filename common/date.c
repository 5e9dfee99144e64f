/* date.c — calendar checks through GLib's GDate (see date.h). */
#include "date.h"

#include <glib.h>

int rs_days_in_month(int y, int m) {
    if (m < 1 || m > 12) return 0;
    /* GDate's years are 1..65535; the Gregorian leap rule repeats every 400 years, so any year
     * maps to one in 400..799 with the same month lengths. */
    int gy = y >= 1 && y <= 65535 ? y : (y % 400 + 400) % 400 + 400;
    return g_date_get_days_in_month((GDateMonth)m, (GDateYear)gy);
}

int rs_date_valid(int y, int m, int d) {
    return d >= 1 && d <= rs_days_in_month(y, m);
}
