/* prefault.h — writing a new table's pages through before it is used (rs_prefault). */
#ifndef RS_PREFAULT_H
#define RS_PREFAULT_H

#include <stddef.h>

/* Write a zero into each page of the n zeroed bytes at p (calloc'd: the contents stay as they
 * are), so that every page is the process's own before the table is read. A page of fresh
 * memory read first maps the kernel's shared zero page, and the first write to it then faults
 * again to copy it; with other threads of the process running, that fault also stops their
 * cores for a TLB flush (an IPI, costly in a VM). For big tables read-before-written by a
 * threaded build. This function can't fail. */
static inline void rs_prefault(void *p, size_t n) {
    volatile char *c = p;
    for (size_t i = 0; i < n; i += 4096) c[i] = 0;
    if (n) c[n - 1] = 0;
}

#endif
