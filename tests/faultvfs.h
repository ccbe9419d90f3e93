/* faultvfs.h - a full (or failing) disk for the store tests, without a
 * disk: an SQLite VFS that wraps the default one and, while faultvfs_fail
 * is set, answers every write with faultvfs_fail's code (SQLITE_FULL: the
 * disk is full; SQLITE_IOERR_WRITE: it failed). Reads keep working, so
 * what is stored stays readable. faultvfs_install() makes it the default
 * VFS of the process (every store_open after it goes through it). It also
 * counts the bytes SQLite writes (database and WAL) and its syncs, for the
 * soak. A power cut: while faultvfs_keep_synced is set, each xSync of the
 * database or its WAL copies the file to NAME.synced (what the disk is sure
 * to hold); faultvfs_power_cut(db) then puts those copies back and removes
 * what was never synced, as a power cut leaves the files - every write not
 * followed by a sync lost. */
#ifndef BULLETIN_FAULTVFS_H
#define BULLETIN_FAULTVFS_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int faultvfs_fail;          /* 0: pass through */
static unsigned faultvfs_fail_left; /* >0: only that many writes fail, then it passes */
static unsigned faultvfs_refused;  /* writes refused so far */
static unsigned long long faultvfs_written; /* bytes written through it */
static unsigned long faultvfs_syncs;      /* xSync calls through it */
static int faultvfs_keep_synced;           /* copy each synced file to NAME.synced */
static sqlite3_vfs *faultvfs_real;

typedef struct {
    sqlite3_file base;
    const char *name;   /* SQLite keeps it valid until xClose; NULL: a temp file */
    int flags;          /* SQLITE_OPEN_MAIN_DB, SQLITE_OPEN_WAL, ... */
    sqlite3_file *real; /* follows this struct in the same allocation */
} faultvfs_file_t;

#define FV_REAL(f) (((faultvfs_file_t *)(f))->real)

static int fv_close(sqlite3_file *f) { return FV_REAL(f)->pMethods->xClose(FV_REAL(f)); }
static int fv_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) {
    return FV_REAL(f)->pMethods->xRead(FV_REAL(f), b, n, o);
}
static int fv_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) {
    if (faultvfs_fail) {
        int rc = faultvfs_fail;
        faultvfs_refused++;
        if (faultvfs_fail_left > 0 && --faultvfs_fail_left == 0) faultvfs_fail = 0;
        return rc;
    }
    faultvfs_written += (unsigned long long)n;
    return FV_REAL(f)->pMethods->xWrite(FV_REAL(f), b, n, o);
}
static int fv_truncate(sqlite3_file *f, sqlite3_int64 size) {
    return FV_REAL(f)->pMethods->xTruncate(FV_REAL(f), size);
}
/* Copies the whole of file f, as it reads now, to its NAME.synced. */
static int fv_snapshot(sqlite3_file *f) {
    faultvfs_file_t *ff = (faultvfs_file_t *)f;
    sqlite3_int64 size = 0;
    if (ff->real->pMethods->xFileSize(ff->real, &size) != SQLITE_OK) return SQLITE_IOERR_FSYNC;
    size_t len = strlen(ff->name);
    char *path = malloc(len + 8);
    if (!path) return SQLITE_IOERR_FSYNC;
    memcpy(path, ff->name, len);
    memcpy(path + len, ".synced", 8);
    FILE *out = fopen(path, "wb");
    free(path);
    if (!out) return SQLITE_IOERR_FSYNC;
    char chunk[65536];
    int rc = SQLITE_OK;
    for (sqlite3_int64 at = 0; at < size && rc == SQLITE_OK; at += (sqlite3_int64)sizeof chunk) {
        int n = size - at < (sqlite3_int64)sizeof chunk ? (int)(size - at) : (int)sizeof chunk;
        rc = ff->real->pMethods->xRead(ff->real, chunk, n, at);
        if (rc == SQLITE_OK && fwrite(chunk, 1, (size_t)n, out) != (size_t)n) rc = SQLITE_IOERR_FSYNC;
    }
    if (fclose(out) != 0 && rc == SQLITE_OK) rc = SQLITE_IOERR_FSYNC;
    return rc;
}
static int fv_sync(sqlite3_file *f, int flags) {
    faultvfs_file_t *ff = (faultvfs_file_t *)f;
    faultvfs_syncs++;
    int rc = FV_REAL(f)->pMethods->xSync(FV_REAL(f), flags);
    if (rc == SQLITE_OK && faultvfs_keep_synced && ff->name &&
        (ff->flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)))
        rc = fv_snapshot(f);
    return rc;
}

/* After the writer died (no close): the database and its WAL as the last
 * sync left them, the shared-memory index gone. */
static inline void faultvfs_power_cut(const char *db) {
    static const char *const ext[] = {"", "-wal"};
    char path[1100], synced[1108];
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s%s", db, ext[i]);
        snprintf(synced, sizeof synced, "%s.synced", path);
        if (access(synced, F_OK) == 0) rename(synced, path);
        else unlink(path);
    }
    snprintf(path, sizeof path, "%s-shm", db);
    unlink(path);
}
static int fv_size(sqlite3_file *f, sqlite3_int64 *size) {
    return FV_REAL(f)->pMethods->xFileSize(FV_REAL(f), size);
}
static int fv_lock(sqlite3_file *f, int l) { return FV_REAL(f)->pMethods->xLock(FV_REAL(f), l); }
static int fv_unlock(sqlite3_file *f, int l) {
    return FV_REAL(f)->pMethods->xUnlock(FV_REAL(f), l);
}
static int fv_check(sqlite3_file *f, int *out) {
    return FV_REAL(f)->pMethods->xCheckReservedLock(FV_REAL(f), out);
}
static int fv_control(sqlite3_file *f, int op, void *arg) {
    return FV_REAL(f)->pMethods->xFileControl(FV_REAL(f), op, arg);
}
static int fv_sector(sqlite3_file *f) { return FV_REAL(f)->pMethods->xSectorSize(FV_REAL(f)); }
static int fv_caps(sqlite3_file *f) {
    return FV_REAL(f)->pMethods->xDeviceCharacteristics(FV_REAL(f));
}
static int fv_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p) {
    return FV_REAL(f)->pMethods->xShmMap(FV_REAL(f), pg, sz, extend, p);
}
static int fv_shm_lock(sqlite3_file *f, int off, int n, int flags) {
    return FV_REAL(f)->pMethods->xShmLock(FV_REAL(f), off, n, flags);
}
static void fv_shm_barrier(sqlite3_file *f) { FV_REAL(f)->pMethods->xShmBarrier(FV_REAL(f)); }
static int fv_shm_unmap(sqlite3_file *f, int del) {
    return FV_REAL(f)->pMethods->xShmUnmap(FV_REAL(f), del);
}

static const sqlite3_io_methods faultvfs_io = {
    2, fv_close, fv_read, fv_write, fv_truncate, fv_sync, fv_size, fv_lock, fv_unlock,
    fv_check, fv_control, fv_sector, fv_caps, fv_shm_map, fv_shm_lock, fv_shm_barrier,
    fv_shm_unmap, NULL, NULL,
};

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out) {
    (void)vfs;
    faultvfs_file_t *ff = (faultvfs_file_t *)f;
    ff->real = (sqlite3_file *)&ff[1];
    ff->name = name;
    ff->flags = flags;
    int rc = faultvfs_real->xOpen(faultvfs_real, name, ff->real, flags, out);
    ff->base.pMethods = rc == SQLITE_OK && ff->real->pMethods ? &faultvfs_io : NULL;
    return rc;
}
static int fv_delete(sqlite3_vfs *v, const char *n, int sync) {
    (void)v;
    return faultvfs_real->xDelete(faultvfs_real, n, sync);
}
static int fv_access(sqlite3_vfs *v, const char *n, int flags, int *out) {
    (void)v;
    return faultvfs_real->xAccess(faultvfs_real, n, flags, out);
}
static int fv_full(sqlite3_vfs *v, const char *n, int len, char *out) {
    (void)v;
    return faultvfs_real->xFullPathname(faultvfs_real, n, len, out);
}
static int fv_random(sqlite3_vfs *v, int n, char *out) {
    (void)v;
    return faultvfs_real->xRandomness(faultvfs_real, n, out);
}
static int fv_sleep(sqlite3_vfs *v, int us) {
    (void)v;
    return faultvfs_real->xSleep(faultvfs_real, us);
}
static int fv_time(sqlite3_vfs *v, double *t) {
    (void)v;
    return faultvfs_real->xCurrentTime(faultvfs_real, t);
}
static int fv_error(sqlite3_vfs *v, int n, char *out) {
    (void)v;
    return faultvfs_real->xGetLastError(faultvfs_real, n, out);
}

static inline void faultvfs_install(void) {
    static sqlite3_vfs vfs;
    if (faultvfs_real) return;
    faultvfs_real = sqlite3_vfs_find(NULL);
    memset(&vfs, 0, sizeof vfs);
    vfs.iVersion = 1;
    vfs.szOsFile = (int)sizeof(faultvfs_file_t) + faultvfs_real->szOsFile;
    vfs.mxPathname = faultvfs_real->mxPathname;
    vfs.zName = "faultvfs";
    vfs.xOpen = fv_open;
    vfs.xDelete = fv_delete;
    vfs.xAccess = fv_access;
    vfs.xFullPathname = fv_full;
    vfs.xRandomness = fv_random;
    vfs.xSleep = fv_sleep;
    vfs.xCurrentTime = fv_time;
    vfs.xGetLastError = fv_error;
    sqlite3_vfs_register(&vfs, 1);
}

#endif
