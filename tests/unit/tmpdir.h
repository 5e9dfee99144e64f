/* tmpdir.h — cmocka setup/teardown that give each test a fresh folder under /tmp, removed after.
 *
 * Define RS_TMPDIR_NAME (e.g. "rs_build") before including this; the folder's path is then in
 * `tmp` for the test file's tests. Included by one test file each (its functions are static). */
#ifndef RS_TEST_TMPDIR_H
#define RS_TEST_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>

static char tmp[64];

static int setup(void **state) {
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/%sXXXXXX", RS_TMPDIR_NAME);
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    return system(cmd);
}

#endif
