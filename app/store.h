/* store.h - the SQLite store: feeds and their fetch state, articles, points.
 *
 * Contract: one file, WAL mode, schema version in PRAGMA user_version and
 * migrated forward on open (a newer, unknown version is refused). Every write
 * is one transaction, synced to the disk when its COMMIT returns
 * (synchronous=FULL), so a power cut loses at most the write under way; the
 * WAL is checkpointed every 1000 pages and kept under 4 MiB after.
 * Articles are keyed so the same item is stored once even when a feed
 * re-publishes it: by (feed, guid) when the feed gives one, else by link, else
 * by a hash of title and text. Times are UTC seconds; published is clamped to
 * first_seen when it lies in the future. Functions return 0 on success and
 * -1 on error: every step, finalize (or reset: the store keeps its prepared
 * statements for reuse) and COMMIT is checked, and the error is
 * logged (faults of the disk or file once a minute, see store_fault).
 * Readers (the display, status, shot: store_open_readonly) and the writer
 * (the fetch worker: store_open) may be different processes.
 */
#ifndef BULLETIN_STORE_H
#define BULLETIN_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct store store_t;

#define STORE_SCHEMA_VERSION 3

/* A feed's fetch state, as kept between fetches. */
typedef struct {
    int64_t id;
    char *url;
    char *name;
    char *title;
    char *etag;
    char *last_modified;
    time_t last_attempt;
    time_t last_success;
    char *last_error;
    int failures;
    time_t next_due;
} store_feed_t;

/* An article as the fetch worker hands it in. */
typedef struct {
    const char *guid;
    const char *url;
    const char *title;
    const char *summary;
    const char *text;    /* extracted body, or NULL */
    const char *image;
    const char *author;
    const char *lang;
    time_t published;    /* 0: unknown */
} store_article_in_t;

/* What the display shows: one slide's worth of content. */
typedef struct {
    int64_t id;
    char *headline;
    char **points;
    size_t n_points;
    char **sources;      /* names of the outlets, most important first */
    size_t n_sources;
    char *link;
    char *image;
    char *image_file;    /* image's file in the image cache (imgcache.h), NULL: none */
    time_t published;    /* or first seen; a story's newest article */
    unsigned accent;     /* 0xRRGGBB or 0 */
    time_t first_seen;   /* when the story (or article) appeared */
    int64_t feed_id;     /* the lead article's feed */
} store_slide_t;

/* An article as story clustering and summarizing see it. */
typedef struct {
    int64_t id;
    int64_t story_id;    /* 0: none yet */
    int64_t feed_id;
    time_t published;
    char *title;
    char *text;          /* the stored text, else the feed's summary; NULL in a window */
    char *lang;
    char *terms;         /* cluster_vec_serialize form, or NULL */
    char *feed_name;
} store_story_article_t;

/* A story's point, credited to one of its articles (0: none). */
typedef struct {
    const char *text;
    int64_t article_id;
} store_story_point_t;

/* Opens (creating) for writing, the fetch worker's way: checks the file
 * (PRAGMA quick_check) and, when it is damaged (garbled, truncated, zeroed),
 * moves it aside (store_quarantine) and starts a new, empty store. */
int store_open(const char *path, store_t **out);
/* Opens for reading only (status, shot, the display): never writes, so it
 * works on a store in a read-only directory; refuses a schema version other
 * than this one's. */
int store_open_readonly(const char *path, store_t **out);
void store_close(store_t *s);
/* Renames path (and its -wal, -shm) to path.damaged-YYYYMMDDTHHMMSSZ, with
 * one log line. */
int store_quarantine(const char *path, time_t now);
/* The primary SQLite result code (SQLITE_FULL, SQLITE_READONLY, ...) of the
 * last call that failed, 0 when none did since store_fault_clear. Faults of
 * the disk or the file are logged once, then once a minute with a count. */
int store_fault(const store_t *s);
/* The fault in a few words for a feed's health: "the disk is full", ... */
const char *store_fault_brief(const store_t *s);
void store_fault_clear(store_t *s);
/* 1 once an SQLITE_CORRUPT (or NOTADB) was seen: the store needs replacing. */
int store_damaged(const store_t *s);
/* PRAGMA quick_check: 0 when sound, else -1 and *why (malloc'd). */
int store_check(store_t *s, char **why);

/* Several calls as one transaction (one write): store_begin, the calls,
 * then store_commit, or store_rollback when one failed. Calls nest inside. */
int store_begin(store_t *s);
int store_commit(store_t *s);
void store_rollback(store_t *s);

/* Feeds: make sure a row exists for url (name updated), give its state. */
int store_feed_ensure(store_t *s, const char *url, const char *name, int64_t *id);
int store_feed_get(store_t *s, int64_t id, store_feed_t *out);
void store_feed_free(store_feed_t *f);
/* A fetch answered: validators are replaced when given (200; "" clears one
 * the answer lacked) and kept when NULL (304). Resets failures. */
int store_feed_success(store_t *s, int64_t id, time_t now, const char *title, const char *etag,
                       const char *last_modified, time_t next_due);
int store_feed_failure(store_t *s, int64_t id, time_t now, const char *error, time_t next_due);
/* All feeds, for `bulletin status`. */
int store_feed_list(store_t *s, store_feed_t **out, size_t *n);
void store_feed_list_free(store_feed_t *list, size_t n);

/* Inserts the article unless it is stored already. *is_new says which. */
int store_article_add(store_t *s, int64_t feed_id, const store_article_in_t *a, time_t now,
                      int64_t *id, int *is_new);
int store_article_set_points(store_t *s, int64_t id, char *const *points, size_t n);
/* How many articles are stored. */
int store_article_count(store_t *s, int64_t *n);

/* ---------------------------------------------------------------- stories
 * An article joins one story; a story's points are recomputed (story.h)
 * after one joins. store_prune drops stories with no article left. */
int store_story_article_get(store_t *s, int64_t article_id, store_story_article_t *out);
/* The clustered articles published at or after since (no text, with terms). */
int store_story_window(store_t *s, time_t since, store_story_article_t **out, size_t *n);
/* Puts the article into story_id, or into a new story (created now) when
 * story_id is 0; keeps its terms. *story_out gets the story. */
int store_article_set_story(store_t *s, int64_t article_id, int64_t story_id, const char *terms,
                            time_t now, int64_t *story_out);
/* The articles of a story, with text and feed name, oldest first. */
int store_story_articles(store_t *s, int64_t story_id, store_story_article_t **out, size_t *n);
void store_story_article_clear(store_story_article_t *a);
void store_story_articles_free(store_story_article_t *list, size_t n);
int store_story_set_summary(store_t *s, int64_t story_id, const char *headline,
                            int64_t lead_article_id, const store_story_point_t *points, size_t n);
/* A story whose points need no recomputing (summarizing found no text). */
int store_story_mark_fresh(store_t *s, int64_t story_id);
/* Repair after a crash: articles not placed in any story yet, and stories
 * an article joined since their points were last computed (oldest first, at
 * most limit; *ids malloc'd). */
int store_articles_unclustered(store_t *s, size_t limit, int64_t **ids, size_t *n);
int store_stories_stale(store_t *s, size_t limit, int64_t **ids, size_t *n);
int store_story_count(store_t *s, int64_t *n);

/* The newest slides, newest first, at most limit (the caller decides what
 * is too old to show): one per story - its headline and points, the names
 * of its outlets (the lead article's first, then by who reported first),
 * the lead article's link and image, its newest article's time - and one
 * per article not in a story yet. */
int store_slides_load(store_t *s, size_t limit, store_slide_t **out, size_t *n);
void store_slides_free(store_slide_t *slides, size_t n);
void store_slide_clear(store_slide_t *slide);

/* Drops the articles older than max_age_s - counted back from their feed's
 * last success when that is before now, so a feed that cannot be fetched
 * keeps what it last gave - except each feed's newest keep_per_feed; the
 * stories left with no article go with them (their points too), and a story
 * that lost some is marked for recomputing (store_stories_stale). */
int store_prune(store_t *s, time_t now, int max_age_s, int keep_per_feed);

/* A feed's moved address (after a 301/308 chain), NULL when it never moved.
 * feeds.url stays the config's URL. *url is malloc'd. */
int store_feed_get_fetch_url(store_t *s, int64_t id, char **url);
int store_feed_set_fetch_url(store_t *s, int64_t id, const char *url);
/* *exists = 1 when store_article_add would find a (already stored). */
int store_article_exists(store_t *s, int64_t feed_id, const store_article_in_t *a, int *exists);

/* Every distinct image URL of the stored articles with its feed's (config)
 * URL and the cache file recorded for it, the newest article's first (for
 * the image cache, imgcache.h). */
typedef struct {
    char *url;
    char *feed_url;
    char *file;     /* NULL: none recorded */
} store_image_t;
int store_article_images(store_t *s, store_image_t **out, size_t *n);
void store_article_images_free(store_image_t *list, size_t n);
/* Records the cache file (a name in the cache directory, or NULL: none) of
 * every article whose image is url. */
int store_image_set_file(store_t *s, const char *url, const char *file);

#endif
