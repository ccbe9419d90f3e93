/* test_summarize.c - noise filters, shaping, the summarizer end to end (in
 * every language it reads), its edge inputs, and `bulletin points`. The
 * articles are written for these tests. */
#include "testutil.h"

#include <dirent.h>

#include <cjson/cJSON.h>
#include <libstemmer.h>

#include "lang.h"
#include "noise_internal.h"
#include "sentence.h"
#include "shape.h"
#include "stemtab.h"
#include "summarize.h"
#include "summarize_internal.h"
#include "textinput.h"
#include "title.h"
#include "utf8text.h"

#define WHOLE_LINE (SENTENCE_LINE_START | SENTENCE_LINE_END)
#define T SENTENCE_TERMINATED

/* ---------------------------------------------------------------- noise */
static void noise_filters_each_kind(void **state) {
    (void)state;
    static const struct {
        const char *s;
        unsigned flags;
        enum noise_kind want;
    } cases[] = {
        {"For more updates on global security and defense policies, visit Example Mirror.", T | WHOLE_LINE, NOISE_SIGNOFF},
        {"Read more: Ten walks to try this spring", WHOLE_LINE, NOISE_SIGNOFF},
        {"Scroll down for video", WHOLE_LINE, NOISE_SIGNOFF},
        {"Sign up for our morning newsletter to get the news first.", T, NOISE_SIGNOFF},
        {"\xc3\x80 lire aussi : les march\xc3\xa9s de la r\xc3\xa9gion", WHOLE_LINE, NOISE_SIGNOFF},
        {"Lesen Sie auch: Neue Radwege in der Innenstadt", WHOLE_LINE, NOISE_SIGNOFF},
        {"By Jane Roe and John Doe", WHOLE_LINE, NOISE_BYLINE},
        {"Published: 09:12, 14 March 2025 | Updated: 10:40", WHOLE_LINE, NOISE_BYLINE},
        {"Pictured: the mayor cuts the ribbon at the opening of the bridge", WHOLE_LINE, NOISE_CAPTION},
        {"Flying high: Half of the kite took to the sky over the city last Saturday", 0, NOISE_CAPTION},
        {"The mayor (pictured) opened the bridge on a cold morning.", T, NOISE_CAPTION},
        {"Workers finish the last section of railing on the bridge on Monday evening as the light fades over the water", WHOLE_LINE, NOISE_CAPTION},
        {"A Strong Message to Partners", WHOLE_LINE, NOISE_HEADING},
        /* a piece of a heading, not on a line of its own */
        {"Over US Plans for Ukraine", SENTENCE_LINE_END, NOISE_HEADING},
        {"Tensions Over US Plans for Ukraine", 0, NOISE_HEADING},
        {"Yes.", T | WHOLE_LINE, NOISE_FRAGMENT},
        {"BREAKING NEWS FROM THE CITY HALL TONIGHT", WHOLE_LINE, NOISE_FRAGMENT},
        /* a results table's row: names and numbers, no word in lower case */
        {"4. Ada Frost (Fennick) Harbour-Rowing 7:12.345 2.", T, NOISE_FRAGMENT},
        /* the article itself */
        {"The bridge reopened to traffic on Tuesday after six weeks of repairs.", T | WHOLE_LINE, NOISE_NONE},
        {"Mr Wang said: 'Big kites need strong rope and calm weather to fly.'", T, NOISE_NONE},
        {"Engineers replaced the railing, the council said", SENTENCE_LINE_END, NOISE_NONE},
        /* cookies are a notice only when the site uses them */
        {"Regulars at the harbour cafe bring in cookies for the staff to thank them.", T, NOISE_NONE},
        {"We use cookies to improve your experience on this site.", T | WHOLE_LINE, NOISE_SIGNOFF},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum noise_kind got = noise_classify(cases[i].s, strlen(cases[i].s), cases[i].flags);
        if (got != cases[i].want)
            print_error("case %zu '%s': got %s, want %s\n", i, cases[i].s, noise_name(got),
                        noise_name(cases[i].want));
        assert_int_equal(got, cases[i].want);
        /* given the tokens, the same */
        utf8text_token_t toks[64];
        size_t n = 0, pos = 0, len = strlen(cases[i].s);
        while (n < 64 && utf8text_next_token(cases[i].s, len, &pos, &toks[n])) n++;
        assert_int_equal(noise_classify_tokens(cases[i].s, len, cases[i].flags, toks, n), got);
    }
}

static void noise_datelines_and_markers(void **state) {
    (void)state;
    /* a sentence in, what is left after its dateline or label (NULL: all of it) */
    static const struct {
        const char *s, *rest;
    } skips[] = {
        {"LONDON (Reuters) - The bank raised rates.", "The bank raised rates."},
        {"(CNN)Two heroes survived the quake.", "Two heroes survived the quake."},
        {"New Delhi, India (CNN)As the earth shook, tremors were felt.", "As the earth shook, tremors were felt."},
        {"WASHINGTON, Feb 12 (AP) \xe2\x80\x93 Congress passed the bill.", "Congress passed the bill."},
        {"The agency (FAA) said flights would resume.", NULL},
        {"Short words (about 12 of them) come first.", NULL},
        /* a label in capitals run into the sentence goes; an acronym
         * before a name is the sentence's own */
        {"SAVE OF THE SEASON Marsh kept the ball out with his trailing boot.",
         "Marsh kept the ball out with his trailing boot."},
        {"NASA Administrator Ada Vance said the launch would wait.", NULL},
        {"UK PM Ada Vance said the talks would go on.", NULL},
    };
    for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++) {
        size_t at = noise_lead_skip(skips[i].s, strlen(skips[i].s));
        assert_string_equal(skips[i].s + at, skips[i].rest ? skips[i].rest : skips[i].s);
    }
    buf_t out = BUF_INIT;
    const char *t = "He said it was done. Scroll down for video Strictly business: the actress poses";
    noise_cut_markers(t, strlen(t), &out);
    assert_string_equal(out.data, "He said it was done. \n\nStrictly business: the actress poses");
    buf_free(&out);
}

/* A caption without end punctuation run into the sentence after it: where
 * the sentence starts (0: none). */
static void caption_runin_cases(void **state) {
    (void)state;
    static const struct {
        const char *s, *sentence; /* NULL: no caption */
    } cases[] = {
        {"Workers repaint the railings of the harbour bridge in the rain A crane lifted the last span into "
         "place on Monday.",
         "A crane lifted the last span into place on Monday."},
        /* a number word starts the sentence */
        {"Smoke rises over the old mill on the river bank early yesterday Two fire crews fought the blaze "
         "for six hours.",
         "Two fire crews fought the blaze for six hours."},
        /* after a photo's location mark, a name and its verb */
        {"Mara Quill (behind the judge, left) was also questioned about the accounts Quill also spent "
         "£4,200 on a cruise in 2012.",
         "Quill also spent £4,200 on a cruise in 2012."},
        {"Tomas Brandt (pictured) waves to supporters outside the court Brandt was cleared of all charges "
         "on Friday.",
         "Brandt was cleared of all charges on Friday."},
        /* … up to 15 words after the mark */
        {"The club, including chairman Ada Frost (far left) have thrown their backing behind a fans' boycott of "
         "the game Fennick welcomed 2,200 visiting fans to the harbour ground in March.",
         "Fennick welcomed 2,200 visiting fans to the harbour ground in March."},
        /* after a mark, a name without a verb is still the caption's */
        {"The skipper (left) with harbour captain Ada Frost after the race Only a strong wind could stop "
         "the crew from winning the cup.",
         "Only a strong wind could stop the crew from winning the cup."},
        /* no mark: a name inside a sentence is no start */
        {"The club said the money raised for the new stand Jensen had promised would arrive in May.", NULL},
        {"The council approved the plan after the harbour master Ellis Grant spoke in favour of it.", NULL},
        /* "I" and "May" stand inside sentences ("James May" is a name) */
        {"'I am so thankful I got the help of the crew this year,' she wrote on her blog.", NULL},
        {"The show's presenters Ada Frost and James May left the harbour studio with a police escort on Tuesday.", NULL},
        /* "One" after a capitalized word is the name's ("League One") */
        {"Their relegation into Sky Bet League One was sealed by a draw with the bottom club.", NULL},
        /* after a mark, a name's second word is no start ("Tomas Brandt will") */
        {"Mara Quill (pictured) talks with the skipper and Tomas Brandt will lead the crew in the race next month.",
         NULL},
        /* a title after a verb is its object ("backing The Harbour Gazette's") */
        {"Three more parties have vowed to teach first aid in schools, backing The Harbour Gazette's "
         "campaign for lessons.",
         NULL},
        /* an object pronoun ends a caption */
        {"The harbour dog never tries to hurt the cat and loves to chase after him The owner can be heard "
         "laughing in the video.",
         "The owner can be heard laughing in the video."},
        {"Devastated: Ada was furious to discover her friend had stolen from her The row began when the money "
         "for the harbour trip disappeared.",
         "The row began when the money for the harbour trip disappeared."},
        /* a photo's note in brackets ends a caption; other brackets do not */
        {"A tourist said she was harassed by a driver in the old town (pictured posed by model) A taxi driver "
         "has been arrested after her complaint.",
         "A taxi driver has been arrested after her complaint."},
        {"The council said work on the road to the harbour (the old coast road) The crews would start in May.",
         NULL},
        /* a closing curly quote ends a caption as a letter does */
        {"Fighter ace: the pilot's story is to be told in a film dubbed \xe2\x80\x98The Harbour Escape\xe2\x80\x99 The story "
         "of how he flew again after the crash is remarkable enough.",
         "The story of how he flew again after the crash is remarkable enough."},
        /* a quantifier opens a sentence as a stopword does ("… the new group is @harbourfans Many …") */
        {"The name of the page for the new supporters' group is @harbourfans Many of its members travel to "
         "every away game by coach.",
         "Many of its members travel to every away game by coach."},
        /* a name's last word before its photo's mark is no start; the mark ends the caption */
        {"The pilot's life story was the subject of a 1956 film starring Kenneth More (pictured) A series of "
         "ladders propped against the fence were made from wood.",
         "A series of ladders propped against the fence were made from wood."},
        /* an acronym ends a caption as a lower-case word does */
        {"The rights to the harbour book have been bought by the production firm Tidewater USA As the night "
         "of the escape loomed, the ladders were hidden.",
         "As the night of the escape loomed, the ladders were hidden."},
        /* … but not before a name's number word or a capitalized word ("RBS Six Nations", "BBC One") */
        {"The harbour crew have been ruled out of the rest of the RBS Six Nations regatta after the storm "
         "damaged their boat.",
         NULL},
        {"The harbour crew will appear on the new quiz show on BBC One The Chase next week with the "
         "skipper.",
         NULL},
        /* after a photo's note the sentence may open with a quotation */
        {"The skipper had just come back to the harbour from a long trip to the islands (file photo) 'The "
         "mind boggles,' wrote one of the crew.",
         "'The mind boggles,' wrote one of the crew."},
        {"The skipper had just come back to the harbour from a long trip to the islands (file photo) "
         "\xe2\x80\x98The mind boggles,\xe2\x80\x99 wrote one of the crew.",
         "\xe2\x80\x98The mind boggles,\xe2\x80\x99 wrote one of the crew."},
        /* … but not after any word: a quotation inside a sentence stays */
        {"The skipper had just come back to the harbour from a long trip and said 'The mind boggles' to "
         "the crew.",
         NULL},
        /* a number word after a name still starts one ("near Fernvale Six others") */
        {"The crash happened on the valley road near Fernvale Six others were taken to hospital with minor "
         "injuries.",
         "Six others were taken to hospital with minor injuries."},
    };
    const lang_sets_t *ls = lang_sets(LANG_EN);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].s;
        size_t at = noise_caption_runin(s, strlen(s), &ls->stop, &ls->speech);
        if (!cases[i].sentence) {
            if (at) fail_msg("case %zu: split at '%s'", i, s + at);
        } else if (!at || strcmp(s + at, cases[i].sentence) != 0) {
            fail_msg("case %zu: want '%s', got '%s'", i, cases[i].sentence, at ? s + at : "(none)");
        }
    }
}

/* Half a quotation: a quote opened and not closed, or closed and not opened. */
static void half_quotes(void **state) {
    (void)state;
    static const struct {
        const char *s;
        int want;
    } cases[] = {
        {"The ranger told reporters: 'We have counted forty nests on the cliff, more than ever.", NOISE_QUOTE_OPEN},
        {"The keeper said the season was 'the best in living memory.", NOISE_QUOTE_OPEN},
        {"\xe2\x80\x9cWe will rebuild the pier before the summer, the mayor said.", NOISE_QUOTE_OPEN},
        {"It was the best day of my life,' she wrote on her blog.", NOISE_QUOTE_CLOSE},
        {"We never gave up,\xe2\x80\x9d the captain told the crowd.", NOISE_QUOTE_CLOSE},
        /* whole quotations, possessives and apostrophes */
        {"The ranger said: 'We have counted forty nests.'", 0},
        {"The fans' coach left the players' hotel at noon.", 0},
        {"The mayor called the plan 'a disgrace' and 'a waste'\xe2\x80\xa6", 0},
        {"\xe2\x80\x98It\xe2\x80\x99s over,\xe2\x80\x99 he said.", 0},
        {"He called it \"the worst storm\" in years.", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = noise_half_quote(cases[i].s, strlen(cases[i].s));
        if (got != cases[i].want) fail_msg("case %zu '%s': got %d, want %d", i, cases[i].s, got, cases[i].want);
    }
}

/* ---------------------------------------------------------------- shaping */
static void check_fits(const char *p, int words, int chars) {
    assert_true(shape_count_words(p, strlen(p)) <= (size_t)words);
    assert_true(shape_count_chars(p, strlen(p)) <= (size_t)chars);
}

static char *shape(const char *s) { return shape_point(s, strlen(s), 25, 160, LANG_EN); }

static void shaping_rules(void **state) {
    (void)state;
    char *p = shape("The bridge reopened on Tuesday, the council said.");
    assert_string_equal(p, "The bridge reopened on Tuesday, the council said."); /* fits: kept */
    free(p);

    p = shape("Engineers replaced one hundred and forty metres of railing and two expansion joints "
              "that the storm had torn loose last month, the chief engineer of the city told reporters.");
    assert_string_equal(p, "Engineers replaced one hundred and forty metres of railing and two "
                           "expansion joints that the storm had torn loose last month.");
    free(p);

    p = shape("\xe2\x80\x9cWe will rebuild every metre of the railing and we will make the bridge safer "
              "than it has ever been before in its long history,\xe2\x80\x9d she said.");
    assert_string_equal(p, "\xe2\x80\x9cWe will rebuild every metre of the railing and we will make the "
                           "bridge safer than it has ever been before in its long history.\xe2\x80\x9d");
    free(p);

    p = shape("However, the council said the bridge would stay open all winter.");
    assert_string_equal(p, "The council said the bridge would stay open all winter.");
    free(p);

    p = shape("The Chinese team flew a kite measuring an astonishing 6,000 metres (3.7 miles) at the "
              "annual festival in the south-west of the country last Saturday afternoon.");
    assert_null(strstr(p, "3.7"));
    assert_non_null(strstr(p, "6,000 metres at the"));
    check_fits(p, 25, 160);
    free(p);

    p = shape("In recent months, U. S. . President Donald Trump questioned Article 5.");
    assert_string_equal(p, "In recent months, U.S. President Donald Trump questioned Article 5.");
    free(p);

    /* the garble goes, and the quote it closes is opened */
    p = shape("He said Europe must do more.\xe2\x80\x9d.");
    assert_string_equal(p, "\xe2\x80\x9cHe said Europe must do more.\xe2\x80\x9d");
    free(p);

    /* the sentence before's closing quote, left alone at the start */
    p = shape("\xe2\x80\x99 The ferry sailed on time from the harbour.");
    assert_string_equal(p, "The ferry sailed on time from the harbour.");
    free(p);

    p = shape("LONDON (Reuters) - The bank raised rates.");
    assert_string_equal(p, "The bank raised rates.");
    free(p);

    /* a merged attribution fragment goes when the point is too long */
    p = shape("The allies of the alliance must take action on their own because they cannot depend on "
              "the United States to defend them any longer. S. Pete Hegseth, the defense secretary, said.");
    assert_string_equal(p, "The allies of the alliance must take action on their own because they "
                           "cannot depend on the United States to defend them any longer.");
    free(p);
}

/* Compression, as a sub-editor would: each case is a sentence in, the
 * limits, and the point out. */
typedef struct {
    int words, chars;
    const char *in, *out;
} shape_case_t;

static const shape_case_t shape_cases[] = {
    /* an age stays while the point fits or a phrase can go (highlights keep
     * ages: "Grant Allen, 38, spent …"); it goes only before a "…" cut */
    {25, 160, "Harbour pilot Leon Yeaman, 55, was fined on Thursday for steering a cargo ship into "
              "the marina wall during a storm last winter.",
     "Harbour pilot Leon Yeaman, 55, was fined on Thursday for steering a cargo ship into the marina "
     "wall during a storm last winter."},
    {16, 120, "Harbour pilot Leon Yeaman, 55, was fined on Thursday for steering a cargo ship into "
              "the marina wall during a storm last winter.",
     "Harbour pilot Leon Yeaman, 55, was fined on Thursday for steering a cargo ship."},
    {8, 100, "Harbour pilot Leon Yeaman, 55, admitted guilt yesterday morning.",
     "Harbour pilot Leon Yeaman admitted guilt yesterday morning."},
    /* appositives after a name */
    {25, 160, "Tomasz Pama, a married father of three from the east of the city, was granted "
              "conditional bail on Friday by the district court.",
     "Tomasz Pama was granted conditional bail on Friday by the district court."},
    /* a non-restrictive relative clause */
    {25, 160, "The new library, which the city built for twelve million euros over four years, "
              "opens its doors to readers on the first Monday of June.",
     "The new library opens its doors to readers on the first Monday of June."},
    /* leading adverbials, datelines and attribution ("May" is a month, not a dangling verb) */
    {25, 160, "On Tuesday, the council of Merrowgate voted to close the old Lantern Bridge to all "
              "traffic for six weeks from the start of May.",
     "The council of Merrowgate voted to close the old Lantern Bridge to all traffic for six "
     "weeks from the start of May."},
    {25, 160, "According to the harbour master, the flood gates on the east quay will stay shut "
              "until the spring tides have passed next month.",
     "The flood gates on the east quay will stay shut until the spring tides have passed next month."},
    {25, 160, "Speaking to reporters outside the town hall, the mayor promised that the market "
              "square would be repaved before the Christmas fair this winter.",
     "The mayor promised that the market square would be repaved before the Christmas fair this winter."},
    {25, 160, "The regional rail company will raise fares by four per cent in January to pay for new "
              "trains on the coastal line, the transport minister said.",
     "The regional rail company will raise fares by four per cent in January to pay for new "
     "trains on the coastal line."},
    /* the speaker named in apposition goes with the attribution */
    {24, 150, "The ferry will sail again on Monday after the storm damage to the pier was repaired, his deputy, "
              "Ada Frost, told reporters on the quay.",
     "The ferry will sail again on Monday after the storm damage to the pier was repaired."},
    /* the dots of an initialism are no full stop before the tail */
    {20, 130, "The harbour towns on the coast have to protect themselves and must not wait for the "
              "state, U.K. Coastal Minister Ada Frost said.",
     "The harbour towns on the coast have to protect themselves and must not wait for the state."},
    /* no ending on a word that singles out what follows */
    {16, 120, "Worries about the harbour wall and the state of the old quay are growing, especially "
              "in the fishing villages along the northern shore of the bay.",
     "Worries about the harbour wall and the state of the old quay are growing."},
    /* a quote keeps its closing mark */
    {25, 160, "\"We have never seen a storm like this one in the forty years that we have kept "
              "records at the station on the hill,\" the forecaster said.",
     "\"We have never seen a storm like this one in the forty years that we have kept records at "
     "the station on the hill.\""},
    {16, 100, "\"We have never seen a storm like this one in the forty years that we have kept "
              "records at the station on the hill,\" the forecaster said.",
     "\"We have never seen a storm like this one.\""},
    /* trailing clauses at their boundary, when too long */
    {16, 100, "The ferry operator cancelled every crossing between the two islands on Sunday morning, "
              "which left hundreds of passengers stranded at the terminal.",
     "The ferry operator cancelled every crossing between the two islands on Sunday morning."},
    {16, 100, "The ferry operator cancelled every crossing between the two islands on Sunday, leaving "
              "hundreds of weekend passengers stranded in the terminal building.",
     "The ferry operator cancelled every crossing between the two islands on Sunday."},
    {16, 100, "Firefighters rescued two teenagers from the flooded underpass near the station after "
              "their car stalled in water more than a metre deep.",
     "Firefighters rescued two teenagers from the flooded underpass near the station."},
    {16, 100, "The school board approved the plan to move the start of the day to nine o'clock; "
              "parents who work early shifts had opposed it for months.",
     "The school board approved the plan to move the start of the day to nine o'clock."},
    /* else a trailing phrase, never leaving a dangling word; a time phrase
     * ("next month") is one */
    {16, 100, "The flood gates on the east quay will stay shut until the spring tides have passed "
              "next month, according to the harbour master.",
     "The flood gates on the east quay will stay shut until the spring tides have passed."},
    {12, 100, "The flood gates on the east quay will stay shut until the spring tides have passed "
              "next month, according to the harbour master.",
     "The flood gates on the east quay will stay shut."},
    /* "days after" keeps its clause: the cut goes elsewhere */
    {12, 100, "The bridge reopened on Sunday, just two days after the storm had torn the railings away.",
     "The bridge reopened on Sunday."},
    /* an infinitive is what its verb needs: no cut before "to" */
    {24, 150, "Merrowgate City Council has opened three sandbag collection points and put a rest "
              "centre on standby as the city prepares for a gale expected to bring gusts of up to 110 "
              "kilometres per hour from midday today.",
     "Merrowgate City Council has opened three sandbag collection points and put a rest centre on "
     "standby as the city prepares."},
    /* a relative clause that never got its verb is no ending */
    {24, 150, "Road and bridge maintenance will get 74 million crowns, up from 58 million this year, "
              "a rise that the finance chair, Councillor Beatrix Nwosu-Hale, said was long overdue "
              "after years of patching.",
     "Road and bridge maintenance will get 74 million crowns, up from 58 million this year."},
    /* a list is not cut short of its items */
    {24, 150, "Residents in low-lying streets can collect up to ten filled sandbags per household at "
              "the Old Quay depot, the Fennick Sports Hall car park and the Saltmarsh Road recycling "
              "centre until 4 p.m.",
     "Residents in low-lying streets can collect up to ten filled sandbags per household."},
    /* an apposition that a relative clause is about stays, or both go */
    {24, 150, "The festival opened on Friday evening with the premiere of \"Twisted Hemp\", a "
              "documentary about the last rope works on the River Sable, which closed in 1998 after "
              "160 years.",
     "The festival opened on Friday evening with the premiere of \"Twisted Hemp\", a documentary "
     "about the last rope works on the River Sable."},
    /* a long opening clause goes before the main clause is cut */
    {16, 110, "When the last ferry of the evening was cancelled because of the gale warning in the "
              "harbour, the council opened the school hall for stranded passengers.",
     "The council opened the school hall for stranded passengers."},
    /* an adjective keeps the "to" it takes: no "…, as residents are anxious." */
    {24, 150, "The visit was the first by a minister of the new government to the harbour towns of "
              "the north coast, as residents are anxious to learn what will happen to the ferry service.",
     "The visit was the first by a minister of the new government to the harbour towns of the north coast."},
    /* no cut leaves a "when" or "if" without its verb ("…, when on a wet night.") */
    {24, 150, "Her first match as captain was against the harbour club in March, 2004, when on a wet night "
              "at the old ground the coach left out both strikers and paid for his choice with his job.",
     "Her first match as captain was against the harbour club in March, 2004."},
    /* a dash aside goes with its spaces */
    {24, 150, "The harbour master \xe2\x80\x93 who blamed the council for failing to dredge the channel in time for "
              "the season \xe2\x80\x93 conceded the ferry had run aground on a sandbank near the pier.",
     "The harbour master conceded the ferry had run aground on a sandbank near the pier."},
    /* a gerund keeps its object: no "… for writing." */
    {16, 110, "The harbour master angered the ferry crews last winter for writing in the local paper that "
              "their boats were too old.",
     "The harbour master angered the ferry crews last winter."},
    /* a speech verb keeps its clause: no "… who claimed the planned levy." */
    {14, 100, "The farmers' union backed the regional minister who claimed the planned levy on imported "
              "grain would protect prices for growers in the valley.",
     "The farmers' union backed the regional minister."},
    /* a participle opening with its own subject and verb is the sentence, not an adverbial */
    {24, 150, "Heading into the final round he is a very, very distant nine strokes behind the leader, "
              "who has not dropped a shot all week at the links course by the harbour.",
     "Heading into the final round he is a very, very distant nine strokes behind the leader, who has "
     "not dropped a shot all week."},
    /* an aside between spaced hyphens goes too */
    {20, 130, "The singer - who called the new tax on large houses an attack on pensioners - told the crowd "
              "she would pay it without complaint.",
     "The singer told the crowd she would pay it without complaint."},
    /* … but not the one that closes an opening clause */
    {20, 130, "While the old rooms have been redone - the roof is new - the buyer will face a large bill "
              "for the cellar walls.",
     "While the old rooms have been redone - the roof is new - the buyer will face a large bill."},
    /* a gerund before "and" is whole */
    {20, 130, "The two runners decided to mark their wedding day with a race and combined their love for "
              "running and their love for each other on a course by the sea.",
     "The two runners decided to mark their wedding day with a race and combined their love for running."},
    /* a point does not lean on the sentence before: a leading "But" goes when it is long */
    {24, 150, "But the harbour master questioned the figures from the ferry company and insisted that the "
              "crossing was safe for all passengers.",
     "The harbour master questioned the figures from the ferry company and insisted that the crossing was "
     "safe for all passengers."},
    /* a conjunction before a leading adverbial goes with it */
    {24, 150, "And despite his recent wins on the river, the harbour captain confirmed the crew will race at "
              "the national regatta in Fennick on Saturday.",
     "The harbour captain confirmed the crew will race at the national regatta in Fennick on Saturday."},
    /* an age after the comma is the name's: "When Ada Frost," is no adverbial */
    {24, 150, "When Ada Frost, 28, moved into a quiet cottage by the harbour last spring, she thought she had "
              "found the perfect place to call home.",
     "When Ada Frost, 28, moved into a quiet cottage by the harbour last spring, she thought she had found "
     "the perfect place."},
    /* the subject is no adverbial: "Now Ada Frost, of Fennick," keeps its name */
    {24, 150, "Now Ada Frost, of Fennick, has found herself selling postcards of the old harbour to tourists "
              "for a pound each on the pier every weekend.",
     "Now Ada Frost, of Fennick, has found herself selling postcards of the old harbour to tourists."},
    /* "is said to" keeps its infinitive */
    {14, 100, "The keeper was 'delighted' with the new contract, which is said to be worth twice his old "
              "salary over the next four seasons at the club.",
     "The keeper was 'delighted' with the new contract."},
    /* "revealed that" keeps its clause */
    {18, 120, "The captain has won every cup the league can offer but revealed that keeping the club up "
              "this season would feel like the greatest win of all.",
     "The captain has won every cup the league can offer."},
    /* a point starts with a capital */
    {24, 150, "two lifeboat crews are among the volunteers honoured in the harbour town this week.",
     "Two lifeboat crews are among the volunteers honoured in the harbour town this week."},
    /* half a quotation keeps its marks whole */
    {24, 150, "The ranger told reporters: 'We have counted forty nests on the cliff this spring.",
     "The ranger told reporters: 'We have counted forty nests on the cliff this spring.'"},
    {24, 150, "It was the best day of my life,' she wrote on her blog.",
     "'It was the best day of my life,' she wrote on her blog."},
    /* a relative clause ends at the comma before the main verb, not at a
     * list's comma inside it; a verb after the comma is the main clause's */
    {18, 120, "The Fennick captain, who has led the crew through a hard winter, and into the national final "
              "this spring, is nominated for the rower of the year award by the federation.",
     "The Fennick captain is nominated for the rower of the year award by the federation."},
    {14, 100, "Ada Frost, who retired from the harbour board in May, thanked the crew and the council for their "
              "work on the new pier this year.",
     "Ada Frost thanked the crew and the council for their work."},
    /* an "of" phrase belongs to the noun a determiner heads: no "… the start." */
    {20, 130, "The harbour trust has spent the whole winter repairing the old sea wall and now plans to rebuild the "
              "start of the pier walk by the lighthouse.",
     "The harbour trust has spent the whole winter repairing the old sea wall."},
    /* an adverb before a participle says nothing: "… at the ceremony also attended." is a bare participle */
    {20, 130, "The mayor criticised the ferry company over its plans for the winter timetable, at the ceremony also "
              "attended by the crews of both boats and the volunteers.",
     "The mayor criticised the ferry company over its plans for the winter timetable."},
    /* a noun phrase with a verb of its own is the main clause, no apposition */
    {20, 130, "From Friday to Sunday, a total of 212 walkers were rescued from the fells, according to the park "
              "rangers, who said the fog on the tops was the thickest in years.",
     "A total of 212 walkers were rescued from the fells, according to the park rangers."},
    /* a plural noun before "of" is no verb: "where all the details of the lives of Ada Frost." has none */
    {24, 150, "The long winter on the coast has reached the point where all the small details of the lives of Ada Frost "
              "and Tomas Brandt are being written up by the local paper.",
     "The long winter on the coast has reached the point where all the small details of the lives of Ada Frost and "
     "Tomas Brandt\xe2\x80\xa6"},
    /* an opening "While" clause needs a main clause with a verb after its
     * comma: no clean cut has one, and the "…" cut inside the clause says
     * nothing, so there is no point ("") */
    {18, 120, "While the number of ferry crossings will rise over the summer, by almost a third, the number of crews "
              "is set to fall because of the new rota.",
     ""},
    /* the cut that fits ends on the comma before the main verb: a subject
     * without its verb is no point ("") */
    {18, 150, "The photograph, taken by a fisherman as the storm lifts the waves over the pier, shows the ferry sinking "
              "slowly into the grey water of the bay.",
     ""},
    {18, 150, "The speed with which the crews cleared the quay, coupled with the fact they worked through the night, is "
              "likely to win them the town's award this year.",
     ""},
    /* "that" after a speech verb opens a clause that needs its verb (an
     * "-ed" word after "the" is none): not "… said Friday that the
     * presence of a solvent at the rented boathouse." */
    {24, 150, "The Harbour Safety and Rescue Agency said Friday that the presence of a solvent at the rented boathouse in "
              "St. Ives may have caused the fumes, which were reported to the police on March 20.",
     "The Harbour Safety and Rescue Agency said Friday that the presence of a solvent at the rented boathouse in "
     "St. Ives may have caused\xe2\x80\xa6"},
    /* a speech verb with a clause of its own after a subject is the main
     * verb, no attribution tail: not "The old lighthouse keeper, who has
     * lived … from the navy."; a tail that ends on its verb still goes */
    {18, 150, "The old lighthouse keeper, who has lived on the island since he retired from the navy, says the light "
              "should stay.",
     "The old lighthouse keeper says the light should stay."},
    {18, 150, "The ferry will not sail to the island until the storm has passed, says the harbour master.",
     "The ferry will not sail to the island until the storm has passed."},
    /* a verb keeps the phrase it needs: no "… but was met.", "… likely to be worth." */
    {18, 120, "The harbour master told the ferry crews to slow their boats in the channel but was met with a wall of "
              "anger from the skippers at the quay.",
     "The harbour master told the ferry crews to slow their boats in the channel."},
    {20, 130, "The new harbour master is expected to sign a contract with the port board that is likely to be worth in "
              "the region of two million pounds.",
     "The new harbour master is expected to sign a contract."},
    /* a spaced hyphen is a dash: the cut there keeps the most ("… someone else." lost "to envy") */
    {24, 150, "Ferry passengers have long wished for cabins with beds on the night crossing, but now it seems there is "
              "someone else to envy - the crews who sleep in new bunks below deck.",
     "Ferry passengers have long wished for cabins with beds on the night crossing, but now it seems there is "
     "someone else to envy."},
    {18, 120, "Young cooks with their eye on a job in the kitchens of the harbour hotel should take note - the chef is "
              "hiring again this spring.",
     "Young cooks with their eye on a job in the kitchens of the harbour hotel should take note."},
    /* a clause after "but" needs its verb, "not only" its "but": no "… but the man.", "… which not only saved …." */
    {20, 130, "The old skipper has died at the age of 84 after a long illness but the man who sailed the harbour ferry "
              "for fifty years will always be remembered.",
     "The old skipper has died at the age of 84 after a long illness."},
    {18, 150, "The rowers crossed the bay in their boat, which not only saved the crew of a trawler in the storm but also "
              "spread a message about the lifeboats.",
     "The rowers crossed the bay in their boat."},
    /* a plural noun keeps its "of": no "… about items." */
    {20, 150, "The harbour trust has sent a leaflet to every boat owner on the quay warning the skippers about items of "
              "kit they may no longer carry.",
     "The harbour trust has sent a leaflet to every boat owner."},
    /* a noun or "too …" that takes "to" keeps it: no "… an outrageous attempt.", "… too frail." */
    {18, 150, "The harbour board claims the ferry company is making an outrageous attempt to win back the contract it "
              "lost last year.",
     "The harbour board claims the ferry company is making an outrageous attempt to win back the contract\xe2\x80\xa6"},
    {20, 150, "Campaigners asked why the old skipper was allowed to keep his licence at the harbour if he was too frail "
              "to be questioned by the police.",
     "Campaigners asked why the old skipper was allowed to keep his licence at the harbour."},
    /* a verb's base form that takes "to" keeps it like its "-s" form: no
     * "… as his young team look.", "… on the estate to try." */
    {18, 150, "The coach said he was pleased with the draw at the harbour ground as his young team look to climb the "
              "table before the winter break.",
     "The coach said he was pleased with the draw at the harbour ground."},
    {18, 150, "Last week the council sent letters to every household on the estate to try to find out who dumped the "
              "old boats.",
     "Last week the council sent letters to every household on the estate."},
    /* no ending on "probably": "… the storm was probably." */
    {16, 150, "The ferry made a loss of a million pounds last year and the storm was probably behind the decision to "
              "close the line.",
     "The ferry made a loss of a million pounds last year."},
    /* a long relative clause after the subject goes whole: the main verb stays */
    {24, 150, "Ada Frost, whose freewheeling career in shipping garnered her worldwide acclaim and whose sea shanties "
              "abounded on the radio, the stage and on records, has died.",
     "Ada Frost has died."},
    /* a passive keeps its agent: "The lights were inspired." says nothing */
    {24, 150, "The captain admitted the club face a hard task to win back the fans after a night in which the "
              "relegation was marked by protests against the owner outside the ground.",
     "The captain admitted the club face a hard task to win back the fans."},
    {24, 150, "The captain admitted the club face a hard task to win back the fans after a night in which the "
              "relegation was met with protests against the owner outside the ground.",
     "The captain admitted the club face a hard task to win back the fans."},
    /* a relative clause after an age goes, the age keeps its comma */
    {18, 150, "Ada Frost, 54, who has a fanatical love of old boats after she bought a third one, has been missing "
              "since Tuesday from the harbour.",
     "Ada Frost, 54, has been missing since Tuesday from the harbour."},
    /* "so" and a subject open a clause that needs its verb; "so cold" is an adverb */
    {16, 150, "The blocking of the harbour site began early on Monday so those outside the town and trying to view "
              "the site got a message saying it was closed.",
     "The blocking of the harbour site began early."},
    {16, 150, "The harbour was so cold on Monday that the crews stayed at home in the town and waited for the "
              "spring.",
     "The harbour was so cold on Monday that the crews stayed at home in the town."},
    /* an irregular past is the main verb: the cut stands alone, no "…" */
    {24, 150, "Hundreds of fans on the harbour wall took to the boats to show their anger at the council over the "
              "plan on at least five occasions.",
     "Hundreds of fans on the harbour wall took to the boats to show their anger at the council over the plan."},
    /* a subordinate clause alone is no sentence: the long opening clause
     * goes when the main clause stands ("woke" is its verb) … */
    {10, 100, "After the storm had torn the railings from the old bridge over the river in the night, "
              "the town woke up to silence.",
     "The town woke up to silence."},
    /* a "…" cut does not end on "none" (of "none other than"), a hedge
     * ("probably") or a lone quote mark */
    {16, 150, "The new mural on the harbour wall beside the old ferry terminal was inspired by none other than the "
              "painter Ada Frost.",
     "The new mural on the harbour wall beside the old ferry terminal was inspired\xe2\x80\xa6"},
    /* "By the time …" opens a subordinate clause like "When …": not "By the
     * time the lifeboat crew reached the sinking ferry in the dark." */
    {16, 150, "By the time the lifeboat crew reached the sinking ferry in the dark, the last of the passengers had been "
              "pulled from the water by fishermen.",
     "The last of the passengers had been pulled from the water by fishermen."},
    /* … else the "…" cut would end inside the opening clause ("lay" is no
     * verb the shaper knows): it says nothing, so there is no point */
    {10, 100, "After the storm had torn the railings from the old bridge over the river in the night, "
              "the town lay silent.",
     ""},
    /* a trailing cut never ends on a word that waits for its pair:
     * "complete" its "with", "as slow" its "as" (a "…" cut says more) */
    {24, 120, "A farmhouse in the hills is up for sale complete with original fittings including "
              "stained-glass doors, coal-fired stoves and old tins of cocoa.",
     "A farmhouse in the hills is up for sale complete with original fittings including stained-glass doors\xe2\x80\xa6"},
    {18, 90, "Since the new bridge opened, the old ferry on the river crossing looks as slow as a rowing "
             "boat that has lost both its oars.",
     "The old ferry on the river crossing looks as slow as a rowing boat that has lost\xe2\x80\xa6"},
    /* nor on an aside that opened a relative clause ("… a market that,
     * almost overnight.") */
    {24, 120, "In the week of the vote the talk among traders was of new rules to bring back a market "
              "that, almost overnight, looks as empty as a closed shop.",
     "In the week of the vote the talk among traders was of new rules."},
    /* a common irregular past is the verb of the main clause after an
     * opening subordinate clause ("…, it brought back …"), so the cut is
     * at a clause and not with "…" */
    {24, 150, "Although nobody was hurt in the second fire this spring, it brought back memories of the "
              "blaze at the mill in January when the whole street had to be cleared for a night.",
     "Although nobody was hurt in the second fire this spring, it brought back memories of the blaze "
     "at the mill in January."},
    /* an "-ly" adverb before a past ends the relative clause ("who won …
     * fatally shot"), and a reflexive may end a point */
    {24, 150, "A farmer who sold his prize ram at the county show quietly bought it back for himself after "
              "the new owner failed to collect the animal within the month agreed.",
     "A farmer who sold his prize ram at the county show quietly bought it back for himself."},
    /* a number or quantifier keeps what it counts ("…, 34 of which …"),
     * and "one in five" stays whole or goes whole */
    {24, 150, "Inspectors opened 52 crates from the impounded lorry at the ferry port on Monday night, 34 of which "
              "held cigarettes packed in boxes labelled as garden tools.",
     "Inspectors opened 52 crates from the impounded lorry at the ferry port on Monday night."},
    {20, 130, "The late-night radio show on the coastal station has struggled since its launch last spring, and has "
              "lost one in five of its listeners over the winter.",
     "The late-night radio show on the coastal station has struggled since its launch last spring."},
    /* "if" opens a clause that may go: a cut before it drops the condition
     * as surely ("… was allowed to stay in service.") */
    {18, 150, "Harbour campaigners angrily asked why the old ferry was allowed to stay in service on the river if it "
              "was too slow to pass the safety test.",
     "Harbour campaigners angrily asked why the old ferry was allowed to stay in service on the river."},
    {18, 150, "The old ferry would sail again from the harbour on the first day of spring if the council found the "
              "money to mend its engine.",
     "The old ferry would sail again from the harbour on the first day of spring."},
    /* … but a definite future keeps its condition: no cut at or before the
     * "if" ("The old ferry will sail again from the harbour." is a claim
     * the sentence does not make), so the last resort is a "…" cut */
    {18, 150, "The old ferry will sail again from the harbour on the first day of spring if the council finds the "
              "money to mend its engine.",
     "The old ferry will sail again from the harbour on the first day of spring if the council\xe2\x80\xa6"},
    /* a comma cut does not leave the "if" open ("… if Fennick."); the
     * hedged clause before "but" stands */
    {18, 150, "Victory on Saturday would lift the harbour club clear of the drop zone but they will fall back into the "
              "bottom three if Fennick, two points behind with a better record, win.",
     "Victory on Saturday would lift the harbour club clear of the drop zone."},
    /* a time phrase ends a sentence like "on Tuesday"; "he completes" is a
     * verb after its pronoun, so the "if" clause is not open */
    {21, 150, "The young striker will join the harbour club on loan next season if he completes his move to the city "
              "club this summer.",
     "The young striker will join the harbour club on loan next season if he completes his move to the city club."},
    /* the condition after a comma, and "only if", stay with their "will";
     * a capitalized "Will" is a name, so "would" may lose its condition */
    {16, 150, "The harbour club will be promoted to the top flight on Saturday, if they beat the visitors from Fennick "
              "at home.",
     "The harbour club will be promoted to the top flight on Saturday\xe2\x80\xa6"},
    {16, 150, "The old ferry will sail again from the harbour on the first day of spring only if the council finds the "
              "money to mend its engine.",
     "The old ferry will sail again from the harbour on the first day of spring\xe2\x80\xa6"},
    {18, 150, "Will Fennick would sail the old ferry again from the harbour on the first day of spring if the council "
              "found the money to mend it.",
     "Will Fennick would sail the old ferry again from the harbour on the first day of spring."},
    /* "it" before an "-s" word is an object here, no subject: no verb */
    {12, 150, "The decision to give it powers over the whole harbour and the ferry quay was welcomed by the council "
              "on Monday.",
     "The decision to give it powers over the whole harbour\xe2\x80\xa6"},
    /* a time phrase that belongs to the word before does not end a point
     * ("… on the ferry timetable later.") */
    {12, 150, "The harbour minister will announce the decision on the ferry timetable later this week after talks "
              "with the unions.",
     "The harbour minister will announce the decision."},
    /* "he comes" is a verb, and it keeps its "to" ("… when he comes.") */
    {14, 150, "The old skipper feels at home on the quay when he comes to the harbour town for the summer fair every "
              "year.",
     "The old skipper feels at home on the quay."},
};

static void compression_cases(void **state) {
    (void)state;
    /* "…, which has stood empty for years comes with the kitchen and
     * bathroom, oak-panelled hallway and …": that comma is a list's, so the
     * clause does not end there and take the main verb with it */
    const char *list = "The old harbour house in Fennick, which has stood empty for more than forty years comes "
                       "with the original kitchen and bathroom, oak-panelled hallway and even the old cupboards.";
    char *q = shape_point(list, strlen(list), 18, 120, LANG_EN);
    if (strstr(q, "Fennick oak-panelled")) fail_msg("the main verb went with the clause: %s", q);
    free(q);
    for (size_t i = 0; i < sizeof shape_cases / sizeof shape_cases[0]; i++) {
        const shape_case_t *c = &shape_cases[i];
        char *p = shape_point(c->in, strlen(c->in), c->words, c->chars, LANG_EN);
        if (strcmp(p, c->out) != 0) fail_msg("case %zu:\n  in:   %s\n  want: %s\n  got:  %s", i, c->in, c->out, p);
        check_fits(p, c->words, c->chars);
        free(p);
    }
}

/* When nothing can go, a cut never splits a word, a number or a name, and
 * says it cut; otherwise the point is a shorter whole sentence. */
static void shaping_cuts_cleanly(void **state) {
    (void)state;
    const char *long_s =
        "The United States has given Ukraine an impressive sum of $65.9 billion over three years "
        "while Britain pledged £3 billion a year and Defence Secretary John Healey announced "
        "tanks drones armoured vehicles and air defence systems for the coming winter months.";
    const char *ell = "\xe2\x80\xa6";
    for (int limit = 40; limit <= 160; limit += 7) {
        char *p = shape_point(long_s, strlen(long_s), 25, limit, LANG_EN);
        check_fits(p, 25, limit);
        size_t n = strlen(p);
        int cut = n > 3 && strcmp(p + n - 3, ell) == 0;
        assert_true(cut || p[n - 1] == '.');
        size_t body = n - (cut ? 3 : 1);
        /* what is left is the start of the sentence, ending at a word's end */
        assert_memory_equal(p, long_s, body);
        char next = long_s[body];
        assert_true(next == ' ' || next == ',' || next == '.');
        if (cut) {
            /* not between two capitalized words of a name */
            size_t ws = body;
            while (ws > 0 && p[ws - 1] != ' ') ws--;
            int last_cap = p[ws] >= 'A' && p[ws] <= 'Z';
            int next_cap = long_s[body + 1] >= 'A' && long_s[body + 1] <= 'Z';
            assert_false(last_cap && next_cap);
        }
        free(p);
    }
    for (int words = 5; words <= 25; words += 4) {
        char *p = shape_point(long_s, strlen(long_s), words, 160, LANG_EN);
        check_fits(p, words, 160);
        free(p);
    }
}

/* ---------------------------------------------------------------- summarizer */
static void points_of(const char *text, const char *title, const char *lang, char ***pts,
                      size_t *n) {
    summarize_opts_t o;
    summarize_opts_default(&o);
    o.lang = lang;
    assert_int_equal(summarize_points(text, title, &o, pts, n), 0);
}

static int any_point_has(char **pts, size_t n, const char *needle) {
    for (size_t i = 0; i < n; i++)
        if (strstr(pts[i], needle)) return 1;
    return 0;
}

/* A long sentence of two clauses gives two candidates: where each starts
 * and ends (NULL: no split). */
static void clause_splits(void **state) {
    (void)state;
    static const struct {
        const char *s, *head, *tail;
    } cases[] = {
        {"The council closed the old bridge over the river to all traffic on Monday morning, and the ferry "
         "company added two extra crossings an hour until the repairs are finished.",
         "The council closed the old bridge over the river to all traffic on Monday morning",
         "the ferry company added two extra crossings an hour until the repairs are finished."},
        {"Most of the passengers on the stranded ferry were pensioners on a day trip to the islands; the "
         "crew handed out blankets and hot drinks until the tugs arrived.",
         "Most of the passengers on the stranded ferry were pensioners on a day trip to the islands",
         "the crew handed out blankets and hot drinks until the tugs arrived."},
        /* a pronoun has its referent in the first clause: no split */
        {"The council closed the old bridge over the river to all traffic on Monday morning, and it will "
         "stay shut for at least six weeks while engineers replace the railings.",
         NULL, NULL},
        /* the last item of a list is no clause */
        {"The new scheme will be paid for by the councils of Merrowgate, Fennick, and Saltmarsh Road "
         "residents who live within two miles of the harbour wall.",
         NULL, NULL},
        /* short enough as it is */
        {"The bridge closed on Monday, and the ferry added two crossings.", NULL, NULL},
    };
    shape_ctx_t c;
    shape_ctx_init(&c, LANG_EN);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].s;
        size_t tail, head = shape_split_clauses(&c, s, strlen(s), 24, &tail);
        if (!cases[i].head) {
            if (head) fail_msg("case %zu: split into '%.*s' and '%s'", i, (int)head, s, s + tail);
            continue;
        }
        if (head != strlen(cases[i].head) || memcmp(s, cases[i].head, head) || strcmp(s + tail, cases[i].tail))
            fail_msg("case %zu: got '%.*s' and '%s'", i, (int)head, s, head ? s + tail : "");
    }
    shape_ctx_free(&c);
    /* as points: each clause is one, with its own full stop and capital */
    const char *text = "The council closed the old bridge over the river to all traffic on Monday morning, and the "
                       "ferry company added two extra crossings an hour until the repairs are finished. Engineers "
                       "found rust in three of the steel cables during a routine inspection last month. The "
                       "repairs will cost the city about 4.2 million crowns, the mayor told the council.";
    char **pts;
    size_t n;
    points_of(text, NULL, NULL, &pts, &n);
    int head = 0, tail = 0;
    for (size_t i = 0; i < n; i++) {
        head += !strcmp(pts[i], "The council closed the old bridge over the river to all traffic on Monday morning.");
        tail += !strcmp(pts[i], "The ferry company added two extra crossings an hour until the repairs are finished.");
    }
    assert_int_equal(head, 1);
    assert_int_equal(tail, 1);
    summarize_points_free(pts, n);
}

static void noisy_article_gives_clean_points(void **state) {
    (void)state;
    char *text = test_slurp("tests/data/points_noisy_en.txt");
    assert_non_null(text);
    char **pts;
    size_t n;
    points_of(text, NULL, NULL, &pts, &n);
    assert_in_range(n, 3, 4);
    assert_string_equal(pts[0], "The Kestrel Harbour bridge reopened to traffic on Tuesday after six "
                                "weeks of repairs that cost the city £4.2 million.");
    int reopened = 0;
    for (size_t i = 0; i < n; i++) {
        check_fits(pts[i], 25, 160);
        if (strstr(pts[i], "reopened to traffic")) reopened++;
    }
    assert_int_equal(reopened, 1); /* the duplicate is gone */
    const char *noise[] = {"Jane Roe", "Published", "Workers finish", "For more", "Read more",
                           "Celebrity chef", "Scroll down", "Reopens After"};
    for (size_t i = 0; i < sizeof noise / sizeof noise[0]; i++)
        assert_false(any_point_has(pts, n, noise[i]));
    /* stable: same input, same points */
    char **again;
    size_t m;
    points_of(text, NULL, NULL, &again, &m);
    assert_int_equal(m, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(again[i], pts[i]);
    summarize_points_free(again, m);
    summarize_points_free(pts, n);
    /* fewer points on request */
    summarize_opts_t o;
    summarize_opts_default(&o);
    o.max_points = 2;
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    assert_int_equal(n, 2);
    summarize_points_free(pts, n);
    free(text);
}

static void teasers_at_the_end_are_dropped(void **state) {
    (void)state;
    const char *text =
        "Ministers from thirty countries met in Lisbon on Thursday to agree on new fishing quotas.\n"
        "The deal cuts the cod quota by a fifth and sets up a common patrol fleet for the northern waters.\n"
        "Fishing groups said the cuts would cost jobs in small harbours, while scientists welcomed the quota limits.\n"
        "The ministers will meet again in autumn to check whether the cod stocks recover.\n"
        "Portugal chaired the talks and proposed the patrol fleet, which will start work next spring.\n"
        "Several countries asked for money to help crews who lose work under the new fishing quotas.\n"
        "Pop star announces surprise stadium tour for next summer\n"
        "Ten recipes for a quick weekday dinner\n";
    char **pts;
    size_t n;
    points_of(text, "Ministers agree fishing quotas", NULL, &pts, &n);
    assert_true(n >= 3);
    assert_false(any_point_has(pts, n, "Pop star"));
    assert_false(any_point_has(pts, n, "recipes"));
    assert_true(any_point_has(pts, n, "Ministers from thirty countries"));
    summarize_points_free(pts, n);
}

/* A page's top caption run into the lead tells the story: a point of its
 * own, with its full stop, not dropped as a caption. */
static void opening_caption_is_a_point(void **state) {
    (void)state;
    const char *text =
        "Ada Frost, 48, lost her fight against a harbour parking fine at the High Court Thousands of drivers "
        "face higher parking fines after judges ruled that a \xc2\xa3" "85 charge was a fair penalty for staying too "
        "long in a car park. Ada Frost had launched a legal bid to overturn her fine, saying it was unfair and "
        "could not be enforced. Motoring groups reacted with fury to the decision of the judges. The car "
        "park, run by a private firm, allows two hours of free parking. Mrs Frost stayed for three hours and "
        "was fined.";
    char **pts;
    size_t n;
    points_of(text, NULL, NULL, &pts, &n);
    assert_true(n >= 3);
    assert_string_equal(pts[0], "Ada Frost, 48, lost her fight against a harbour parking fine at the High Court.");
    assert_true(any_point_has(pts, n, "Thousands of drivers face"));
    summarize_points_free(pts, n);
}

/* "I" without a quotation mark is the middle of a quotation: no point. */
static void quoted_first_person_is_no_point(void **state) {
    (void)state;
    const char *text =
        "The Fennick rowing club won the national cup on Saturday for the first time in forty years. Their "
        "captain Ada Frost said the win was the reward for a hard winter. 'We trained on the river every "
        "morning at five. I knew the crew could win the national cup on the river at Fennick this year and "
        "beat the holders. It was the best day of my life,' she said. The crew of eight beat the holders by "
        "two lengths. The club will defend the cup next summer at the regatta in Merrowgate. The town council "
        "will hold a reception for the crew on Monday.";
    char **pts;
    size_t n;
    points_of(text, NULL, NULL, &pts, &n);
    assert_true(n >= 3);
    assert_false(any_point_has(pts, n, "I knew"));
    summarize_points_free(pts, n);
}

typedef struct {
    const char *lang;
    lang_id_t id;
    const char *text;
    const char *lead;    /* the first sentence's start */
    const char *signoff; /* must not appear */
} lang_article_t;

static const lang_article_t articles[] = {
    {"de", LANG_DE,
     "Die Stadt Lindenau hat am Montag ein neues Hallenbad eröffnet. Der Bau kostete 12,5 Millionen Euro "
     "und dauerte drei Jahre. Bürgermeisterin Anna Weber sagte, das Bad sei vor allem für Schulen und Vereine "
     "gedacht. Das alte Bad war 2019 wegen Schäden am Dach geschlossen worden. Der Eintritt kostet für Kinder "
     "zwei Euro.\nLesen Sie auch: Neue Radwege in der Innenstadt\n",
     "Die Stadt Lindenau", "Radwege"},
    {"fr", LANG_FR,
     "La ville de Montclair a inauguré lundi une nouvelle médiathèque dans le centre historique. Le bâtiment "
     "a coûté 8,3 millions d'euros et accueille plus de 60 000 livres. Selon la maire, Claire Dubois, le lieu "
     "doit servir aux écoles et aux associations du quartier. L'ancienne bibliothèque avait fermé en 2020 à "
     "cause de problèmes de chauffage. L'entrée restera gratuite pour tous les habitants.\n"
     "À lire aussi : les marchés de Noël de la région\n",
     "La ville de Montclair", "Noël"},
    {"es", LANG_ES,
     "El ayuntamiento de Valdeluz inauguró el lunes un nuevo puente peatonal sobre el río. La obra costó 3,2 "
     "millones de euros y duró catorce meses. Según la alcaldesa, Marta Ruiz, el puente une por fin los dos "
     "barrios de la ciudad. El antiguo paso fue cerrado en 2021 por problemas de seguridad. Más de dos mil "
     "vecinos cruzaron el puente el primer día.\nLee también: las mejores rutas en bicicleta de la provincia\n",
     "El ayuntamiento de Valdeluz", "bicicleta"},
    {"it", LANG_IT,
     "Il comune di Valverde ha inaugurato lunedì una nuova scuola elementare nel centro storico. I lavori sono "
     "costati 5,4 milioni di euro e sono durati due anni. Secondo il sindaco, Paolo Rossi, la scuola potrà "
     "accogliere fino a 400 bambini. Il vecchio edificio era stato chiuso nel 2018 per problemi alle "
     "fondamenta. Le lezioni inizieranno a settembre.\nLeggi anche: le sagre più belle dell'estate\n",
     "Il comune di Valverde", "sagre"},
    {"nl", LANG_NL,
     "De gemeente Lindendam heeft maandag een nieuwe fietsbrug over het kanaal geopend. De bouw kostte 4,8 "
     "miljoen euro en duurde anderhalf jaar. Volgens wethouder Sanne de Vries fietsen er elke dag ongeveer "
     "6000 mensen over de brug. De oude brug werd in 2020 gesloten omdat het hout was verrot. Voetgangers "
     "krijgen een eigen strook aan de zuidkant.\nLees ook: de mooiste wandelroutes van de provincie\n",
     "De gemeente Lindendam", "wandelroutes"},
    {"pt", LANG_PT,
     "A câmara de Vila Serena inaugurou na segunda-feira um novo mercado municipal no centro da cidade. A obra "
     "custou 6,1 milhões de euros e demorou dois anos. Segundo o presidente da câmara, João Silva, o mercado "
     "vai ter 80 bancas de produtores locais. O antigo edifício tinha fechado em 2019 por causa de problemas "
     "no telhado. O mercado abre todos os dias exceto ao domingo.\nLeia também: as melhores praias da região\n",
     "A câmara de Vila Serena", "praias"},
    {"sv", LANG_SV,
     "Kommunen i Björkvik invigde på måndagen en ny simhall i centrum. Bygget kostade 210 miljoner kronor och "
     "tog tre år. Enligt kommunalrådet Eva Lind ska hallen främst användas av skolor och föreningar. Den gamla "
     "simhallen stängdes 2019 på grund av fuktskador. Barn badar gratis under det första året.\n"
     "Läs även: här är sommarens bästa badplatser\n",
     "Kommunen i Björkvik", "badplatser"},
};

static void every_language_is_read(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        const lang_article_t *a = &articles[i];
        assert_int_equal(lang_detect(a->text, strlen(a->text)), a->id);
        for (int hinted = 0; hinted < 2; hinted++) {
            char **pts;
            size_t n;
            points_of(a->text, NULL, hinted ? a->lang : NULL, &pts, &n);
            if (n < 3) print_error("%s: %zu points\n", a->lang, n);
            assert_true(n >= 3);
            assert_true(strncmp(pts[0], a->lead, strlen(a->lead)) == 0);
            assert_false(any_point_has(pts, n, a->signoff));
            for (size_t k = 0; k < n; k++) check_fits(pts[k], 25, 160);
            summarize_points_free(pts, n);
        }
    }
}

typedef struct {
    buf_t all;
    int calls;
} terms_ctx_t;

static void collect_term(void *ctx, const char *term, size_t len) {
    terms_ctx_t *t = ctx;
    buf_append(&t->all, term, len);
    buf_putc(&t->all, ' ');
    t->calls++;
}

static void terms_are_stems_without_stopwords(void **state) {
    (void)state;
    terms_ctx_t t = {BUF_INIT, 0};
    summarize_terms("The runners were running and the runner runs", "en", collect_term, &t);
    assert_string_equal(t.all.data, "runner run runner run ");
    buf_reset(&t.all);
    summarize_terms("Die Häuser des Hauses", "de", collect_term, &t);
    assert_string_equal(t.all.data, "haus haus ");
    buf_free(&t.all);
}

typedef struct {
    int calls;
    int shared_common; /* the shared words are in every document (else the others are) */
} df_ctx_t;

static double count_df(const void *ctx, const char *term, size_t len) {
    df_ctx_t *c = (df_ctx_t *)ctx;
    c->calls++;
    static const char *const shared[] = {"kestrel", "bridg", "rail", NULL};
    int is_shared = 0;
    for (size_t i = 0; shared[i]; i++)
        is_shared |= strlen(shared[i]) == len && !memcmp(term, shared[i], len);
    return is_shared == c->shared_common ? 1000.0 : 1.0;
}

/* The corpus IDF changes what the summarizer sees: two sentences that
 * share only their rare-looking words ("Kestrel bridge railings") and
 * otherwise common news words are near duplicates with the built-in
 * background, and different sentences once the corpus says the shared
 * words are in every document. */
static void corpus_idf_is_used(void **state) {
    (void)state;
    const char *text =
        "Storm winds closed the harbour on Monday and kept all the ferries in port.\n"
        "The Kestrel bridge railings were said to be new this year by many people.\n"
        "Kestrel bridge railings took time last week, the family told us at home.\n"
        "Volunteers cleared fallen branches from the promenade before noon.\n";
    summarize_opts_t o;
    summarize_opts_default(&o);
    o.max_points = o.min_points = 4;
    char **pts;
    size_t n;
    /* the built-in background: the third sentence repeats the second */
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    assert_int_equal(n, 3);
    assert_false(any_point_has(pts, n, "family told us"));
    summarize_points_free(pts, n);
    /* with the corpus: it says something else */
    df_ctx_t ctx = {0, 1};
    summarize_idf_t idf = {1000.0, count_df, &ctx};
    o.idf = &idf;
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    assert_true(ctx.calls > 0);
    assert_int_equal(n, 4);
    assert_true(any_point_has(pts, n, "family told us"));
    summarize_points_free(pts, n);
    /* and a corpus where the shared words are the rare ones: a repeat again */
    ctx = (df_ctx_t){0, 0};
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    assert_true(ctx.calls > 0);
    assert_int_equal(n, 3);
    assert_false(any_point_has(pts, n, "family told us"));
    summarize_points_free(pts, n);
}

/* The lead sentence says what happened: it may use the lead limits, the
 * other points keep the point limits; a story has no such lead. */
/* A point cut with "…" inside its opening subordinate clause has no main
 * clause and is not shown; a clean cut or a comma before the "…" is a
 * main clause begun. */
static void point_keeps_its_main_clause(void **state) {
    (void)state;
    static const struct {
        const char *point;
        int lacks;
    } cases[] = {
        {"After the ferry left the harbour in the worst storm of the winter with forty cars\xe2\x80\xa6", 1},
        {"To meet the demand for berths before the summer season the harbour board\xe2\x80\xa6", 1},
        {"While the quay is repaired and the crews wait for the new berths\xe2\x80\xa6", 1},
        {"If the board cannot find the money for the new sea wall by the spring\xe2\x80\xa6", 1},
        {"While the old quay wall was repaired over the winter, and the old crane\xe2\x80\xa6", 1},
        {"After the storm, the ferry left the harbour with forty cars and\xe2\x80\xa6", 0},
        {"The ferry left the harbour after the storm with forty cars and\xe2\x80\xa6", 0},
        {"After the storm the ferry left the harbour with forty cars.", 0},
        {"", 0},
    };
    shape_ctx_t c;
    shape_ctx_init(&c, LANG_EN);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = shape_lacks_main_clause(&c, cases[i].point, strlen(cases[i].point));
        if (got != cases[i].lacks) fail_msg("lacks its main clause: want %d, got %d: %s", cases[i].lacks, got, cases[i].point);
    }
    shape_ctx_free(&c);
    /* the lead opens with a long clause and no comma in reach: it would be
     * "After the harbour board spent six long years …" and a "…" */
    const char *text =
        "After the harbour board spent six long years arguing with the fishing crews and the ferry company and "
        "the town council about who should pay for the repairs to the crumbling north quay wall and its old "
        "lighthouse the board finally agreed on Monday to share the cost.\n\n"
        "The repairs will cost the port about four million euros and should be finished by the end of "
        "September.\n\n"
        "Fishing crews who use the north quay will moor at the south pier instead while the work goes on.\n\n"
        "Several skippers said the move would add an hour to every trip out to the fishing grounds.\n\n"
        "The ferry company said its timetable would not change during the repairs.\n";
    summarize_opts_t o;
    summarize_opts_default(&o);
    o.lang = "en";
    char **pts;
    size_t n;
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    assert_true(n >= 3);
    assert_false(any_point_has(pts, n, "After the harbour board spent"));
    assert_true(any_point_has(pts, n, "The repairs will cost the port"));
    summarize_points_free(pts, n);
}

static void lead_point_has_more_room(void **state) {
    (void)state;
    const char *text =
        "The harbour board voted on Monday night to close the old north quay to fishing boats for "
        "the summer while divers repair the sea wall.\n\n"
        "The repairs will cost the port about four million euros and should be finished by the end of "
        "September, the board's chair told a packed meeting at the harbour office on Monday night.\n\n"
        "Fishing crews who use the north quay will moor at the south pier instead, where the board "
        "has promised to add twenty new berths and a second fuel pump before the season opens.\n\n"
        "Several skippers said the move would add an hour to every trip out to the fishing grounds.\n";
    summarize_opts_t o;
    summarize_opts_default(&o);
    assert_true(o.lead_words > o.max_words && o.lead_chars > o.max_chars);
    o.lang = "en";
    char **pts;
    size_t n;
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    assert_true(n >= 3);
    /* the whole lead (25 words) is the first point */
    assert_string_equal(pts[0], "The harbour board voted on Monday night to close the old north quay to "
                                "fishing boats for the summer while divers repair the sea wall.");
    for (size_t i = 1; i < n; i++) check_fits(pts[i], o.max_words, o.max_chars);
    summarize_points_free(pts, n);
    /* without the lead limits it is shortened like any other */
    o.lead_words = o.lead_chars = 0;
    assert_int_equal(summarize_points(text, NULL, &o, &pts, &n), 0);
    for (size_t i = 0; i < n; i++) check_fits(pts[i], o.max_words, o.max_chars);
    assert_true(any_point_has(pts, n, "The harbour board voted on Monday night to close"));
    assert_false(any_point_has(pts, n, "divers repair the sea wall"));
    summarize_points_free(pts, n);
    /* a story of the same text twice keeps every point to the point limits */
    summarize_opts_default(&o);
    summarize_doc_t docs[2] = {{text, "Harbour board closes north quay", "en"},
                               {text, "North quay to close for summer", "en"}};
    summarize_story_point_t *sp;
    char *headline;
    assert_int_equal(summarize_story(docs, 2, &o, &sp, &n, &headline, NULL), 0);
    for (size_t i = 0; i < n; i++) check_fits(sp[i].text, o.max_words, o.max_chars);
    summarize_story_points_free(sp, n);
    free(headline);
}

static void edge_inputs(void **state) {
    (void)state;
    char **pts;
    size_t n;
    summarize_opts_t o;
    summarize_opts_default(&o);
    assert_int_equal(summarize_points("", NULL, &o, &pts, &n), -1);
    assert_int_equal(n, 0);
    assert_int_equal(summarize_points(" \n\t\n ", NULL, &o, &pts, &n), -1);
    assert_int_equal(summarize_points(NULL, NULL, &o, &pts, &n), -1);

    points_of("The council approved the new budget for schools on Monday night.", NULL, NULL, &pts, &n);
    assert_int_equal(n, 1);
    assert_string_equal(pts[0], "The council approved the new budget for schools on Monday night.");
    summarize_points_free(pts, n);

    /* all captions and headings: nothing to say, but no failure */
    points_of("Pictured: the mayor at the opening of the bridge\nPhoto: a crowd on the quay at dawn\n"
              "Breaking News\n", NULL, NULL, &pts, &n);
    assert_int_equal(n, 0);
    summarize_points_free(pts, n);

    /* invalid UTF-8 is repaired, not fatal */
    points_of("The caf\xe9 on the corner reopened on Monday after the flood damaged its kitchen. "
              "Its owner said \x93we are back\x94 and thanked the neighbours.", NULL, NULL, &pts, &n);
    assert_true(n >= 1);
    assert_non_null(strstr(pts[0], "caf\xc3\xa9"));
    summarize_points_free(pts, n);

    /* 5 MB: sensible and bounded */
    const char *para = "The river rose by 2.5 metres overnight and the town closed three roads near the old mill. ";
    buf_t big = BUF_INIT;
    int k = 0;
    while (big.len < 5u << 20) buf_printf(&big, "Item %d. %s", k++, para);
    points_of(big.data, NULL, NULL, &pts, &n);
    assert_true(n >= 1 && n <= 4);
    for (size_t i = 0; i < n; i++) check_fits(pts[i], 25, 160);
    summarize_points_free(pts, n);
    /* one 5 MB line without any punctuation */
    buf_reset(&big);
    while (big.len < 5u << 20) buf_puts(&big, "word ");
    points_of(big.data, NULL, NULL, &pts, &n);
    assert_true(n <= 1);
    summarize_points_free(pts, n);
    buf_free(&big);
}

/* ---------------------------------------------------------------- the command */
static void command_points(void **state) {
    (void)state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(test_run("points tests/data/points_noisy_en.txt", &out, &err), 0);
    assert_true(strncmp(out.data, "The Kestrel Harbour bridge reopened", 35) == 0);
    int lines = 0;
    for (char *p = out.data; *p; p++) lines += *p == '\n';
    assert_in_range(lines, 3, 4);

    buf_reset(&out);
    assert_int_equal(test_run("points --json --max 2 tests/data/points_noisy_en.txt", &out, &err), 0);
    cJSON *j = cJSON_Parse(out.data);
    assert_non_null(j);
    cJSON *title = cJSON_GetObjectItem(j, "title");
    assert_true(cJSON_IsString(title));
    assert_string_equal(title->valuestring, "Harbour Bridge Reopens After Storm Repairs");
    cJSON *pts = cJSON_GetObjectItem(j, "points");
    assert_true(cJSON_IsArray(pts));
    assert_int_equal(cJSON_GetArraySize(pts), 2);
    cJSON_Delete(j);

    buf_reset(&out);
    assert_int_equal(test_run("points --json --title 'Given title' - < tests/data/points_noisy_en.txt", &out, &err), 0);
    j = cJSON_Parse(out.data);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "title")->valuestring, "Given title");
    cJSON_Delete(j);

    /* HTML: the text without its tags, scripts or styles */
    buf_reset(&out);
    assert_int_equal(test_run("points tests/data/points_page.html", &out, &err), 0);
    assert_non_null(strstr(out.data, "The town\xe2\x80\x99s new library opened on Saturday"));
    assert_null(strstr(out.data, "<"));
    assert_null(strstr(out.data, "tracking"));
    assert_null(strstr(out.data, "color"));

    /* --max N gives N points when the article has N distinct ones */
    buf_reset(&out);
    assert_int_equal(test_run("points --max 6 tests/data/stories/ferry/a.txt", &out, &err), 0);
    lines = 0;
    for (char *p = out.data; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 6);

    /* usage errors: arguments in, exit code and message out */
    static const struct {
        const char *args, *msg;
    } usage_cases[] = {
        {"points", "usage"},
        {"points --max 0 tests/data/points_noisy_en.txt", "out of range (1-20)"},
        {"points --max 21 tests/data/points_noisy_en.txt", "out of range (1-20)"},
        {"points --max abc tests/data/points_noisy_en.txt", "expected a number (1-20), got 'abc'"},
        {"points --max 3x tests/data/points_noisy_en.txt", "expected a number"},
        {"points tests/data/points_noisy_en.txt --max", "--max needs a value"},
        {"points --lang xx tests/data/points_noisy_en.txt", "unknown language 'xx'"},
        {"points --bogus tests/data/points_noisy_en.txt", "unknown option"},
    };
    for (size_t i = 0; i < sizeof usage_cases / sizeof usage_cases[0]; i++) {
        buf_reset(&err);
        assert_int_equal(test_run(usage_cases[i].args, &out, &err), 2);
        if (!strstr(err.data ? err.data : "", usage_cases[i].msg))
            fail_msg("%s: stderr lacks \"%s\": %s", usage_cases[i].args, usage_cases[i].msg, err.data);
    }
    buf_reset(&err);
    assert_int_equal(test_run("points /nonexistent/article.txt", &out, &err), 1);
    assert_non_null(strstr(err.data, "cannot open"));
    assert_int_equal(test_run("points - < /dev/null", &out, &err), 1);
    buf_free(&out);
    buf_free(&err);
}

/* ---------------------------------------------------------------- stories */
/* Content-word overlap of two points, as summarize.h defines "the same
 * thing": shared terms over the smaller point's terms. */
typedef struct {
    char terms[64][32];
    size_t n;
} termset_t;

static void add_term(void *ctx, const char *term, size_t len) {
    termset_t *t = ctx;
    if (t->n == 64 || len >= 32) return;
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->terms[i]) == len && !memcmp(t->terms[i], term, len)) return;
    memcpy(t->terms[t->n], term, len);
    t->terms[t->n++][len] = '\0';
}

static double overlap(const char *a, const char *b) {
    termset_t x = {0}, y = {0};
    summarize_terms(a, "en", add_term, &x);
    summarize_terms(b, "en", add_term, &y);
    if (!x.n || !y.n) return 0;
    size_t shared = 0;
    for (size_t i = 0; i < x.n; i++)
        for (size_t j = 0; j < y.n; j++) shared += !strcmp(x.terms[i], y.terms[j]);
    return (double)shared / (double)(x.n < y.n ? x.n : y.n);
}

static void assert_all_differ(char *const *pts, size_t n, const char *what) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (overlap(pts[i], pts[j]) >= SUMMARIZE_SAME_FACT)
                fail_msg("%s: two points say the same:\n  %s\n  %s", what, pts[i], pts[j]);
}

/* The property: no two points of one article or one story say the same
 * thing, over every article fixture, the demo pages and the stories. */
static void no_two_points_alike(void **state) {
    (void)state;
    const char *dirs[] = {"tests/data/cluster", "tests/data", "tests/data/stories/ferry",
                          "feeds/demo/articles"};
    size_t n_articles = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        DIR *dir = opendir(dirs[d]);
        assert_non_null(dir);
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t len = strlen(e->d_name);
            int html = len > 5 && !strcmp(e->d_name + len - 5, ".html");
            if (!html && !(len > 4 && !strcmp(e->d_name + len - 4, ".txt"))) continue;
            buf_t path = BUF_INIT;
            buf_printf(&path, "%s/%s", dirs[d], e->d_name);
            textinput_t in;
            buf_t err = BUF_INIT;
            assert_int_equal(textinput_load(path.data, &in, &err), 0);
            char **pts;
            size_t n;
            summarize_opts_t o;
            summarize_opts_default(&o);
            assert_int_equal(summarize_points(in.text, in.title, &o, &pts, &n), 0);
            assert_all_differ(pts, n, path.data);
            summarize_points_free(pts, n);
            textinput_free(&in);
            buf_free(&err);
            buf_free(&path);
            n_articles++;
        }
        closedir(dir);
    }
    assert_true(n_articles >= 30);
}

/* A story of three outlets written for this test, its facts written down
 * first (tests/data/stories/ferry/expected): the points tell what happened
 * first, at least three facts, none twice, each credited to a source. */
static int tells(const char *point, const char *keys) {
    char buf[200];
    snprintf(buf, sizeof buf, "%s", keys);
    for (char *k = strtok(buf, "|"); k; k = strtok(NULL, "|"))
        if (!strcasestr(point, k)) return 0;
    return 1;
}

static void story_tells_its_facts(void **state) {
    (void)state;
    const char *files[] = {"tests/data/stories/ferry/a.txt", "tests/data/stories/ferry/b.txt",
                           "tests/data/stories/ferry/c.txt"};
    textinput_t in[3];
    summarize_doc_t docs[3];
    for (int i = 0; i < 3; i++) {
        buf_t err = BUF_INIT;
        assert_int_equal(textinput_load(files[i], &in[i], &err), 0);
        buf_free(&err);
        docs[i] = (summarize_doc_t){in[i].text, in[i].title, NULL};
    }
    char *expected = test_slurp("tests/data/stories/ferry/expected");
    assert_non_null(expected);
    char facts[8][64];
    size_t nf = 0;
    for (char *line = strtok(expected, "\n"); line && nf < 8; line = strtok(NULL, "\n"))
        if (line[0] != '#') snprintf(facts[nf++], sizeof facts[0], "%s", line);
    free(expected);
    assert_int_equal(nf, 5);
    summarize_opts_t o;
    summarize_opts_default(&o);
    summarize_story_point_t *pts;
    size_t n;
    char *headline;
    assert_int_equal(summarize_story(docs, 3, &o, &pts, &n, &headline, NULL), 0);
    assert_in_range(n, 3, 5);
    assert_true(tells(pts[0].text, facts[0]));
    size_t told = 0;
    char *texts[8];
    for (size_t f = 0; f < nf; f++) {
        size_t times = 0;
        for (size_t i = 0; i < n; i++) times += tells(pts[i].text, facts[f]);
        assert_true(times <= 1);
        told += times;
    }
    assert_true(told >= 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(pts[i].doc < 3);
        texts[i] = pts[i].text;
    }
    assert_all_differ(texts, n, "ferry story");
    summarize_story_points_free(pts, n);
    free(headline);
    for (int i = 0; i < 3; i++) textinput_free(&in[i]);
}

static void story_of_three_sources(void **state) {
    (void)state;
    const char *files[] = {"tests/data/story_a.txt", "tests/data/story_b.txt", "tests/data/story_c.txt"};
    const char *titles[] = {"Floods close main rail line north of Dunmore - Northern Courier",
                            "Dunmore rail line shut for ten days after floods | Valley Post",
                            "Heavy rain stops trains and floods homes in the valley"};
    char *texts[3];
    summarize_doc_t docs[3];
    for (int i = 0; i < 3; i++) {
        texts[i] = test_slurp(files[i]);
        assert_non_null(texts[i]);
        docs[i] = (summarize_doc_t){texts[i], titles[i], NULL};
    }
    summarize_opts_t o;
    summarize_opts_default(&o);
    summarize_story_point_t *pts;
    size_t n;
    char *headline;
    size_t lead = 99;
    assert_int_equal(summarize_story(docs, 3, &o, &pts, &n, &headline, &lead), 0);
    assert_non_null(headline);
    /* the lead article is the one whose title is the headline */
    assert_true(lead < 3);
    char *lead_title = title_headline(titles[lead], NULL);
    assert_string_equal(lead_title, headline);
    free(lead_title);
    assert_null(strstr(headline, "Courier"));
    assert_null(strstr(headline, "Post"));
    assert_in_range(n, 3, 4);
    int from[3] = {0, 0, 0}, closed = 0, shelters = 0, buses = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(pts[i].doc < 3);
        from[pts[i].doc]++;
        check_fits(pts[i].text, 25, 160);
        assert_null(strstr(pts[i].text, "For more"));
        /* a fact several sources tell is told once */
        if (strstr(pts[i].text, "stopping all trains") || strstr(pts[i].text, "were halted")) closed++;
        if (strstr(pts[i].text, "shelters")) shelters++;
        assert_true(!strstr(pts[i].text, "Replacement buses") || !buses++);
    }
    assert_int_equal(closed, 1);
    assert_true(shelters <= 1);
    assert_true((from[0] > 0) + (from[1] > 0) + (from[2] > 0) >= 2);
    /* stable */
    summarize_story_point_t *again;
    size_t m;
    char *h2;
    assert_int_equal(summarize_story(docs, 3, &o, &again, &m, &h2, NULL), 0);
    assert_int_equal(m, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(again[i].text, pts[i].text);
        assert_int_equal(again[i].doc, pts[i].doc);
    }
    assert_string_equal(h2, headline);
    free(h2);
    summarize_story_points_free(again, m);
    summarize_story_points_free(pts, n);
    free(headline);
    /* one source is a story too; no text at all is a failure */
    assert_int_equal(summarize_story(docs, 1, &o, &pts, &n, &headline, NULL), 0);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) assert_int_equal(pts[i].doc, 0);
    summarize_story_points_free(pts, n);
    free(headline);
    summarize_doc_t empty[2] = {{"", "A title here", NULL}, {NULL, NULL, NULL}};
    assert_int_equal(summarize_story(empty, 2, &o, &pts, &n, &headline, NULL), -1);
    assert_int_equal(summarize_story(NULL, 0, &o, &pts, &n, &headline, NULL), -1);
    for (int i = 0; i < 3; i++) free(texts[i]);
}

static void command_story(void **state) {
    (void)state;
    buf_t out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(test_run("story --json tests/data/story_a.txt tests/data/story_b.txt "
                              "tests/data/story_c.txt", &out, &err), 0);
    cJSON *j = cJSON_Parse(out.data);
    assert_non_null(j);
    assert_true(cJSON_IsString(cJSON_GetObjectItem(j, "headline")));
    cJSON *pts = cJSON_GetObjectItem(j, "points");
    cJSON *srcs = cJSON_GetObjectItem(j, "sources");
    assert_int_equal(cJSON_GetArraySize(srcs), 3);
    assert_true(cJSON_GetArraySize(pts) >= 3);
    cJSON *p;
    cJSON_ArrayForEach(p, pts) {
        assert_true(cJSON_IsString(cJSON_GetObjectItem(p, "text")));
        cJSON *src = cJSON_GetObjectItem(p, "source");
        assert_true(cJSON_IsNumber(src));
        assert_in_range(src->valueint, 0, 2);
    }
    cJSON *s0 = cJSON_GetArrayItem(srcs, 0), *s2 = cJSON_GetArrayItem(srcs, 2);
    assert_string_equal(cJSON_GetObjectItem(s0, "name")->valuestring, "Northern Courier");
    assert_string_equal(cJSON_GetObjectItem(s0, "title")->valuestring,
                        "Floods close main rail line north of Dunmore");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(s0, "url")));
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(srcs, 1), "name")->valuestring, "Valley Post");
    assert_string_equal(cJSON_GetObjectItem(s2, "name")->valuestring, "story_c");
    cJSON_Delete(j);
    buf_reset(&out);
    assert_int_equal(test_run("story tests/data/story_a.txt tests/data/story_b.txt", &out, &err), 0);
    assert_non_null(strstr(out.data, "[Northern Courier]"));
    assert_non_null(strstr(out.data, "Sources: Northern Courier \xc2\xb7 Valley Post"));
    assert_int_equal(test_run("story", &out, &err), 2);
    assert_int_equal(test_run("story --bogus tests/data/story_a.txt", &out, &err), 2);
    buf_reset(&err);
    assert_int_equal(test_run("story tests/data/story_a.txt /nonexistent/b.txt", &out, &err), 1);
    assert_non_null(strstr(err.data, "/nonexistent/b.txt"));
    /* a file with no text is named */
    buf_reset(&err);
    assert_int_equal(test_run("story tests/data/stories/empty/blank.txt", &out, &err), 1);
    assert_non_null(strstr(err.data, "no text to summarize in tests/data/stories/empty/blank.txt"));
    /* unrelated articles are not one story: said, and shown as the stories they are */
    buf_reset(&out);
    buf_reset(&err);
    assert_int_equal(test_run("story tests/data/story_a.txt tests/data/stories/ferry/a.txt "
                              "tests/data/story_b.txt tests/data/stories/ferry/b.txt", &out, &err), 0);
    assert_non_null(strstr(err.data, "these 4 articles are not one story: they tell 2"));
    const char *first = strstr(out.data, "Sources: ");
    assert_non_null(first);
    assert_non_null(strstr(first + 1, "Sources: "));
    assert_non_null(strstr(out.data, "Skerry"));
    assert_non_null(strstr(out.data, "Dunmore"));
    buf_reset(&out);
    assert_int_equal(test_run("story --json tests/data/story_a.txt tests/data/stories/ferry/a.txt", &out, &err), 0);
    char *nl = strchr(out.data, '\n');
    assert_non_null(nl);
    *nl = '\0';
    cJSON *one = cJSON_Parse(out.data), *two = cJSON_Parse(nl + 1);
    assert_non_null(one);
    assert_non_null(two);
    cJSON_Delete(one);
    cJSON_Delete(two);
    buf_free(&out);
    buf_free(&err);
}

/* ---------------------------------------------------------------- memo */
/* What one call reuses (shaped candidates, ...) changes nothing: the
 * points and the stories with no_memo are those without. */
static void assert_same_points(const char *text, const char *title, summarize_opts_t o) {
    char **a, **b;
    size_t na, nb;
    o.no_memo = 0;
    assert_int_equal(summarize_points(text, title, &o, &a, &na), 0);
    o.no_memo = 1;
    assert_int_equal(summarize_points(text, title, &o, &b, &nb), 0);
    assert_true(na > 0);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) assert_string_equal(a[i], b[i]);
    summarize_points_free(a, na);
    summarize_points_free(b, nb);
}

static void memo_changes_nothing(void **state) {
    (void)state;
    static const char *const files[] = {"tests/data/points_noisy_en.txt", "tests/data/story_a.txt",
                                        "tests/data/story_b.txt", "tests/data/story_c.txt",
                                        "tests/data/stories/ferry/a.txt", "tests/data/stories/ferry/b.txt",
                                        "tests/data/stories/ferry/c.txt"};
    char *texts[7];
    for (size_t f = 0; f < 7; f++) {
        texts[f] = test_slurp(files[f]);
        for (int max = 1; max <= 8; max++) {
            summarize_opts_t o;
            summarize_opts_default(&o);
            o.max_points = max;
            o.min_points = max < 3 ? max : 3;
            assert_same_points(texts[f], NULL, o);
            o.max_words = 8 + 2 * max; /* tighter limits: more cuts */
            o.max_chars = 50 + 10 * max;
            assert_same_points(texts[f], "Ferry runs aground near the harbour", o);
        }
    }
    summarize_doc_t docs[6];
    for (size_t i = 0; i < 6; i++) docs[i] = (summarize_doc_t){texts[i + 1], "A story", NULL};
    for (size_t nd = 1; nd <= 6; nd++) {
        summarize_opts_t o;
        summarize_opts_default(&o);
        summarize_story_point_t *pa, *pb;
        size_t na, nb, la, lb;
        char *ha, *hb;
        assert_int_equal(summarize_story(docs, nd, &o, &pa, &na, &ha, &la), 0);
        o.no_memo = 1;
        assert_int_equal(summarize_story(docs, nd, &o, &pb, &nb, &hb, &lb), 0);
        assert_true(na > 0);
        assert_int_equal(na, nb);
        assert_int_equal(la, lb);
        assert_string_equal(ha, hb);
        for (size_t i = 0; i < na; i++) {
            assert_string_equal(pa[i].text, pb[i].text);
            assert_int_equal(pa[i].doc, pb[i].doc);
        }
        summarize_story_points_free(pa, na);
        summarize_story_points_free(pb, nb);
        free(ha);
        free(hb);
    }
    for (size_t f = 0; f < 7; f++) free(texts[f]);
}

/* The background's stems, written beside its words, are the stemmer's. */
static struct sb_stemmer *background_stemmer;
static int background_words;
static void background_stem_is_snowballs(const char *word, size_t wlen, const char *stem,
                                         size_t slen) {
    const sb_symbol *st = sb_stemmer_stem(background_stemmer, (const sb_symbol *)word, (int)wlen);
    assert_non_null(st);
    size_t n = (size_t)sb_stemmer_length(background_stemmer);
    if (n != slen || memcmp(st, stem, n) != 0)
        fail_msg("background: '%.*s' is written with stem '%.*s', Snowball says '%.*s'", (int)wlen,
                 word, (int)slen, stem, (int)n, (const char *)st);
    background_words++;
}

static void background_stems_are_snowballs(void **state) {
    (void)state;
    background_stemmer = sb_stemmer_new("english", "UTF_8");
    assert_non_null(background_stemmer);
    summarize_background_each(background_stem_is_snowballs);
    assert_true(background_words > 100);
    sb_stemmer_delete(background_stemmer);
}

/* Every stem of the common-word table is the stemmer's (else: `make
 * stemtab`, libstemmer has changed), and each is found by its word. */
static void stemtab_entry_is_snowballs(const char *word, const char *stem, void *ctx) {
    int *n = ctx;
    size_t wl = strlen(word), sl = 0;
    const sb_symbol *st = sb_stemmer_stem(background_stemmer, (const sb_symbol *)word, (int)wl);
    assert_non_null(st);
    size_t len = (size_t)sb_stemmer_length(background_stemmer);
    if (len != strlen(stem) || memcmp(st, stem, len) != 0)
        fail_msg("stemtab: '%s' has stem '%s', Snowball says '%.*s' (run make stemtab)", word, stem,
                 (int)len, (const char *)st);
    const char *found = stemtab_en_find(word, wl, &sl);
    assert_non_null(found);
    assert_string_equal(found, stem);
    assert_int_equal(sl, strlen(stem));
    (*n)++;
}

static void stemtab_stems_are_snowballs(void **state) {
    (void)state;
    background_stemmer = sb_stemmer_new("english", "UTF_8");
    assert_non_null(background_stemmer);
    int n = 0;
    stemtab_en_each(stemtab_entry_is_snowballs, &n);
    assert_true(n > 1000);
    size_t sl;
    assert_null(stemtab_en_find("merrowgate", 10, &sl));
    assert_null(stemtab_en_find("accep", 5, &sl));
    assert_null(stemtab_en_find("accepteds", 9, &sl));
    sb_stemmer_delete(background_stemmer);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(background_stems_are_snowballs),
        cmocka_unit_test(stemtab_stems_are_snowballs),
        cmocka_unit_test(noise_filters_each_kind),
        cmocka_unit_test(noise_datelines_and_markers),
        cmocka_unit_test(caption_runin_cases),
        cmocka_unit_test(half_quotes),
        cmocka_unit_test(shaping_rules),
        cmocka_unit_test(compression_cases),
        cmocka_unit_test(shaping_cuts_cleanly),
        cmocka_unit_test(clause_splits),
        cmocka_unit_test(noisy_article_gives_clean_points),
        cmocka_unit_test(teasers_at_the_end_are_dropped),
        cmocka_unit_test(opening_caption_is_a_point),
        cmocka_unit_test(quoted_first_person_is_no_point),
        cmocka_unit_test(every_language_is_read),
        cmocka_unit_test(terms_are_stems_without_stopwords),
        cmocka_unit_test(corpus_idf_is_used),
        cmocka_unit_test(lead_point_has_more_room),
        cmocka_unit_test(point_keeps_its_main_clause),
        cmocka_unit_test(edge_inputs),
        cmocka_unit_test(command_points),
        cmocka_unit_test(no_two_points_alike),
        cmocka_unit_test(story_tells_its_facts),
        cmocka_unit_test(story_of_three_sources),
        cmocka_unit_test(command_story),
        cmocka_unit_test(memo_changes_nothing),
    };
    return cmocka_run_group_tests_name("summarize", tests, NULL, NULL);
}
