/* test_render.c - golden screenshots of slides, rendered headless by
 * `bulletin shot` (SDL's software renderer: byte-stable on one machine,
 * compared with a small per-pixel tolerance across machines).
 *
 * Each case writes a scratch feed with one story, fetches it once (a local
 * file: no network), and renders it at a fixed --now in UTC. Cases: a very
 * long headline (with a lead image), Cyrillic and Greek, Arabic and Hebrew
 * (skipped when the system fonts for them are not installed), and a story
 * without an image. UPDATE_GOLDEN=1 rewrites tests/golden/ instead of
 * comparing.
 */
#include "testutil.h"

#include <SDL.h>
#include <SDL_image.h>

#include "testpng.h"

#define NOW "1893488400" /* 2030-01-01T09:00:00Z: after any build epoch, so ages show */
#define TOLERANCE 24     /* per channel */
#define MAX_BAD_PER_MILLE 3

typedef struct {
    const char *name;
    const char *size;
    const char *title;
    const char *summary;
    int with_image;
    const char *needs_font; /* skip when missing */
    const char *source;     /* the feed's name, NULL: "Test Post" */
} render_case_t;

#define ARABIC_FONT "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"
#define HEBREW_FONT "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf"
#define CJK_FONT "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

static const render_case_t cases[] = {
    {"long-headline-1920x1080", "1920x1080",
     "Harbour board, city council and both ferry companies agree after eleven hours of talks "
     "to share one timetable, one ticket and one waiting room at the rebuilt Old Quay terminal "
     "from the first of March, ending a dispute that has run since the storm of last winter",
     "The agreement was signed at four in the morning by all four parties. Passengers will buy "
     "one ticket valid on either company's boats. The waiting room reopens with heating and a "
     "café. Fares stay frozen until the end of next year. A joint office will handle complaints.",
     1, NULL, NULL},
    {"long-headline-1280x720", "1280x720", NULL, NULL, 1, NULL, NULL},
    {"long-headline-1080x1920", "1080x1920", NULL, NULL, 1, NULL, NULL},
    {"cyrillic-greek-1920x1080", "1920x1080",
     "Новый мост через залив открыт для пешеходов · Η νέα γέφυρα άνοιξε",
     "Мост длиной четыреста метров соединяет старый порт с рынком. Η γέφυρα θα είναι ανοιχτή "
     "όλη τη νύχτα. Велосипедистам придётся подождать до весны.",
     0, NULL, NULL},
    {"arabic-hebrew-1080x1920", "1080x1920",
     "افتتاح المكتبة المركزية بعد عامين من الترميم",
     "تفتح المكتبة أبوابها كل يوم من التاسعة صباحا. הספרייה פתוחה גם בשבת בבוקר. "
     "The reading room has 240 seats.",
     0, ARABIC_FONT, NULL},
    {"no-image-1280x720", "1280x720", "Tram line four runs again after track repairs",
     "Trams run every eight minutes from six in the morning. The replacement buses stop "
     "tonight. Repairs cost less than the city had set aside.",
     0, NULL, NULL},
    /* Right to left: every line right-aligned, the source line too. */
    {"arabic-1920x1080", "1920x1080",
     "مجلس المدينة يقر ميزانية جديدة للنقل العام بعد نقاش طويل استمر حتى منتصف الليل",
     "تخصص الميزانية مئتي مليون لتجديد خطوط الترام القديمة. تبدأ الأعمال في الربيع المقبل "
     "وتستمر عامين. يقول السكان إن الحافلات الليلية ما زالت قليلة.",
     0, ARABIC_FONT, "أخبار الميناء"},
    /* An English source line (left) above a Hebrew story (right). */
    {"hebrew-english-source-1280x720", "1280x720",
     "הרכבת הקלה תפעל גם בלילות סוף השבוע החל מהחודש הבא",
     "הקו האדום יפעל עד שתיים בלילה בימי שישי. העירייה מוסיפה עשרים קרונות חדשים. "
     "The night service costs the city four million a year.",
     0, HEBREW_FONT, "Harbour Herald"},
    /* Japanese: wrapped between characters, never inside "Merrowgate". */
    {"japanese-1920x1080", "1920x1080",
     "港の新しい旅客ターミナルが完成、Merrowgate市は来月から国際フェリーの受け入れを始めると発表した",
     "新ターミナルには待合室と売店があり、一日に三千人の乗客を受け入れることができる。"
     "市によると、建設費は予定より一割少なかった。夜間の便は来年の春から運航される予定だ。",
     0, CJK_FONT, "港湾新聞"},
};

static const render_case_t *content_of(const render_case_t *c) {
    if (c->title) return c;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (cases[i].title && strncmp(cases[i].name, c->name, 13) == 0) return &cases[i];
    return c;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Renders case c into out_png; 0 on success, 1 when skipped. */
static int render_case(const render_case_t *c, const char *dir, const char *out_png) {
    if (c->needs_font && access(c->needs_font, R_OK) != 0) return 1;
    const render_case_t *content = content_of(c);
    buf_t path = BUF_INIT, text = BUF_INIT, cmd = BUF_INIT;
    buf_printf(&text,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
               "<title>%s</title><link>https://test.example/</link>"
               "<item><title>%s</title><link>https://test.example/story/1</link>"
               "<guid>story-1</guid><pubDate>Wed, 18 Nov 2026 09:00:00 +0000</pubDate>"
               "<description>%s</description>%s</item></channel></rss>\n",
               c->source ? c->source : "Test Post", content->title, content->summary,
               content->with_image ? "<media:content url=\"port.png\" medium=\"image\"/>" : "");
    buf_printf(&path, "%s/feed.xml", dir);
    write_file(path.data, text.data);
    buf_reset(&text);
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    buf_printf(&text,
               "[display]\nqr = yes\nclock = yes\nmax_age = 3650d\nfonts = %s/fonts\n"
               "[store]\npath = store.db\n"
               "[feed \"%s\"]\nurl = feed.xml\nfulltext = no\naccent = #e05050\n", cwd,
               c->source ? c->source : "Test Post");
    buf_reset(&path);
    buf_printf(&path, "%s/wall.conf", dir);
    write_file(path.data, text.data);
    buf_printf(&cmd, "cp feeds/demo/images/port.png %s/ && rm -f %s/store.db* && "
                     "BULLETIN_LOG=error %s fetch --once --config %s && TZ=UTC BULLETIN_LOG=error "
                     "%s shot --config %s --out %s --size %s --badge '' --now " NOW,
               dir, dir, test_bin(), path.data, test_bin(), path.data, out_png, c->size);
    int st = system(cmd.data);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    buf_free(&path);
    buf_free(&text);
    buf_free(&cmd);
    return 0;
}

/* Number of pixels (per mille) differing by more than TOLERANCE. */
static int compare_png(const char *a_path, const char *b_path) {
    return test_png_diff_per_mille(a_path, b_path, TOLERANCE);
}

static void goldens(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    assert_non_null(dir);
    int update = getenv("UPDATE_GOLDEN") && strcmp(getenv("UPDATE_GOLDEN"), "1") == 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf_t golden = BUF_INIT, got = BUF_INIT;
        buf_printf(&golden, "tests/golden/%s.png", cases[i].name);
        buf_printf(&got, "%s/%s.png", dir, cases[i].name);
        if (render_case(&cases[i], dir, update ? golden.data : got.data) == 0 && !update) {
            int bad = compare_png(golden.data, got.data);
            if (bad > MAX_BAD_PER_MILLE)
                fail_msg("%s differs from %s in %d per mille of pixels (UPDATE_GOLDEN=1 to accept)",
                         got.data, golden.data, bad);
        }
        buf_free(&golden);
        buf_free(&got);
    }
    test_rmdir(dir);
}

/* The comparison itself catches a change: a slide with another headline is
 * not within tolerance of the golden. */
static void comparison_catches_changes(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    assert_non_null(dir);
    render_case_t other = cases[5];
    other.title = "Tram line five is closed for track repairs until spring";
    buf_t got = BUF_INIT;
    buf_printf(&got, "%s/other.png", dir);
    assert_int_equal(render_case(&other, dir, got.data), 0);
    assert_true(compare_png("tests/golden/no-image-1280x720.png", got.data) > MAX_BAD_PER_MILLE);
    buf_free(&got);
    test_rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(goldens),
        cmocka_unit_test(comparison_catches_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
