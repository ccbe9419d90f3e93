/* store.c - see store.h. */
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "log.h"

#define MODULE "store"

struct store {
    sqlite3 *db;
    char *path;
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
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

static int exec(store_t *s, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        log_error(MODULE, "%s: %s", s->path, msg ? msg : "unknown error");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int prepare(store_t *s, const char *sql, sqlite3_stmt **st) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
        log_error(MODULE, "%s: %s", s->path, sqlite3_errmsg(s->db));
        return -1;
    }
    return 0;
}

/* Steps a statement that returns no rows, then finalizes it. */
static int step_done(store_t *s, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        log_error(MODULE, "%s: %s", s->path, sqlite3_errmsg(s->db));
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
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
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
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
            exec(s, "ROLLBACK");
            return -1;
        }
        log_info(MODULE, "%s: schema migrated to version %d", s->path, v + 1);
    }
    return 0;
}

static int ensure_fetch_url_column(store_t *s);

int store_open(const char *path, store_t **out) {
    *out = NULL;
    store_t *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        log_error(MODULE, "cannot open store %s: %s", path,
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return -1;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* WAL: the display reads while the worker writes. synchronous=NORMAL in
     * WAL mode is durable across application crashes and keeps the database
     * consistent across power cuts; it writes far less to an SD card. */
    if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;") ||
        migrate(s) || ensure_fetch_url_column(s)) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(store_t *s) {
    if (!s) return;
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

int store_feed_ensure(store_t *s, const char *url, const char *name, int64_t *id) {
    sqlite3_stmt *st;
    if (prepare(s, "INSERT INTO feeds(url, name) VALUES(?1, ?2) "
                   "ON CONFLICT(url) DO UPDATE SET name = excluded.name RETURNING id",
                &st))
        return -1;
    bind_text(st, 1, url);
    bind_text(st, 2, name);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        log_error(MODULE, "%s: %s", s->path, sqlite3_errmsg(s->db));
        sqlite3_finalize(st);
        return -1;
    }
    *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return 0;
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
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0) feed_from_row(st, out);
    sqlite3_finalize(st);
    return rc;
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
    while (sqlite3_step(st) == SQLITE_ROW) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        feed_from_row(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    return 0;
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

int store_feed_set_url(store_t *s, int64_t id, const char *url) {
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE OR IGNORE feeds SET url = ?2 WHERE id = ?1", &st)) return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, url);
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
    if (sqlite3_step(st) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        rc = 0;
        goto out;
    }
    sqlite3_finalize(st);
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
    if (sqlite3_step(st) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *is_new = 1;
        rc = 0;
    } else {
        log_error(MODULE, "%s: %s", s->path, sqlite3_errmsg(s->db));
    }
    sqlite3_finalize(st);
out:
    free(key);
    return rc;
}

int store_article_set_text(store_t *s, int64_t id, const char *text, const char *image,
                           const char *lang) {
    sqlite3_stmt *st;
    if (prepare(s,
                "UPDATE articles SET text = ?2, image = COALESCE(image, ?3), "
                "lang = COALESCE(lang, ?4) WHERE id = ?1",
                &st))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, text);
    bind_text(st, 3, image);
    bind_text(st, 4, lang);
    return step_done(s, st);
}

int store_article_set_points(store_t *s, int64_t id, char *const *points, size_t n) {
    if (exec(s, "BEGIN IMMEDIATE")) return -1;
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
    return exec(s, "COMMIT");
fail:
    exec(s, "ROLLBACK");
    return -1;
}

/* The one number a query such as "SELECT count(*) ..." returns. */
static int query_int64(store_t *s, const char *sql, int64_t *n) {
    sqlite3_stmt *st;
    if (prepare(s, sql, &st)) return -1;
    *n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
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
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0) story_article_from_row(st, out, 1);
    sqlite3_finalize(st);
    return rc;
}

static int story_article_list(store_t *s, sqlite3_stmt *st, int with_text,
                              store_story_article_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        story_article_from_row(st, &(*out)[(*n)++], with_text);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        log_error(MODULE, "%s: %s", s->path, sqlite3_errmsg(s->db));
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
    if (exec(s, "BEGIN IMMEDIATE")) return -1;
    sqlite3_stmt *st;
    if (story_id <= 0) {
        if (prepare(s, "INSERT INTO stories(created, lead_article_id) VALUES(?1, ?2) RETURNING id",
                    &st))
            goto fail;
        sqlite3_bind_int64(st, 1, (int64_t)now);
        sqlite3_bind_int64(st, 2, article_id);
        if (sqlite3_step(st) != SQLITE_ROW) {
            log_error(MODULE, "%s: %s", s->path, sqlite3_errmsg(s->db));
            sqlite3_finalize(st);
            goto fail;
        }
        story_id = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    if (prepare(s, "UPDATE articles SET story_id = ?2, cluster_terms = ?3 WHERE id = ?1", &st))
        goto fail;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int64(st, 2, story_id);
    bind_text(st, 3, terms);
    if (step_done(s, st)) goto fail;
    *story_out = story_id;
    return exec(s, "COMMIT");
fail:
    exec(s, "ROLLBACK");
    return -1;
}

int store_story_set_summary(store_t *s, int64_t story_id, const char *headline,
                            int64_t lead_article_id, const store_story_point_t *points, size_t n) {
    if (exec(s, "BEGIN IMMEDIATE")) return -1;
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE stories SET headline = ?2, lead_article_id = ?3 WHERE id = ?1", &st))
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
    return exec(s, "COMMIT");
fail:
    exec(s, "ROLLBACK");
    return -1;
}

int store_story_count(store_t *s, int64_t *n) {
    return query_int64(s, "SELECT count(*) FROM stories", n);
}

int store_stories_prune(store_t *s) {
    return exec(s, "DELETE FROM stories WHERE NOT EXISTS "
                   "(SELECT 1 FROM articles a WHERE a.story_id = stories.id)");
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
    while (sqlite3_step(st) == SQLITE_ROW)
        slide_add_point(sl, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return 0;
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
        if (sqlite3_step(st) == SQLITE_ROW) {
            story_headline = col_dup(st, 0);
            lead = sqlite3_column_int64(st, 1);
            sl->first_seen = (time_t)sqlite3_column_int64(st, 2);
        }
        sqlite3_finalize(st);
    }
    if (prepare(s,
                "SELECT a.id, a.title, a.url, a.image, a.published, "
                "COALESCE(f.name, f.title, f.url), a.summary, a.feed_id, a.first_seen "
                "FROM articles a JOIN feeds f ON f.id = a.feed_id "
                "WHERE (?1 > 0 AND a.story_id = ?1) OR (?1 = 0 AND a.id = ?2) "
                "ORDER BY a.id = ?3 DESC, a.published, a.id",
                &st)) {
        free(story_headline);
        return -1;
    }
    sqlite3_bind_int64(st, 1, story_id);
    sqlite3_bind_int64(st, 2, article_id);
    sqlite3_bind_int64(st, 3, lead);
    char *summary = NULL;
    int64_t lead_id = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        time_t published = (time_t)sqlite3_column_int64(st, 4);
        if (lead_id == 0) { /* the lead article */
            lead_id = sqlite3_column_int64(st, 0);
            sl->headline = col_dup(st, 1);
            sl->link = col_dup(st, 2);
            sl->image = col_dup(st, 3);
            summary = col_dup(st, 6);
            sl->feed_id = sqlite3_column_int64(st, 7);
        }
        if (!sl->image) sl->image = col_dup(st, 3);
        if (published > sl->published) sl->published = published;
        time_t seen = (time_t)sqlite3_column_int64(st, 8);
        if (!sl->first_seen || seen < sl->first_seen) sl->first_seen = seen;
        slide_add_source(sl, (const char *)sqlite3_column_text(st, 5));
    }
    sqlite3_finalize(st);
    sl->id = story_id > 0 ? story_id : -article_id;
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
        while (sqlite3_step(st) == SQLITE_ROW)
            slide_add_point(sl, (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    if (sl->n_points == 0 && lead_id) slide_article_points(s, lead_id, sl);
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
    while (sqlite3_step(st) == SQLITE_ROW) {
        groups = xrealloc(groups, (n_groups + 1) * sizeof *groups);
        groups[n_groups][0] = sqlite3_column_int64(st, 0);
        groups[n_groups][1] = sqlite3_column_int64(st, 1);
        n_groups++;
    }
    sqlite3_finalize(st);
    int rc = 0;
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
    free(sl->headline); free(sl->link); free(sl->image);
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

int store_prune(store_t *s, time_t now, int max_age_s) {
    sqlite3_stmt *st;
    if (prepare(s, "DELETE FROM articles WHERE published < ?1 AND first_seen < ?1", &st))
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)now - max_age_s);
    return step_done(s, st);
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
    int present = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (present) return 0;
    return exec(s, "ALTER TABLE feeds ADD COLUMN fetch_url TEXT");
}

int store_feed_get_fetch_url(store_t *s, int64_t id, char **url) {
    sqlite3_stmt *st;
    *url = NULL;
    if (prepare(s, "SELECT fetch_url FROM feeds WHERE id = ?1", &st)) return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) *url = col_dup(st, 0);
    sqlite3_finalize(st);
    return 0;
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
        int step = sqlite3_step(st);
        *exists = step == SQLITE_ROW;
        rc = step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
        sqlite3_finalize(st);
    }
    free(key);
    return rc;
}
