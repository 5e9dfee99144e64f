/* hash.h — FNV-1a, the one non-cryptographic hash of the project (hash tables, file content
 * hashes, shard assignment). The values are stored in indexes (content hashes, shard of a
 * file): never change them. */
#ifndef RS_HASH_H
#define RS_HASH_H

#include <stddef.h>
#include <stdint.h>

/* 32-bit FNV-1a of n bytes. This function can't fail. */
static inline uint32_t rs_fnv1a32(const void *data, size_t n) {
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

/* 64-bit FNV-1a: the hash of no bytes, and the hash h continued by one byte (so the hashes of
 * all of a string's prefixes take one pass). These can't fail. */
#define RS_FNV1A64_INIT 0xcbf29ce484222325ULL
static inline uint64_t rs_fnv1a64_add(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }

/* 64-bit FNV-1a of n bytes. This function can't fail. */
static inline uint64_t rs_fnv1a64(const void *data, size_t n) {
    const unsigned char *p = data;
    uint64_t h = RS_FNV1A64_INIT;
    for (size_t i = 0; i < n; i++) h = rs_fnv1a64_add(h, p[i]);
    return h;
}

#endif
