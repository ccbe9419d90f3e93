/* store.c - see store.h. */
#include "store.h"

#include <assert.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "hash.h"
#include "log.h"
#include "lograte.h"

#define MODULE "store"

/* Prepared statements kept for reuse, by their SQL: a fetch pass runs the
 * same few dozen statements thousands of times, and preparing one (parsing
 * and planning the SQL) costs more than running it. */
#define STMT_CACHE_SIZE 64

typedef struct {
    uint64_t hash; /* of sql */
    char *sql;
    sqlite3_stmt *st;
    int in_use;    /* handed out by prepare, not yet back through release */
} cached_stmt_t;

struct store {
    sqlite3 *db;
    char *path;
    int readonly;
    int depth;        /* open transactions: 0 none, 1 BEGIN, more savepoints */
    int fault;        /* primary SQLite code of the last failed call, 0 none */
    int damaged;      /* an SQLITE_CORRUPT or SQLITE_NOTADB was seen */
    int rate_code;    /* the fault kind fault_log is counting */
    lograte_t fault_log;
    cached_stmt_t cache[STMT_CACHE_SIZE];
    size_t n_cached;
};

/* Version 1 of the schema. Later versions add steps to `migrations`. */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE feeds("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  name TEXT,"
    "  title TEXT,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  last_attempt INTEGER NOT NULL DEFAULT 0,"
    "  last_success INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  next_due INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE articles("
    "  id INTEGER PRIMARY KEY,"
    "  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  guid TEXT,"
    "  url TEXT,"
    "  title TEXT,"
    "  summary TEXT,"
    "  text TEXT,"
    "  image TEXT,"
    "  author TEXT,"
    "  lang TEXT,"
    "  published INTEGER NOT NULL,"
    "  first_seen INTEGER NOT NULL,"
    "  UNIQUE(feed_id, key));"
    "CREATE INDEX articles_published ON articles(published);"
    "CREATE TABLE points("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  rank INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  PRIMARY KEY(article_id, rank));",
    /* 1 -> 2: stories - the articles that tell one event, and its points */
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY,"
    "  created INTEGER NOT NULL,"
    "  headline TEXT,"
    "  lead_article_id INTEGER);"
    "ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL;"
    "ALTER TABLE articles ADD COLUMN cluster_terms TEXT;"
    "CREATE INDEX articles_story ON articles(story_id);"
    "CREATE TABLE story_points("
    "  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,"
    "  rank INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,"
    "  PRIMARY KEY(story_id, rank));",
    /* 2 -> 3: the image cache's file for the article's image (imgcache.h),
     * so the display finds it without hashing the URL */
    "ALTER TABLE articles ADD COLUMN image_file TEXT;",
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

/* What a fault of the disk or the file means, for the one line it gets. */
static const char *fault_meaning(int primary) {
    switch (primary) {
    case SQLITE_FULL: return "the disk is full: nothing new is stored until space returns "
                             "(what is stored is kept)";
    case SQLITE_READONLY: return "the store cannot be written (read-only file or directory)";
    case SQLITE_IOERR: return "the disk failed to read or write";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return "the store file is damaged";
    case SQLITE_CANTOPEN: return "the store file cannot be opened";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "the store is busy";
    case SQLITE_NOMEM: return "out of memory";
    default: return NULL;
    }
}

/* Records a failed call (rc, SQLite's message msg) and logs it: a fault of
 * the disk or file once, then once a minute with a count; anything else
 * (a bug, a constraint) every time. */
static void fault(store_t *s, int rc, const char *msg) {
    int primary = rc & 0xff;
    s->fault = primary ? primary : SQLITE_ERROR;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) s->damaged = 1;
    const char *meaning = fault_meaning(primary);
    if (!meaning) {
        log_error(MODULE, "%s: %s", s->path, msg ? msg : "unknown error");
        return;
    }
    if (primary != s->rate_code) {
        lograte_reset(&s->fault_log);
        s->rate_code = primary;
    }
    if (!lograte_allow(&s->fault_log, clock_mono_ms(), LOGRATE_MINUTE_MS)) return;
    unsigned more = lograte_suppressed(&s->fault_log);
    if (more) log_error(MODULE, "%s: %s (%s; %u more in the last minute)", s->path, meaning,
                        msg ? msg : "?", more);
    else log_error(MODULE, "%s: %s (%s)", s->path, meaning, msg ? msg : "?");
}

static int fault_db(store_t *s) {
    int rc = sqlite3_extended_errcode(s->db);
    /* A write that found no space can come back as an I/O error (the WAL
     * index, a preallocation): the system's errno says it is a full disk. */
    if ((rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(s->db) == ENOSPC) rc = SQLITE_FULL;
    fault(s, rc, sqlite3_errmsg(s->db));
    return -1;
}

static int exec(store_t *s, const char *sql) {
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = sqlite3_extended_errcode(s->db);
        if ((code & 0xff) == SQLITE_IOERR && sqlite3_system_errno(s->db) == ENOSPC) code = SQLITE_FULL;
        fault(s, code, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int run(store_t *s, const char *sql);

/* Transactions nest: the outermost is BEGIN IMMEDIATE ... COMMIT (one
 * write to the disk), inner ones are savepoints, so a store_begin around
 * several calls makes them one write, each call still undone alone on error. */
static int begin(store_t *s) {
    if (run(s, s->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT inner")) return -1;
    s->depth++;
    return 0;
}

/* Undoes the innermost transaction (no log: the failure that led here was
 * logged). A fault such as a full disk may have rolled back everything. */
static void rollback(store_t *s) {
    if (s->depth > 0) s->depth--;
    if (sqlite3_get_autocommit(s->db)) {
        s->depth = 0;
        return;
    }
    if (s->depth == 0) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else sqlite3_exec(s->db, "ROLLBACK TO inner; RELEASE inner", NULL, NULL, NULL);
}

/* COMMIT (or RELEASE), or a rollback when it fails (a full disk fails here). */
static int commit(store_t *s) {
    if (s->depth == 0 || sqlite3_get_autocommit(s->db)) {
        s->depth = 0;
        if (!s->fault) fault(s, SQLITE_ERROR, "no transaction to commit");
        return -1;
    }
    if (run(s, s->depth == 1 ? "COMMIT" : "RELEASE inner") == 0) {
        s->depth--;
        return 0;
    }
    rollback(s);
    return -1;
}

int store_begin(store_t *s) { return begin(s); }
int store_commit(store_t *s) { return commit(s); }
void store_rollback(store_t *s) { rollback(s); }

/* A statement for sql: the cached one when it is free, else a new one
 * (cached while there is room). Each goes back through release (finish,
 * step_done, step_returning do it), which resets a cached statement for the
 * next use and finalizes any other. */
static int prepare(store_t *s, const char *sql, sqlite3_stmt **st) {
    uint64_t h = hash_fnv1a(HASH_FNV1A_BASIS, sql, strlen(sql));
    cached_stmt_t *slot = NULL;
    for (size_t i = 0; i < s->n_cached; i++) {
        cached_stmt_t *c = &s->cache[i];
        if (c->hash == h && strcmp(c->sql, sql) == 0) {
            if (!c->in_use) {
                c->in_use = 1;
                *st = c->st;
                return 0;
            }
            slot = c; /* in use (a statement run inside its own loop): a new one */
            break;
        }
    }
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return fault_db(s);
    }
    if (!slot && s->n_cached < STMT_CACHE_SIZE) {
        s->cache[s->n_cached++] = (cached_stmt_t){h, xstrdup(sql), *st, 1};
    }
    return 0;
}

/* Gives back a statement from prepare; SQLite's answer for its last step
 * (reset and finalize both report a step that failed). */
static int release(store_t *s, sqlite3_stmt *st) {
    for (size_t i = 0; i < s->n_cached; i++)
        if (s->cache[i].st == st) {
            int rc = sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            s->cache[i].in_use = 0;
            return rc;
        }
    return sqlite3_finalize(st);
}

static void cache_clear(store_t *s) {
    for (size_t i = 0; i < s->n_cached; i++) {
        sqlite3_finalize(s->cache[i].st);
        free(s->cache[i].sql);
    }
    s->n_cached = 0;
}

/* One step of a query: 1 a row, 0 the end, -1 an error (recorded). */
static int step_row(store_t *s, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    return fault_db(s);
}

/* Finalizes a statement whose steps ended with r (step_row's answer); a
 * write can fail at its end, so the finalize's result counts too. */
static int finish(store_t *s, sqlite3_stmt *st, int r) {
    if (r < 0) {
        release(s, st);
        return -1;
    }
    if (release(s, st) != SQLITE_OK) return fault_db(s);
    return 0;
}

/* Runs a statement to its end (rows ignored), then finalizes it. */
static int step_done(store_t *s, sqlite3_stmt *st) {
    int r;
    while ((r = step_row(s, st)) == 1) {}
    return finish(s, st, r);
}

/* Runs one statement without parameters (a transaction's BEGIN, COMMIT,
 * SAVEPOINT or RELEASE), prepared once: exec would parse it every time. */
static int run(store_t *s, const char *sql) {
    sqlite3_stmt *st;
    if (prepare(s, sql, &st)) return -1;
    return step_done(s, st);
}

/* Runs an INSERT/UPDATE ... RETURNING id to its end: *id from its one row.
 * -1 when it failed, at any step or at the finalize, or returned nothing. */
static int step_returning(store_t *s, sqlite3_stmt *st, int64_t *id) {
    int r = step_row(s, st), got = r == 1;
    if (got) *id = sqlite3_column_int64(st, 0);
    while (r == 1) r = step_row(s, st);
    if (finish(s, st, r) != 0) return -1;
    if (!got) {
        fault(s, SQLITE_ERROR, "no row returned");
        return -1;
    }
    return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static char *col_dup(sqlite3_stmt *st, int i) {
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? xstrdup((const char *)v) : NULL;
}

static int migrate(store_t *s) {
    sqlite3_stmt *st;
    if (prepare(s, "PRAGMA user_version", &st)) return -1;
    int r = step_row(s, st);
    int version = r == 1 ? sqlite3_column_int(st, 0) : 0;
    if (finish(s, st, r)) return -1;
    if (version > (int)N_MIGRATIONS) {
        log_error(MODULE, "%s has schema version %d, newer than this Bulletin knows (%d)",
                  s->path, version, (int)N_MIGRATIONS);
        return -1;
    }
    for (int v = version; v < (int)N_MIGRATIONS; v++) {
        buf_t sql = BUF_INIT;
        buf_printf(&sql, "BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;", migrations[v],
                   v + 1);
        int rc = exec(s, sql.data);
        buf_free(&sql);
        if (rc) {
            rollback(s);
            return -1;
        }
        log_info(MODULE, "%s: schema migrated to version %d", s->path, v + 1);
    }
    return 0;
}

static int ensure_fetch_url_column(store_t *s);
static int ensure_story_stale_column(store_t *s);

/* PRAGMA quick_check: 0 when it answers "ok"; else the first problem in
 * *why (malloc'd) and -1. */
static int quick_check(store_t *s, char **why) {
    sqlite3_stmt *st;
    *why = NULL;
    if (prepare(s, "PRAGMA quick_check(1)", &st)) {
        *why = xstrdup(sqlite3_errmsg(s->db));
        return -1;
    }
    int r = step_row(s, st);
    if (r == 1) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strcmp(v, "ok") != 0) {
            *why = xstrdup(v ? v : "no answer");
            s->damaged = 1;
        }
    } else {
        /* an error: damaged only when SQLite said so (fault() noted it) */
        *why = xstrdup(r == 0 ? "no answer" : sqlite3_errmsg(s->db));
    }
    release(s, st);
    return *why ? -1 : 0;
}

/* The writer's settings. WAL: the display reads while the worker writes.
 * synchronous=FULL: in WAL mode the log is synced at every COMMIT, so a
 * committed article survives a power cut (NORMAL syncs only at checkpoints
 * and loses the last commits, though the file stays sound); the worker
 * commits once per feed, so this is a few fsyncs a pass. The log is copied
 * into the file every 1000 pages (4 MB), and cut back to 4 MiB after, so it
 * never keeps the size of its largest pass. */
#define STORE_PRAGMAS                                                                      \
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=1000; " \
    "PRAGMA journal_size_limit=4194304; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"

static store_t *store_new(const char *path) {
    store_t *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    return s;
}

/* Opens for writing: -1 and *damaged set when the file is not a sound store. */
static int open_rw(const char *path, store_t **out, int *damaged) {
    *out = NULL;
    *damaged = 0;
    store_t *s = store_new(path);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        log_error(MODULE, "cannot open store %s: %s", path,
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return -1;
    }
    sqlite3_busy_timeout(s->db, 5000);
    char *why = NULL;
    if (exec(s, STORE_PRAGMAS) ||
        quick_check(s, &why) || migrate(s) || ensure_fetch_url_column(s) ||
        ensure_story_stale_column(s)) {
        if (why && s->damaged)
            log_error(MODULE, "%s: the store file is damaged (quick_check: %s)", path, why);
        free(why);
        *damaged = s->damaged;
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

int store_quarantine(const char *path, time_t now) {
    char stamp[32];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    buf_t aside = BUF_INIT, side = BUF_INIT, side_aside = BUF_INIT;
    buf_printf(&aside, "%s.damaged-%s", path, stamp);
    int rc = rename(path, aside.data);
    if (rc != 0) log_error(MODULE, "cannot move the damaged store %s aside: %m", path);
    static const char *const sidecars[] = {"-wal", "-shm"};
    for (size_t i = 0; i < 2 && rc == 0; i++) {
        buf_reset(&side);
        buf_reset(&side_aside);
        buf_printf(&side, "%s%s", path, sidecars[i]);
        buf_printf(&side_aside, "%s%s", aside.data, sidecars[i]);
        rename(side.data, side_aside.data); /* absent: nothing to move */
    }
    if (rc == 0)
        log_error(MODULE, "the store %s was damaged: moved aside to %s; starting a new store, "
                          "every feed is fetched again", path, aside.data);
    buf_free(&aside);
    buf_free(&side);
    buf_free(&side_aside);
    return rc == 0 ? 0 : -1;
}

int store_open(const char *path, store_t **out) {
    int damaged;
    if (open_rw(path, out, &damaged) == 0) return 0;
    if (!damaged || store_quarantine(path, time(NULL)) != 0) return -1;
    return open_rw(path, out, &damaged);
}

int store_open_readonly(const char *path, store_t **out) {
    *out = NULL;
    store_t *s = store_new(path);
    s->readonly = 1;
    if (access(path, F_OK) != 0) {
        /* Nothing fetched yet: an empty store in memory answers "no news". */
        log_info(MODULE, "%s does not exist yet: nothing is stored", path);
        if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
            migrate(s) || ensure_fetch_url_column(s) || ensure_story_stale_column(s)) {
            store_close(s);
            return -1;
        }
        *out = s;
        return 0;
    }
    buf_t uri = BUF_INIT;
    buf_puts(&uri, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '?' || *p == '#' || *p == '%') buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else buf_putc(&uri, *p);
    }
    size_t base_len = uri.len;
    buf_puts(&uri, "?mode=ro");
    int rc = sqlite3_open_v2(uri.data, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    int version = -1;
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(s->db, 5000);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
            else rc = sqlite3_extended_errcode(s->db);
            sqlite3_finalize(st);
        } else {
            rc = sqlite3_extended_errcode(s->db);
        }
    }
    if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) {
        /* A WAL store in a directory this process cannot write (so no
         * writer can either): read the file as it is, without locks. */
        sqlite3_close(s->db);
        s->db = NULL;
        uri.len = base_len;
        buf_puts(&uri, "?immutable=1");
        rc = sqlite3_open_v2(uri.data, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_stmt *st;
            if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
                if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
                else rc = sqlite3_extended_errcode(s->db);
                sqlite3_finalize(st);
            } else {
                rc = sqlite3_extended_errcode(s->db);
            }
        }
    }
    buf_free(&uri);
    if (rc != SQLITE_OK) {
        const char *why = fault_meaning(rc & 0xff);
        log_error(MODULE, "cannot read store %s: %s", path,
                  why ? why : s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        store_close(s);
        return -1;
    }
    if (version != (int)N_MIGRATIONS) {
        log_error(MODULE, "%s has schema version %d, not %d: `bulletin fetch` brings it up to date",
                  path, version, (int)N_MIGRATIONS);
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

int store_fault(const store_t *s) { return s->fault; }

const char *store_fault_brief(const store_t *s) {
    if (s->damaged) return "the store file is damaged";
    switch (s->fault) {
    case 0: return "no fault";
    case SQLITE_FULL: return "the disk is full";
    case SQLITE_READONLY: return "the store is read-only";
    case SQLITE_IOERR: return "the disk failed";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "the store is busy";
    default: return "the store failed";
    }
}
int store_damaged(const store_t *s) { return s->damaged; }
void store_fault_clear(store_t *s) {
    s->fault = 0;
    s->rate_code = 0;
    lograte_reset(&s->fault_log);
}

int store_check(store_t *s, char **why) { return quick_check(s, why); }

void store_close(store_t *s) {
    if (!s) return;
    cache_clear(s);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

int store_feed_ensure(store_t *s, const char *url, const char *name, int64_t *id) {
    sqlite3_stmt *st;
    /* Read first: a write per feed per pass would cost the SD card. */
    if (prepare(s, "SELECT id FROM feeds WHERE url = ?1 AND name IS ?2", &st)) return -1;
    bind_text(st, 1, url);
    bind_text(st, 2, name);
    int r = step_row(s, st);
    if (r == 1) *id = sqlite3_column_int64(st, 0);
    if (finish(s, st, r)) return -1;
    if (r == 1) return 0;
    if (prepare(s, "INSERT INTO feeds(url, name) VALUES(?1, ?2) "
                   "ON CONFLICT(url) DO UPDATE SET name = excluded.name RETURNING id",
                &st))
        return -1;
    bind_text(st, 1, url);
    bind_text(st, 2, name);
    return step_returning(s, st, id);
}

#define FEED_COLUMNS \
    "id, url, name, title, etag, last_modified, last_attempt, last_success, last_error, " \
    "failures, next_due"

static void feed_from_row(sqlite3_stmt *st, store_feed_t *f) {
    f->id = sqlite3_column_int64(st, 0);
    f->url = col_dup(st, 1);
    f->name = col_dup(st, 2);
    f->title = col_dup(st, 3);
    f->etag = col_dup(st, 4);
    f->last_modified = col_dup(st, 5);
    f->last_attempt = (time_t)sqlite3_column_int64(st, 6);
    f->last_success = (time_t)sqlite3_column_int64(st, 7);
    f->last_error = col_dup(st, 8);
    f->failures = sqlite3_column_int(st, 9);
    f->next_due = (time_t)sqlite3_column_int64(st, 10);
}

int store_feed_get(store_t *s, int64_t id, store_feed_t *out) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " FEED_COLUMNS " FROM feeds WHERE id = ?1", &st)) return -1;
    sqlite3_bind_int64(st, 1, id);
    int r = step_row(s, st);
    if (r == 1) feed_from_row(st, out);
    if (finish(s, st, r)) return -1;
    return r == 1 ? 0 : -1;
}

void store_feed_free(store_feed_t *f) {
    if (!f) return;
    free(f->url); free(f->name); free(f->title); free(f->etag); free(f->last_modified);
    free(f->last_error);
    memset(f, 0, sizeof *f);
}

int store_feed_list(store_t *s, store_feed_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " FEED_COLUMNS " FROM feeds ORDER BY name, url", &st)) return -1;
    int r;
    while ((r = step_row(s, st)) == 1) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        feed_from_row(st, &(*out)[(*n)++]);
    }
    if (finish(s, st, r) == 0) return 0;
    store_feed_list_free(*out, *n);
    *out = NULL;
    *n = 0;
    return -1;
}

void store_feed_list_free(store_feed_t *list, size_t n) {
    for (size_t i = 0; i < n; i++) store_feed_free(&list[i]);
    free(list);
}

int store_feed_success(store_t *s, int64_t id, time_t now, const char *title, const char *etag,
                       const char *last_modified, time_t next_due) {
    sqlite3_stmt *st;
    if (prepare(s,
                "UPDATE feeds SET last_attempt = ?2, last_success = ?2, failures = 0, "
                "last_error = NULL, next_due = ?3, title = COALESCE(?4, title), "
                "etag = CASE WHEN ?5 IS NULL THEN etag ELSE NULLIF(?5, '') END, "
                "last_modified = CASE WHEN ?6 IS NULL THEN last_modified ELSE NULLIF(?6, '') END "
                "WHERE id = ?1",
                &st))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int64(st, 3, next_due);
    bind_text(st, 4, title);
    bind_text(st, 5, etag);
    bind_text(st, 6, last_modified);
    return step_done(s, st);
}

int store_feed_failure(store_t *s, int64_t id, time_t now, const char *error, time_t next_due) {
    sqlite3_stmt *st;
    if (prepare(s,
                "UPDATE feeds SET last_attempt = ?2, failures = failures + 1, last_error = ?3, "
                "next_due = ?4 WHERE id = ?1",
                &st))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    bind_text(st, 3, error);
    sqlite3_bind_int64(st, 4, next_due);
    return step_done(s, st);
}

static char *article_key(const store_article_in_t *a) {
    buf_t k = BUF_INIT;
    if (a->guid && *a->guid) buf_printf(&k, "g:%s", a->guid);
    else if (a->url && *a->url) buf_printf(&k, "u:%s", a->url);
    else {
        /* a stable key for items with neither guid nor link (hash.h) */
        uint64_t h = hash_fnv1a_str(hash_fnv1a_str(HASH_FNV1A_BASIS, a->title),
                                    a->text ? a->text : a->summary);
        buf_printf(&k, "h:%016llx", (unsigned long long)h);
    }
    return buf_detach(&k);
}

int store_article_add(store_t *s, int64_t feed_id, const store_article_in_t *a, time_t now,
                      int64_t *id, int *is_new) {
    char *key = article_key(a);
    sqlite3_stmt *st;
    int rc = -1;
    *is_new = 0;
    if (prepare(s, "SELECT id FROM articles WHERE feed_id = ?1 AND key = ?2", &st)) goto out;
    sqlite3_bind_int64(st, 1, feed_id);
    bind_text(st, 2, key);
    int r = step_row(s, st);
    if (r == 1) *id = sqlite3_column_int64(st, 0);
    if (finish(s, st, r) || r == 1) {
        rc = r == 1 ? 0 : -1;
        goto out;
    }
    if (prepare(s,
                "INSERT INTO articles(feed_id, key, guid, url, title, summary, text, image, "
                "author, lang, published, first_seen) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
                &st))
        goto out;
    time_t published = a->published > 0 && a->published <= now ? a->published : now;
    sqlite3_bind_int64(st, 1, feed_id);
    bind_text(st, 2, key);
    bind_text(st, 3, a->guid);
    bind_text(st, 4, a->url);
    bind_text(st, 5, a->title);
    bind_text(st, 6, a->summary);
    bind_text(st, 7, a->text);
    bind_text(st, 8, a->image);
    bind_text(st, 9, a->author);
    bind_text(st, 10, a->lang);
    sqlite3_bind_int64(st, 11, published);
    sqlite3_bind_int64(st, 12, now);
    if (step_returning(s, st, id) == 0) {
        *is_new = 1;
        rc = 0;
    }
out:
    free(key);
    return rc;
}

int store_article_set_points(store_t *s, int64_t id, char *const *points, size_t n) {
    if (begin(s)) return -1;
    sqlite3_stmt *st;
    if (prepare(s, "DELETE FROM points WHERE article_id = ?1", &st)) goto fail;
    sqlite3_bind_int64(st, 1, id);
    if (step_done(s, st)) goto fail;
    for (size_t i = 0; i < n; i++) {
        if (prepare(s, "INSERT INTO points(article_id, rank, text) VALUES(?1, ?2, ?3)", &st))
            goto fail;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, (int)i);
        bind_text(st, 3, points[i]);
        if (step_done(s, st)) goto fail;
    }
    return commit(s);
fail:
    rollback(s);
    return -1;
}

/* The one number a query such as "SELECT count(*) ..." returns. */
static int query_int64(store_t *s, const char *sql, int64_t *n) {
    sqlite3_stmt *st;
    if (prepare(s, sql, &st)) return -1;
    int r = step_row(s, st);
    *n = r == 1 ? sqlite3_column_int64(st, 0) : 0;
    return finish(s, st, r);
}

int store_article_count(store_t *s, int64_t *n) {
    return query_int64(s, "SELECT count(*) FROM articles", n);
}

static void slide_add_point(store_slide_t *sl, const char *text) {
    sl->points = xrealloc(sl->points, (sl->n_points + 1) * sizeof *sl->points);
    sl->points[sl->n_points++] = xstrdup(text);
}

/* ---------------------------------------------------------------- stories */
#define STORY_ARTICLE_COLUMNS \
    "a.id, COALESCE(a.story_id, 0), a.feed_id, a.published, a.title, " \
    "COALESCE(a.text, a.summary), a.lang, a.cluster_terms, COALESCE(f.name, f.title, f.url)"

static void story_article_from_row(sqlite3_stmt *st, store_story_article_t *a, int with_text) {
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->story_id = sqlite3_column_int64(st, 1);
    a->feed_id = sqlite3_column_int64(st, 2);
    a->published = (time_t)sqlite3_column_int64(st, 3);
    a->title = col_dup(st, 4);
    if (with_text) a->text = col_dup(st, 5);
    a->lang = col_dup(st, 6);
    a->terms = col_dup(st, 7);
    a->feed_name = col_dup(st, 8);
}

void store_story_article_clear(store_story_article_t *a) {
    free(a->title); free(a->text); free(a->lang); free(a->terms); free(a->feed_name);
    memset(a, 0, sizeof *a);
}

void store_story_articles_free(store_story_article_t *list, size_t n) {
    for (size_t i = 0; i < n; i++) store_story_article_clear(&list[i]);
    free(list);
}

int store_story_article_get(store_t *s, int64_t article_id, store_story_article_t *out) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " STORY_ARTICLE_COLUMNS " FROM articles a "
                   "JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?1", &st))
        return -1;
    sqlite3_bind_int64(st, 1, article_id);
    int r = step_row(s, st);
    if (r == 1) story_article_from_row(st, out, 1);
    if (finish(s, st, r)) {
        store_story_article_clear(out);
        return -1;
    }
    return r == 1 ? 0 : -1;
}

static int story_article_list(store_t *s, sqlite3_stmt *st, int with_text,
                              store_story_article_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    int r;
    while ((r = step_row(s, st)) == 1) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        story_article_from_row(st, &(*out)[(*n)++], with_text);
    }
    if (finish(s, st, r)) {
        store_story_articles_free(*out, *n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

int store_story_window(store_t *s, time_t since, store_story_article_t **out, size_t *n) {
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " STORY_ARTICLE_COLUMNS " FROM articles a "
                   "JOIN feeds f ON f.id = a.feed_id "
                   "WHERE a.story_id IS NOT NULL AND a.published >= ?1 ORDER BY a.id", &st))
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)since);
    return story_article_list(s, st, 0, out, n);
}

int store_story_articles(store_t *s, int64_t story_id, store_story_article_t **out, size_t *n) {
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " STORY_ARTICLE_COLUMNS " FROM articles a "
                   "JOIN feeds f ON f.id = a.feed_id "
                   "WHERE a.story_id = ?1 ORDER BY a.published, a.id", &st))
        return -1;
    sqlite3_bind_int64(st, 1, story_id);
    return story_article_list(s, st, 1, out, n);
}

int store_article_set_story(store_t *s, int64_t article_id, int64_t story_id, const char *terms,
                            time_t now, int64_t *story_out) {
    if (begin(s)) return -1;
    sqlite3_stmt *st;
    if (story_id <= 0) {
        if (prepare(s, "INSERT INTO stories(created, lead_article_id) VALUES(?1, ?2) RETURNING id",
                    &st))
            goto fail;
        sqlite3_bind_int64(st, 1, (int64_t)now);
        sqlite3_bind_int64(st, 2, article_id);
        if (step_returning(s, st, &story_id)) goto fail;
    }
    if (prepare(s, "UPDATE articles SET story_id = ?2, cluster_terms = ?3 WHERE id = ?1", &st))
        goto fail;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int64(st, 2, story_id);
    bind_text(st, 3, terms);
    if (step_done(s, st)) goto fail;
    if (prepare(s, "UPDATE stories SET stale = 1 WHERE id = ?1", &st)) goto fail;
    sqlite3_bind_int64(st, 1, story_id);
    if (step_done(s, st)) goto fail;
    *story_out = story_id;
    return commit(s);
fail:
    rollback(s);
    return -1;
}

int store_story_set_summary(store_t *s, int64_t story_id, const char *headline,
                            int64_t lead_article_id, const store_story_point_t *points, size_t n) {
    if (begin(s)) return -1;
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE stories SET headline = ?2, lead_article_id = ?3, stale = 0 WHERE id = ?1",
                &st))
        goto fail;
    sqlite3_bind_int64(st, 1, story_id);
    bind_text(st, 2, headline);
    if (lead_article_id > 0) sqlite3_bind_int64(st, 3, lead_article_id);
    else sqlite3_bind_null(st, 3);
    if (step_done(s, st)) goto fail;
    if (prepare(s, "DELETE FROM story_points WHERE story_id = ?1", &st)) goto fail;
    sqlite3_bind_int64(st, 1, story_id);
    if (step_done(s, st)) goto fail;
    for (size_t i = 0; i < n; i++) {
        if (prepare(s, "INSERT INTO story_points(story_id, rank, text, article_id) "
                       "VALUES(?1, ?2, ?3, ?4)", &st))
            goto fail;
        sqlite3_bind_int64(st, 1, story_id);
        sqlite3_bind_int(st, 2, (int)i);
        bind_text(st, 3, points[i].text);
        if (points[i].article_id > 0) sqlite3_bind_int64(st, 4, points[i].article_id);
        else sqlite3_bind_null(st, 4);
        if (step_done(s, st)) goto fail;
    }
    return commit(s);
fail:
    rollback(s);
    return -1;
}

int store_story_mark_fresh(store_t *s, int64_t story_id) {
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE stories SET stale = 0 WHERE id = ?1", &st)) return -1;
    sqlite3_bind_int64(st, 1, story_id);
    return step_done(s, st);
}

/* The ids a one-column query returns, at most limit. */
static int query_ids(store_t *s, const char *sql, size_t limit, int64_t **ids, size_t *n) {
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s, sql, &st)) return -1;
    sqlite3_bind_int64(st, 1, (int64_t)limit);
    int r;
    while ((r = step_row(s, st)) == 1) {
        *ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    if (finish(s, st, r) == 0) return 0;
    free(*ids);
    *ids = NULL;
    *n = 0;
    return -1;
}

int store_articles_unclustered(store_t *s, size_t limit, int64_t **ids, size_t *n) {
    return query_ids(s, "SELECT id FROM articles WHERE story_id IS NULL ORDER BY id LIMIT ?1",
                     limit, ids, n);
}

int store_stories_stale(store_t *s, size_t limit, int64_t **ids, size_t *n) {
    return query_ids(s, "SELECT id FROM stories WHERE stale != 0 ORDER BY id LIMIT ?1", limit, ids,
                     n);
}

int store_story_count(store_t *s, int64_t *n) {
    return query_int64(s, "SELECT count(*) FROM stories", n);
}

static void slide_add_source(store_slide_t *sl, const char *name) {
    if (!name) return;
    for (size_t i = 0; i < sl->n_sources; i++)
        if (strcmp(sl->sources[i], name) == 0) return;
    sl->sources = xrealloc(sl->sources, (sl->n_sources + 1) * sizeof *sl->sources);
    sl->sources[sl->n_sources++] = xstrdup(name);
}

/* The points an article has (its own, not its story's). */
static int slide_article_points(store_t *s, int64_t article_id, store_slide_t *sl) {
    sqlite3_stmt *st;
    if (prepare(s, "SELECT text FROM points WHERE article_id = ?1 ORDER BY rank", &st)) return -1;
    sqlite3_bind_int64(st, 1, article_id);
    int r;
    while ((r = step_row(s, st)) == 1) slide_add_point(sl, (const char *)sqlite3_column_text(st, 0));
    return finish(s, st, r);
}

/* One slide from the articles of a story, the lead article first. An
 * article in no story is a story of its own (story_id 0). */
static int slide_load(store_t *s, int64_t story_id, int64_t article_id, store_slide_t *sl) {
    memset(sl, 0, sizeof *sl);
    sqlite3_stmt *st;
    char *story_headline = NULL;
    int64_t lead = article_id;
    if (story_id > 0) {
        if (prepare(s, "SELECT headline, COALESCE(lead_article_id, 0), created FROM stories "
                       "WHERE id = ?1", &st))
            return -1;
        sqlite3_bind_int64(st, 1, story_id);
        int r = step_row(s, st);
        if (r == 1) {
            story_headline = col_dup(st, 0);
            lead = sqlite3_column_int64(st, 1);
            sl->first_seen = (time_t)sqlite3_column_int64(st, 2);
        }
        if (finish(s, st, r)) {
            free(story_headline);
            return -1;
        }
    }
    if (prepare(s,
                "SELECT a.id, a.title, a.url, a.image, a.published, "
                "COALESCE(f.name, f.title, f.url), a.summary, a.feed_id, a.first_seen, "
                "a.image_file "
                "FROM articles a JOIN feeds f ON f.id = a.feed_id "
                "WHERE (?1 > 0 AND a.story_id = ?1) OR (?1 = 0 AND a.id = ?2) "
                "ORDER BY a.id = ?3 DESC, a.published, a.id",
                &st)) {
        free(story_headline);
        return -1;
    }
    assert(sqlite3_column_count(st) == 10); /* the columns read below, by index */
    sqlite3_bind_int64(st, 1, story_id);
    sqlite3_bind_int64(st, 2, article_id);
    sqlite3_bind_int64(st, 3, lead);
    char *summary = NULL;
    int64_t lead_id = 0;
    int r;
    while ((r = step_row(s, st)) == 1) {
        time_t published = (time_t)sqlite3_column_int64(st, 4);
        if (lead_id == 0) { /* the lead article */
            lead_id = sqlite3_column_int64(st, 0);
            sl->headline = col_dup(st, 1);
            sl->link = col_dup(st, 2);
            sl->image = col_dup(st, 3);
            sl->image_file = col_dup(st, 9);
            summary = col_dup(st, 6);
            sl->feed_id = sqlite3_column_int64(st, 7);
        }
        if (!sl->image) { /* the first article that has one: its image, and its file */
            free(sl->image_file);
            sl->image = col_dup(st, 3);
            sl->image_file = col_dup(st, 9);
        }
        if (published > sl->published) sl->published = published;
        time_t seen = (time_t)sqlite3_column_int64(st, 8);
        if (!sl->first_seen || seen < sl->first_seen) sl->first_seen = seen;
        slide_add_source(sl, (const char *)sqlite3_column_text(st, 5));
    }
    if (finish(s, st, r)) {
        free(story_headline);
        free(summary);
        return -1;
    }
    sl->id = story_id > 0 ? story_id : -article_id;
    assert(sl->id != 0); /* 0 is no slide: ids are positive rowids */
    if (story_headline && *story_headline) {
        free(sl->headline);
        sl->headline = story_headline;
        story_headline = NULL;
    }
    free(story_headline);
    if (!sl->headline) sl->headline = xstrdup("");
    if (story_id > 0) {
        if (prepare(s, "SELECT text FROM story_points WHERE story_id = ?1 ORDER BY rank", &st)) {
            free(summary);
            return -1;
        }
        sqlite3_bind_int64(st, 1, story_id);
        while ((r = step_row(s, st)) == 1)
            slide_add_point(sl, (const char *)sqlite3_column_text(st, 0));
        if (finish(s, st, r)) {
            free(summary);
            return -1;
        }
    }
    if (sl->n_points == 0 && lead_id && slide_article_points(s, lead_id, sl)) {
        free(summary);
        return -1;
    }
    /* No points yet (text not fetched): the feed's summary stands in. */
    if (sl->n_points == 0 && summary && *summary) slide_add_point(sl, summary);
    free(summary);
    return 0;
}

int store_slides_load(store_t *s, size_t limit, store_slide_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    /* One row per story, and per article in no story: the newest first. */
    if (prepare(s,
                "SELECT COALESCE(story_id, 0), MIN(id), MAX(published) AS newest FROM articles "
                "GROUP BY COALESCE(story_id, -id) ORDER BY newest DESC, MIN(id) DESC LIMIT ?1",
                &st))
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)limit);
    size_t n_groups = 0;
    int64_t(*groups)[2] = NULL;
    int r;
    while ((r = step_row(s, st)) == 1) {
        groups = xrealloc(groups, (n_groups + 1) * sizeof *groups);
        groups[n_groups][0] = sqlite3_column_int64(st, 0);
        groups[n_groups][1] = sqlite3_column_int64(st, 1);
        n_groups++;
    }
    int rc = finish(s, st, r);
    if (n_groups) *out = xcalloc(n_groups, sizeof **out);
    for (size_t i = 0; i < n_groups && rc == 0; i++) {
        rc = slide_load(s, groups[i][0], groups[i][1], &(*out)[i]);
        if (rc == 0) (*n)++;
    }
    free(groups);
    if (rc) {
        store_slides_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void store_slide_clear(store_slide_t *sl) {
    free(sl->headline); free(sl->link); free(sl->image); free(sl->image_file);
    for (size_t j = 0; j < sl->n_points; j++) free(sl->points[j]);
    free(sl->points);
    for (size_t j = 0; j < sl->n_sources; j++) free(sl->sources[j]);
    free(sl->sources);
    memset(sl, 0, sizeof *sl);
}

void store_slides_free(store_slide_t *slides, size_t n) {
    for (size_t i = 0; i < n; i++) store_slide_clear(&slides[i]);
    free(slides);
}

int store_prune(store_t *s, time_t now, int max_age_s, int keep_per_feed) {
    /* Old is measured from the feed's last success, not from now: what a
     * feed that cannot be fetched (offline, a clock jumped ahead) last gave
     * is kept, and so are each feed's newest keep_per_feed articles. */
    static const char *const steps[] = {
        "CREATE TEMP TABLE IF NOT EXISTS doomed(id INTEGER PRIMARY KEY)",
        "DELETE FROM temp.doomed",
        "INSERT INTO temp.doomed SELECT id FROM ("
        " SELECT a.id, a.published, a.first_seen, MIN(?1, f.last_success) - ?2 AS cutoff,"
        "  ROW_NUMBER() OVER (PARTITION BY a.feed_id ORDER BY a.published DESC, a.id DESC) AS rn"
        " FROM articles a JOIN feeds f ON f.id = a.feed_id)"
        " WHERE published < cutoff AND first_seen < cutoff AND rn > ?3",
        /* a story that loses an article is recomputed from the rest */
        "UPDATE stories SET stale = 1 WHERE id IN"
        " (SELECT story_id FROM articles WHERE id IN temp.doomed)",
        "DELETE FROM story_points WHERE article_id IN temp.doomed",
        "DELETE FROM articles WHERE id IN temp.doomed",
        "DELETE FROM stories WHERE NOT EXISTS"
        " (SELECT 1 FROM articles a WHERE a.story_id = stories.id)",
    };
    if (begin(s)) return -1;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        sqlite3_stmt *st;
        if (prepare(s, steps[i], &st)) goto fail;
        if (sqlite3_bind_parameter_count(st) == 3) {
            sqlite3_bind_int64(st, 1, (int64_t)now);
            sqlite3_bind_int64(st, 2, (int64_t)max_age_s);
            sqlite3_bind_int(st, 3, keep_per_feed);
        }
        if (step_done(s, st)) goto fail;
    }
    return commit(s);
fail:
    rollback(s);
    return -1;
}

/* ---------------------------------------------------------------- fetch_url
 * Where a feed moved to (a permanent redirect). Kept apart from feeds.url,
 * which stays the config's URL: the key the worker looks feeds up by. The
 * column is added outside the numbered migrations (idempotently, when
 * PRAGMA table_info lacks it), so it never collides with schema versions. */
static int ensure_fetch_url_column(store_t *s) {
    sqlite3_stmt *st;
    if (prepare(s, "SELECT 1 FROM pragma_table_info('feeds') WHERE name = 'fetch_url'", &st))
        return -1;
    int present = step_row(s, st);
    if (finish(s, st, present)) return -1;
    if (present) return 0;
    return exec(s, "ALTER TABLE feeds ADD COLUMN fetch_url TEXT");
}

/* stories.stale: set when an article joins, cleared when the story's points
 * are recomputed, so a refresh a crash cut short is done on the next pass.
 * Added the same way as fetch_url. */
static int ensure_story_stale_column(store_t *s) {
    sqlite3_stmt *st;
    if (prepare(s, "SELECT 1 FROM pragma_table_info('stories') WHERE name = 'stale'", &st))
        return -1;
    int present = step_row(s, st);
    if (finish(s, st, present)) return -1;
    if (present) return 0;
    return exec(s, "ALTER TABLE stories ADD COLUMN stale INTEGER NOT NULL DEFAULT 0");
}

int store_feed_get_fetch_url(store_t *s, int64_t id, char **url) {
    sqlite3_stmt *st;
    *url = NULL;
    if (prepare(s, "SELECT fetch_url FROM feeds WHERE id = ?1", &st)) return -1;
    sqlite3_bind_int64(st, 1, id);
    int r = step_row(s, st);
    if (r == 1) *url = col_dup(st, 0);
    return finish(s, st, r);
}

int store_feed_set_fetch_url(store_t *s, int64_t id, const char *url) {
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE feeds SET fetch_url = ?2 WHERE id = ?1", &st)) return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, url);
    return step_done(s, st);
}

int store_article_exists(store_t *s, int64_t feed_id, const store_article_in_t *a, int *exists) {
    char *key = article_key(a);
    sqlite3_stmt *st;
    *exists = 0;
    int rc = -1;
    if (prepare(s, "SELECT 1 FROM articles WHERE feed_id = ?1 AND key = ?2", &st) == 0) {
        sqlite3_bind_int64(st, 1, feed_id);
        bind_text(st, 2, key);
        int r = step_row(s, st);
        *exists = r == 1;
        rc = finish(s, st, r);
    }
    free(key);
    return rc;
}

int store_article_images(store_t *s, store_image_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s, "SELECT a.image, MIN(f.url), MAX(a.published) AS newest, MAX(a.image_file) "
                   "FROM articles a "
                   "JOIN feeds f ON f.id = a.feed_id WHERE a.image IS NOT NULL "
                   "GROUP BY a.image ORDER BY newest DESC, MAX(a.id) DESC", &st))
        return -1;
    int r;
    while ((r = step_row(s, st)) == 1) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[*n] = (store_image_t){col_dup(st, 0), col_dup(st, 1), col_dup(st, 3)};
        (*n)++;
    }
    if (finish(s, st, r) == 0) return 0;
    store_article_images_free(*out, *n);
    *out = NULL;
    *n = 0;
    return -1;
}

void store_article_images_free(store_image_t *list, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(list[i].url);
        free(list[i].feed_url);
        free(list[i].file);
    }
    free(list);
}

int store_image_set_file(store_t *s, const char *url, const char *file) {
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE articles SET image_file = ?2 WHERE image = ?1 AND image_file IS NOT ?2",
                &st))
        return -1;
    bind_text(st, 1, url);
    bind_text(st, 2, file);
    return step_done(s, st);
}
