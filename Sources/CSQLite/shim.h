#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_STATIC and SQLITE_TRANSIENT are cast macros that Swift cannot import.
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_db_config is variadic, which Swift cannot call.
static inline int csqlite_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}
static inline int csqlite_set_defensive(sqlite3 *db, int on, int *was) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, was);
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}

// sqlite3_config is variadic as well. Memory statistics take a global mutex around every allocation, and FTS5
// allocates for every new term it indexes; nothing here reads them. Only effective before the first connection.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// A buffer of page-cache slots for every connection (SQLITE_CONFIG_PAGECACHE), and the bytes each slot needs beside
// its page (SQLITE_CONFIG_PCACHE_HDRSZ). Only effective before the first connection.
static inline int csqlite_page_cache(void *buffer, int slotSize, int slots) {
    return sqlite3_config(SQLITE_CONFIG_PAGECACHE, buffer, slotSize, slots);
}
static inline int csqlite_page_cache_header_size(int *size) {
    return sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, size);
}
#endif
