/* test_feed.c - feed_parse on the fixture corpus (tests/data/feeds, one
 * small feed per case) and the `bulletin feed` command line. */
#include "testutil.h"

#include <time.h>

#include "charset_internal.h"
#include "feed.h"
#include "feeddate.h"

#define FIXTURES "tests/data/feeds/"

/* Parses one fixture; returns feed_parse's status, message in err. */
static int parse_file(const char *name, const char *url, const char *ct, feed_t *f, buf_t *err) {
    buf_t path = BUF_INIT, data = BUF_INIT;
    buf_printf(&path, FIXTURES "%s", name);
    int rc = file_read(path.data, 1 << 24, &data, err);
    assert_int_equal(rc, 0);
    rc = feed_parse(data.data ? data.data : "", data.len, url, ct, f, err);
    buf_free(&path);
    buf_free(&data);
    return rc;
}

static void load(const char *name, const char *url, feed_t *f) {
    buf_t err = BUF_INIT;
    int rc = parse_file(name, url, NULL, f, &err);
    if (rc != 0) fail_msg("%s: %s", name, err.data);
    buf_free(&err);
}

/* Asserts a parse failure whose message contains `want`. */
static void load_fails(const char *name, const char *want) {
    feed_t f;
    buf_t err = BUF_INIT;
    assert_int_equal(parse_file(name, NULL, NULL, &f, &err), -1);
    if (!err.data || !strstr(err.data, want)) fail_msg("%s: message '%s' lacks '%s'", name, err.data, want);
    assert_null(strchr(err.data, '\n'));
    assert_null(f.entries);
    buf_free(&err);
}

static void iso_is(time_t t, const char *want) {
    char iso[FEEDDATE_ISO_LEN];
    feeddate_format(t, iso);
    assert_string_equal(iso, want);
}

static void rss20_fields(void **state) {
    (void)state;
    feed_t f;
    load("rss20_basic.xml", NULL, &f);
    assert_string_equal(f.title, "Harbour Gazette");
    assert_string_equal(f.link, "https://gazette.example.org/");
    assert_string_equal(f.lang, "en-gb");
    assert_int_equal(f.ttl_minutes, 30);
    assert_int_equal(f.n_entries, 2);
    feed_entry_t *e = &f.entries[0];
    assert_string_equal(e->id, "gazette-1001");
    assert_string_equal(e->title, "Ferry timetable changes from Monday");
    assert_string_equal(e->link, "https://gazette.example.org/news/ferry-timetable");
    iso_is(e->published, "2025-02-12T14:03:00Z");
    assert_int_equal(e->updated, 0);
    assert_string_equal(e->author, "Ada Brennan");
    assert_string_equal(e->summary, "The morning ferry leaves at 7:15.\n\nEvening sailings are unchanged.");
    assert_string_equal(e->content, "First paragraph of the full story.\n\nSecond paragraph & more.");
    assert_string_equal(e->image, "https://img.example.org/ferry.jpg");
    e = &f.entries[1];
    assert_string_equal(e->author, "Tom Weir"); /* "email (Name)" */
    iso_is(e->published, "2025-02-11T08:30:00Z");
    assert_null(e->content);
    feed_free(&f);
}

static void rss091_html_entities(void **state) {
    (void)state;
    feed_t f;
    load("rss091.xml", NULL, &f);
    assert_string_equal(f.title, "Caf\xC3\xA9 Notes");
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].title, "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e week \xE2\x80\x94 part 2");
    assert_string_equal(f.entries[0].summary, "Sugar\xE2\x80\xA6 and fire \xC2\xA9 2025");
    assert_null(f.entries[0].id);
    feed_free(&f);
}

static void rss092_untitled_item_kept(void **state) {
    (void)state;
    feed_t f;
    load("rss092.xml", NULL, &f);
    assert_int_equal(f.n_entries, 2);
    /* no title: one made from its text */
    assert_string_equal(f.entries[0].title, "Planted the early potatoes today.");
    assert_null(f.entries[0].link);
    assert_string_equal(f.entries[0].summary, "Planted the early potatoes today.");
    assert_string_equal(f.entries[0].image, "http://garden.example.com/photos/potatoes.jpg");
    assert_string_equal(f.entries[1].title, "Rain all week");
    feed_free(&f);
}

static void rss090_and_rss10(void **state) {
    (void)state;
    feed_t f;
    load("rss090.rdf", NULL, &f);
    assert_string_equal(f.title, "Ninety Times");
    assert_int_equal(f.n_entries, 2);
    assert_string_equal(f.entries[1].link, "http://ninety.example.com/second");
    feed_free(&f);

    load("rss10.rdf", NULL, &f);
    assert_string_equal(f.title, "Valley Observer");
    assert_string_equal(f.lang, "de");
    assert_int_equal(f.n_entries, 2);
    feed_entry_t *e = &f.entries[0];
    iso_is(e->published, "2025-02-10T07:15:00Z");
    assert_string_equal(e->author, "Greta Lind, Omar Haddad");
    assert_string_equal(e->summary, "The bridge is open again after six months.");
    /* no <link>: rdf:about is the address */
    assert_string_equal(f.entries[1].link, "http://rdf.example.org/b");
    iso_is(f.entries[1].published, "2025-02-09T00:00:00Z");
    feed_free(&f);
}

/* RSS 1.0: rdf:about is the id of an item that has no other. */
static void rdf_about_is_the_id(void **state) {
    (void)state;
    feed_t f;
    load("rss10_ids.rdf", NULL, &f);
    assert_int_equal(f.n_entries, 3);
    assert_string_equal(f.entries[0].id, "courier-0001");
    assert_string_equal(f.entries[0].link, "http://ids.example.org/story/1");
    assert_string_equal(f.entries[1].id, "http://ids.example.org/about/2");
    assert_string_equal(f.entries[1].link, "http://ids.example.org/story/2?utm_source=rss");
    assert_null(f.entries[2].id);
    feed_free(&f);
}

/* Status and micro-blog feeds: items with text and no title are kept and
 * titled from their text (the first sentence, else its start cut at a
 * word); items with nothing at all are still dropped. */
static void untitled_items_get_a_title(void **state) {
    (void)state;
    feed_t f;
    load("microblog.xml", NULL, &f);
    assert_int_equal(f.n_entries, 3);
    assert_string_equal(f.entries[0].title, "Ferry service to the islands resumes at noon.");
    assert_string_equal(f.entries[0].summary,
                        "Ferry service to the islands resumes at noon. Expect delays in the morning.");
    const char *t = f.entries[1].title;
    assert_true(strncmp(t, "Tide gauge back online after the storm \xE2\x80\x94 readings", 49) == 0);
    size_t n = strlen(t);
    assert_true(n > 3 && strcmp(t + n - 3, "\xE2\x80\xA6") == 0); /* cut, marked */
    assert_true(t[n - 4] != ' ');
    assert_string_equal(f.entries[2].title, "Ok!");
    assert_string_equal(f.entries[2].link, "https://status.example.com/s/3");
    feed_free(&f);
}

/* A guid is a link only when it is a permalink and an absolute URL. */
static void ids_that_are_not_links(void **state) {
    (void)state;
    const char *rss = "<rss version=\"2.0\"><channel><title>G</title><link>http://g.example/</link>"
                      "<item><title>a</title><guid>story-17</guid></item>"
                      "<item><title>b</title><guid isPermaLink=\"FALSE\">http://g.example/b</guid></item>"
                      "</channel></rss>";
    feed_t f;
    buf_t err = BUF_INIT;
    assert_int_equal(feed_parse(rss, strlen(rss), "http://g.example/feed", NULL, &f, &err), 0);
    assert_int_equal(f.n_entries, 2);
    assert_string_equal(f.entries[0].id, "story-17");
    assert_null(f.entries[0].link); /* not http://g.example/story-17 */
    assert_string_equal(f.entries[1].id, "http://g.example/b");
    assert_null(f.entries[1].link);
    feed_free(&f);
    buf_free(&err);
}

/* Every text field is capped at parse time at a character boundary: a 1 MB
 * title never reaches the display. */
static void text_fields_are_capped(void **state) {
    (void)state;
    buf_t doc = BUF_INIT;
    buf_puts(&doc, "<rss version=\"2.0\"><channel><title>");
    for (int i = 0; i < 1000; i++) buf_puts(&doc, "Feed ");
    buf_puts(&doc, "</title><item><title>");
    for (int i = 0; i < 350000; i++) buf_puts(&doc, "\xD0\x96"); /* 700 KB of Cyrillic */
    buf_puts(&doc, " tail</title><author>");
    for (int i = 0; i < 100000; i++) buf_puts(&doc, "x");
    buf_puts(&doc, "</author><description>");
    for (int i = 0; i < 40000; i++) buf_puts(&doc, "word ");
    buf_puts(&doc, "</description><content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">");
    for (int i = 0; i < 300000; i++) buf_puts(&doc, "\xE6\x97\xA5");
    buf_puts(&doc, "</content:encoded><guid>");
    for (int i = 0; i < 5000; i++) buf_puts(&doc, "g");
    buf_puts(&doc, "</guid></item></channel></rss>");
    feed_t f;
    buf_t err = BUF_INIT;
    assert_int_equal(feed_parse(doc.data, doc.len, NULL, NULL, &f, &err), 0);
    feed_entry_t *e = &f.entries[0];
    struct {
        const char *s;
        size_t max;
    } fields[] = {{f.title, FEED_MAX_NAME_CHARS},      {e->title, FEED_MAX_TITLE_CHARS},
                  {e->author, FEED_MAX_NAME_CHARS},    {e->summary, FEED_MAX_SUMMARY_CHARS},
                  {e->content, FEED_MAX_CONTENT_CHARS}, {e->id, FEED_MAX_ID_CHARS}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *s = fields[i].s;
        assert_non_null(s);
        size_t chars = 0;
        for (const char *p = s; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
        if (chars > fields[i].max) fail_msg("field %zu: %zu characters over %zu", i, chars, fields[i].max);
        assert_true(chars > fields[i].max / 2);
        assert_true(charset_is_utf8(s, strlen(s)));
    }
    assert_string_equal(e->title + strlen(e->title) - 5, "\xD0\x96\xE2\x80\xA6"); /* whole letters, then "…" */
    feed_free(&f);
    buf_free(&err);
    buf_free(&doc);
}

static void atom10_fields(void **state) {
    (void)state;
    feed_t f;
    load("atom10.xml", NULL, &f);
    assert_string_equal(f.title, "Lighthouse Log");
    assert_string_equal(f.link, "https://atom.example.com/blog/");
    assert_string_equal(f.lang, "en");
    assert_int_equal(f.n_entries, 2);
    feed_entry_t *e = &f.entries[0];
    assert_string_equal(e->title, "Storm warning & closures");
    assert_string_equal(e->link, "https://atom.example.com/blog/posts/2025/storm.html");
    assert_string_equal(e->id, "tag:atom.example.com,2025:storm");
    iso_is(e->published, "2025-02-12T11:30:00Z");
    iso_is(e->updated, "2025-02-12T07:45:10Z");
    assert_string_equal(e->author, "Ines Moreau, Lars Berg");
    assert_string_equal(e->summary, "Gales expected.");
    assert_string_equal(e->content, "Gales of force 9 expected.\n\nStay ashore.");
    assert_string_equal(e->image, "https://atom.example.com/img/storm.png");
    e = &f.entries[1];
    assert_string_equal(e->title, "Plain text title with <tags> kept"); /* type text */
    assert_string_equal(e->link, "https://atom.example.com/about/keeper");
    assert_int_equal(e->published, 0);
    iso_is(e->updated, "2025-02-11T12:00:00Z");
    feed_free(&f);
}

static void atom_inheritance_and_double_escapes(void **state) {
    (void)state;
    feed_t f;
    load("atom_inherit.xml", NULL, &f);
    assert_int_equal(f.n_entries, 2);
    assert_string_equal(f.entries[0].author, "Feed Owner"); /* from the feed */
    assert_string_equal(f.entries[0].title, "Double escaped");
    assert_string_equal(f.entries[0].summary, "Twice & escaped");
    assert_string_equal(f.entries[1].author, "Guest Writer");
    assert_string_equal(f.entries[1].link, "http://inherit.example.com/2"); /* id as link */
    feed_free(&f);
}

static void atom03_modes(void **state) {
    (void)state;
    feed_t f;
    load("atom03.xml", NULL, &f);
    assert_string_equal(f.title, "Old Atom");
    assert_int_equal(f.n_entries, 2);
    iso_is(f.entries[0].published, "2025-01-05T09:00:00Z");
    iso_is(f.entries[0].updated, "2025-01-05T12:00:00Z");
    assert_string_equal(f.entries[0].content, "Escaped & fine.");
    assert_string_equal(f.entries[0].author, "Pat Doyle");
    assert_string_equal(f.entries[1].content, "Hello from base64");
    feed_free(&f);
}

/* Atom under a prefix, an old draft namespace, a variant of the 1.0 URI,
 * an undeclared prefix: all read as Atom, none "unknown root element". */
static void atom_roots_in_any_namespace(void **state) {
    (void)state;
    feed_t f;
    load("atom_prefixed.xml", NULL, &f);
    assert_string_equal(f.title, "Prefixed Post");
    assert_string_equal(f.link, "https://prefixed.example.net/");
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].title, "Bridge reopens after repairs");
    assert_string_equal(f.entries[0].link, "https://prefixed.example.net/bridge");
    assert_string_equal(f.entries[0].id, "tag:prefixed.example.net,2025:bridge");
    assert_string_equal(f.entries[0].summary, "The old bridge carries traffic again.");
    iso_is(f.entries[0].updated, "2025-02-12T14:03:00Z");
    feed_free(&f);
    load("atom_draft_ns.xml", NULL, &f);
    assert_string_equal(f.title, "Draft Times");
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].link, "http://draft.example.org/library");
    assert_string_equal(f.entries[0].id, "urn:draft:1");
    feed_free(&f);
    load("atom_own_ns.xml", NULL, &f);
    assert_string_equal(f.title, "Slash Daily");
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].title, "Harbour cranes replaced");
    feed_free(&f);
    load("atom_undeclared_prefix.xml", NULL, &f);
    assert_string_equal(f.title, "Loose Prefix");
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].link, "http://loose.example.org/tram");
    feed_free(&f);
    /* a feed element in a namespace that is not Atom and holds no entries is still refused */
    const char *other = "<feed xmlns=\"http://example.com/not-atom\"><item/></feed>";
    buf_t err = BUF_INIT;
    assert_int_equal(feed_parse(other, strlen(other), NULL, NULL, &f, &err), -1);
    assert_non_null(strstr(err.data, "unknown root element"));
    buf_free(&err);
}

static void json_feeds(void **state) {
    (void)state;
    feed_t f;
    load("jsonfeed11.json", NULL, &f);
    assert_string_equal(f.title, "Night Market");
    assert_string_equal(f.link, "https://market.example.com/");
    assert_int_equal(f.n_entries, 2); /* the empty item is dropped */
    feed_entry_t *e = &f.entries[0];
    assert_string_equal(e->id, "2");
    assert_string_equal(e->content, "Hand-pulled noodles.\n\nOpen late.");
    assert_string_equal(e->author, "Mei Chen, Joe Park");
    iso_is(e->published, "2025-02-12T11:00:00Z");
    iso_is(e->updated, "2025-02-12T12:00:00Z");
    assert_string_equal(e->image, "https://market.example.com/img/noodles.jpg");
    e = &f.entries[1];
    assert_string_equal(e->id, "3"); /* a number id */
    assert_string_equal(e->title, "Tea tasting this weekend."); /* made from its text */
    assert_string_equal(e->link, "https://market.example.com/stalls/tea");
    assert_string_equal(e->content, "Tea tasting this weekend.\n\nBring a cup.");
    assert_int_equal(e->published, 0);
    feed_free(&f);

    load("jsonfeed10.json", NULL, &f);
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].author, "Solo Writer");
    feed_free(&f);
}

static void entities_and_stray_ampersands(void **state) {
    (void)state;
    feed_t f;
    load("entities.xml", NULL, &f);
    assert_string_equal(f.title, "AT&T & Friends");
    assert_string_equal(f.link, "http://ents.example.com/?a=1&b=2");
    feed_entry_t *e = &f.entries[0];
    /* &nbsp; folded to a space, &#150; read as Windows-1252 en dash */
    assert_string_equal(e->title, "Caf\xC3\xA9 prices \xE2\x80\x93 up\xE2\x80\xA6 again");
    assert_string_equal(e->link, "http://ents.example.com/story?id=7&section=news");
    assert_string_equal(e->summary, "Double & escaped <b>; caf\xC3\xA9 and 5 < 6 &unknownthing; end");
    assert_string_equal(f.entries[1].title,
                        "Smart \xE2\x80\x9Cquotes\xE2\x80\x9D \xE2\x80\x99 and \xEF\xBF\xBD zero and "
                        "\xEF\xBF\xBD surrogate");
    feed_free(&f);
}

static void guid_permalink(void **state) {
    (void)state;
    feed_t f;
    load("guid_permalink.xml", NULL, &f);
    assert_int_equal(f.n_entries, 3);
    assert_string_equal(f.entries[0].link, "http://perma.example.com/2025/02/guid-link");
    assert_null(f.entries[1].link);
    assert_string_equal(f.entries[1].id, "http://perma.example.com/not-a-link");
    assert_null(f.entries[2].link);
    feed_free(&f);
}

static void keep_and_drop(void **state) {
    (void)state;
    feed_t f;
    load("keep_drop.xml", NULL, &f);
    assert_int_equal(f.n_entries, 2);
    assert_string_equal(f.entries[0].summary, "Only a description: kept.");
    assert_string_equal(f.entries[1].link, "http://keep.example.com/only-link");
    feed_free(&f);
}

static void relative_links_and_schemes(void **state) {
    (void)state;
    feed_t f;
    load("relative_links.xml", "http://rel.example.com/feeds/rss.xml", &f);
    assert_string_equal(f.link, "http://rel.example.com/");
    assert_int_equal(f.n_entries, 7);
    assert_string_equal(f.entries[0].link, "http://rel.example.com/feeds/news/one.html");
    assert_string_equal(f.entries[1].link, "http://rel.example.com/news/two.html");
    assert_string_equal(f.entries[2].link, "http://cdn.example.org/three");
    assert_null(f.entries[3].link); /* javascript: */
    assert_null(f.entries[4].link); /* file: from an http feed */
    assert_string_equal(f.entries[5].link, "https://rel.example.com/atomlink");
    assert_null(f.entries[6].link); /* mailto: */
    feed_free(&f);

    /* no feed URL: relative links cannot be resolved */
    load("relative_links.xml", NULL, &f);
    assert_null(f.entries[0].link);
    feed_free(&f);

    /* a feed read from a file: URL may link to files */
    load("relative_links.xml", "file:///srv/feeds/rss.xml", &f);
    assert_string_equal(f.entries[0].link, "file:///srv/feeds/news/one.html");
    assert_string_equal(f.entries[4].link, "file:///etc/passwd");
    feed_free(&f);
}

static void xml_base_nested(void **state) {
    (void)state;
    feed_t f;
    load("xmlbase_nested.xml", "http://ignored.example.com/feed", &f);
    assert_string_equal(f.link, "http://base.example.org/root/index.html");
    assert_string_equal(f.entries[0].link, "http://base.example.org/root/section/deeper/sub/page.html");
    assert_string_equal(f.entries[1].link, "http://other.example.net/abs/p.html");
    assert_string_equal(f.entries[2].link, "http://base.example.org/root/passwd"); /* file: base ignored */
    feed_free(&f);
}

static void internal_entities(void **state) {
    (void)state;
    feed_t f;
    load("internal_entity.xml", NULL, &f);
    assert_string_equal(f.title, "Quay Street Times");
    assert_string_equal(f.entries[0].title, "News from Quay Street[]"); /* external: empty */
    feed_free(&f);
}

static void entity_bombs_rejected(void **state) {
    (void)state;
    clock_t t0 = clock();
    load_fails("billion_laughs.xml", "entity bomb");
    load_fails("entity_loop.xml", "entity loop");
    /* quadratic blow-up: one big entity referenced many times */
    buf_t doc = BUF_INIT, err = BUF_INIT;
    buf_puts(&doc, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"");
    for (int i = 0; i < 60000; i++) buf_putc(&doc, 'x');
    buf_puts(&doc, "\">]><rss><channel><title>t</title><item><title>");
    for (int i = 0; i < 2000; i++) buf_puts(&doc, "&big;");
    buf_puts(&doc, "</title></item></channel></rss>");
    feed_t f;
    assert_int_equal(feed_parse(doc.data, doc.len, NULL, NULL, &f, &err), -1);
    assert_non_null(strstr(err.data, "entity bomb"));
    buf_free(&doc);
    buf_free(&err);
    /* rejected quickly, not after expanding (generous bound for sanitizers) */
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
}

static void broken_encodings(void **state) {
    (void)state;
    const char *title = "Z\xC3\xBCrich caf\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9C" "d\xC3\xA9j\xC3\xA0 vu\xE2\x80\x9D";
    feed_t f;
    load("utf8_declared_cp1252.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, title);
    assert_string_equal(f.entries[0].summary, "na\xC3\xAFve r\xC3\xA9sum\xC3\xA9");
    feed_free(&f);
    load("latin1_declared_utf8.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, title);
    feed_free(&f);
    load("utf8_mixed_invalid.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, "Mixed caf\xC3\xA9");
    assert_string_equal(f.entries[0].summary, "stray \xC3\xA9t\xC3\xA9");
    feed_free(&f);
    load("cp1251.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8 "
                                            "\xD0\xB4\xD0\xBD\xD1\x8F");
    feed_free(&f);
    load("utf16le_bom.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln");
    feed_free(&f);
    load("utf8_bom_ws.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, "Bom \xC3\xBCnd space");
    feed_free(&f);
    load("control_chars.xml", NULL, &f);
    assert_string_equal(f.entries[0].title, "Bell and vtab");
    assert_string_equal(f.entries[0].summary, "nul end");
    feed_free(&f);
    buf_t err = BUF_INIT;
    assert_int_equal(parse_file("sjis_http.xml", NULL, "text/xml; charset=\"Shift_JIS\"", &f, &err), 0);
    assert_string_equal(f.entries[0].title, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAE\xE5\xA4\xA9\xE6\xB0\x97");
    feed_free(&f);
    buf_free(&err);
}

static void malformed_recovered(void **state) {
    (void)state;
    feed_t f;
    load("malformed.xml", NULL, &f);
    assert_int_equal(f.n_entries, 2);
    assert_string_equal(f.entries[0].summary, "Line one\nline two");
    assert_string_equal(f.entries[0].author, "No Namespace"); /* undeclared dc: prefix */
    assert_string_equal(f.entries[1].title, "Second survives");
    feed_free(&f);
}

static void junk_around_the_document(void **state) {
    (void)state;
    feed_t f;
    load("php_warning.xml", NULL, &f);
    assert_string_equal(f.title, "PHP");
    assert_int_equal(f.n_entries, 1);
    assert_string_equal(f.entries[0].link, "http://php.example.com/a");
    assert_string_equal(f.entries[0].author, "Undeclared Prefix");
    feed_free(&f);
}

static void media_and_namespaces(void **state) {
    (void)state;
    feed_t f;
    load("media_itunes.xml", NULL, &f);
    feed_entry_t *e = &f.entries[0];
    assert_string_equal(e->link, "http://media.example.com/stories/grouped"); /* feedburner:origLink */
    assert_string_equal(e->image, "http://media.example.com/thumb.jpg");
    assert_string_equal(e->author, "Pod Caster");
    iso_is(e->updated, "2025-02-03T10:00:00Z");
    assert_string_equal(f.entries[1].image, "http://media.example.com/pics/lead.png");
    assert_string_equal(f.entries[1].summary, "Caption text");
    feed_free(&f);
}

static void bad_inputs(void **state) {
    (void)state;
    load_fails("empty.xml", "empty");
    load_fails("blank.xml", "empty");
    load_fails("garbage.bin", "not a feed");
    load_fails("html_page.html", "HTML page");
    load_fails("not_feed.xml", "not a feed");
    feed_t f;
    buf_t err = BUF_INIT;
    assert_int_equal(feed_parse("<?xml version=\"1.0\"?>\n<!-- c -->", 32, NULL, NULL, &f, &err), -1);
    assert_non_null(strstr(err.data, "no root element"));
    buf_reset(&err);
    /* a truncated download keeps the items that arrived whole */
    const char *cut = "<rss><channel><title>T</title><item><title>Whole</title></item>"
                      "<item><title>Cut of";
    assert_int_equal(feed_parse(cut, strlen(cut), NULL, NULL, &f, &err), 0);
    assert_true(f.n_entries >= 1);
    assert_string_equal(f.entries[0].title, "Whole");
    feed_free(&f);
    assert_int_equal(feed_parse("{\"a\":1}", 7, NULL, NULL, &f, &err), -1);
    assert_non_null(strstr(err.data, "items"));
    buf_reset(&err);
    assert_int_equal(feed_parse("{\"items\":[", 10, NULL, NULL, &f, &err), -1);
    assert_non_null(strstr(err.data, "invalid JSON"));
    buf_reset(&err);
    /* nesting depth is bounded */
    buf_t deep = BUF_INIT;
    buf_puts(&deep, "<rss><channel>");
    for (int i = 0; i < 5000; i++) buf_puts(&deep, "<x>");
    assert_int_equal(feed_parse(deep.data, deep.len, NULL, NULL, &f, &err), -1);
    buf_free(&deep);
    buf_reset(&err);
    /* the size cap */
    assert_int_equal(feed_parse("<rss/>", (size_t)FEED_MAX_BYTES + 1, NULL, NULL, &f, &err), -1);
    assert_non_null(strstr(err.data, "too large"));
    buf_free(&err);
}

static void cli_json_and_errors(void **state) {
    (void)state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(test_run("feed --json " FIXTURES "keep_drop.xml", &out, &err), 0);
    assert_string_equal(out.data,
                        "{\"title\":\"Keep or drop\",\"link\":\"http://keep.example.com/\",\"entries\":["
                        "{\"id\":null,\"title\":\"Only a description: kept.\",\"link\":null,\"published\":null,"
                        "\"updated\":null,\"author\":null,\"summary\":\"Only a description: kept.\",\"content\":null},"
                        "{\"id\":null,\"title\":null,\"link\":\"http://keep.example.com/only-link\","
                        "\"published\":null,\"updated\":null,\"author\":null,\"summary\":null,"
                        "\"content\":null}]}\n");
    buf_reset(&out);
    assert_int_equal(test_run("feed --json --url http://rel.example.com/f/ --content-type '' "
                              FIXTURES "relative_links.xml", &out, &err), 0);
    assert_non_null(strstr(out.data, "\"link\":\"http://rel.example.com/f/news/one.html\""));
    buf_reset(&out);
    assert_int_equal(test_run("feed " FIXTURES "rss20_basic.xml", &out, &err), 0);
    assert_non_null(strstr(out.data, "Ferry timetable changes from Monday"));
    assert_non_null(strstr(out.data, "2025-02-12T14:03:00Z"));
    buf_reset(&err);
    assert_int_equal(test_run("feed --json " FIXTURES "billion_laughs.xml", &out, &err), 1);
    assert_non_null(strstr(err.data, "entity bomb"));
    buf_reset(&err);
    assert_int_equal(test_run("feed " FIXTURES "no-such-file.xml", &out, &err), 1);
    assert_non_null(strstr(err.data, "cannot open"));
    buf_reset(&err);
    assert_int_equal(test_run("feed " FIXTURES "empty.xml", &out, &err), 1);
    buf_reset(&err);
    assert_int_equal(test_run("feed --bogus x", &out, &err), 2);
    assert_int_equal(test_run("feed", &out, &err), 2);
    assert_int_equal(test_run("feed --url", &out, &err), 2);
    buf_reset(&err);
    assert_int_equal(test_run("feed ftp://example.com/rss", &out, &err), 1);
    assert_non_null(strstr(err.data, "only http, https and file"));
    /* a file: URL is read from disk and is the base of its links */
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    buf_t args = BUF_INIT;
    buf_printf(&args, "feed --json file://%s/" FIXTURES "relative_links.xml", cwd);
    buf_reset(&out);
    assert_int_equal(test_run(args.data, &out, &err), 0);
    buf_reset(&args);
    buf_printf(&args, "\"link\":\"file://%s/" FIXTURES "news/one.html\"", cwd);
    assert_non_null(strstr(out.data, args.data));
    buf_free(&args);
    buf_free(&out);
    buf_free(&err);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rss20_fields),
        cmocka_unit_test(rss091_html_entities),
        cmocka_unit_test(rss092_untitled_item_kept),
        cmocka_unit_test(rss090_and_rss10),
        cmocka_unit_test(rdf_about_is_the_id),
        cmocka_unit_test(untitled_items_get_a_title),
        cmocka_unit_test(ids_that_are_not_links),
        cmocka_unit_test(text_fields_are_capped),
        cmocka_unit_test(atom10_fields),
        cmocka_unit_test(atom_inheritance_and_double_escapes),
        cmocka_unit_test(atom03_modes),
        cmocka_unit_test(atom_roots_in_any_namespace),
        cmocka_unit_test(json_feeds),
        cmocka_unit_test(entities_and_stray_ampersands),
        cmocka_unit_test(guid_permalink),
        cmocka_unit_test(keep_and_drop),
        cmocka_unit_test(relative_links_and_schemes),
        cmocka_unit_test(xml_base_nested),
        cmocka_unit_test(internal_entities),
        cmocka_unit_test(entity_bombs_rejected),
        cmocka_unit_test(broken_encodings),
        cmocka_unit_test(malformed_recovered),
        cmocka_unit_test(junk_around_the_document),
        cmocka_unit_test(media_and_namespaces),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(cli_json_and_errors),
    };
    return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}
