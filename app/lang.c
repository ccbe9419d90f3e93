/* lang.c - see lang.h. The word lists were written for Bulletin. */
#include "lang.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "utf8text.h"

static const lang_info_t langs[LANG_COUNT] = {
    [LANG_EN] = {
        "en", "english",
        "a about above after again against all also am an and any are as at be because been "
        "before being below between both but by can could did do does doing down during each "
        "few for from further had has have having he her here hers herself him himself his how "
        "i if in into is it its itself just me more most my myself no nor not now of off on "
        "once only or other our ours ourselves out over own same she should so some such than "
        "that the their theirs them themselves then there these they this those through to too "
        "under until up very was we were what when where which while who whom why will with "
        "would you your yours yourself yourselves i'm it's he's she's that's there's they're "
        "we're you're i've we've they've don't doesn't didn't isn't wasn't aren't weren't won't "
        "can't couldn't wouldn't shouldn't hasn't haven't hadn't let's may might must shall "
        "us one upon via yet however though although whether onto per among",
        "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres "
        "supt insp det fr sr jr st mt ft messrs mme mlle",
        "inc ltd co corp plc llc jan feb mar apr jun jul aug sep sept oct nov dec no nos vol "
        "vs etc approx est dept univ ave blvd rd fig op ed",
        "he she it they this these those his her its their him them we there such however but "
        "also meanwhile still yet and so moreover furthermore additionally besides then "
        "instead nevertheless nonetheless thus therefore later",
        "said says say told added stated explained insisted noted claimed warned wrote tweeted "
        "asked replied confirmed admitted announced reported continued according",
        "on in at after before during earlier later last this since following when while as over for with amid despite "
        "according by from under within once until throughout yesterday today now monday tuesday wednesday "
        "thursday friday saturday sunday",
        "which who whose whom where while as after following before amid despite because when although though "
        "whereas until since saying adding leaving prompting making with including",
        "is are was were am be been has have had will would can could may might must shall should do does did "
        "won't can't isn't wasn't aren't weren't hasn't haven't hadn't doesn't don't didn't wouldn't "
        "couldn't shouldn't",
        "it them him her me us you there here now then too again more most once yet ago one "
        "himself herself itself themselves myself ourselves yourself",
        "in on at of to from with near for by during over into across against without under within via ahead toward towards through outside inside behind beyond amid and but or",
    },
    [LANG_DE] = {
        "de", "german",
        "aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei "
        "bin bis bist da damit dann das dass dem den denn der des dich die dies diese diesem "
        "diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es "
        "etwas euch euer für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich "
        "ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist jede jedem jeden jeder "
        "jetzt kann kein keine können könnte man mein meine mich mir mit muss nach nicht nichts "
        "noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so soll "
        "sollte sondern über um und uns unser unter viel vom von vor war waren was weil weiter "
        "welche wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen",
        "dr prof hr fr st hl",
        "bzw ca usw vgl nr abs jan feb märz apr aug sept okt nov dez inkl evtl",
        "er sie es dies diese dieser dieses aber auch jedoch dennoch trotzdem außerdem zudem "
        "allerdings deshalb daher",
        "sagte sagt erklärte betonte teilte sagten schrieb meinte",
        "am im nach vor während seit bei laut trotz gestern heute montag dienstag mittwoch donnerstag freitag "
        "samstag sonntag",
        "der die das welche welcher welches weil während nachdem bevor obwohl wobei",
        "ist sind war waren hat haben hatte hatten wird werden wurde wurden kann können konnte muss müssen soll "
        "sollen will wollen darf",
        "",
        "in im an am auf mit für bei von vom zu zum zur nach über unter gegen ohne und oder aber",
    },
    [LANG_FR] = {
        "fr", "french",
        "à au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les "
        "leur leurs lui ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu "
        "que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y "
        "été était étaient sont est être avait ont a ai sera fait comme plus aussi très tout "
        "tous toutes si sans sous entre après avant depuis contre chez dont ni donc car alors",
        "m mm mme mmes mlle dr pr st ste me",
        "etc av bd janv févr avr juil sept oct nov déc no p",
        "il elle ils elles ce cela ceci celui celle ces mais cependant pourtant toutefois aussi "
        "ensuite puis donc ainsi",
        "a déclaré dit affirmé expliqué indiqué souligné estimé ajouté selon",
        "selon après avant depuis pendant lors hier lundi mardi mercredi jeudi vendredi samedi dimanche",
        "qui dont où alors tandis après avant lorsque quand car puisque",
        "est sont était étaient a ont avait avaient sera seront va vont peut peuvent doit doivent fait font",
        "",
        "à au aux dans sur avec pour par de du des en vers sous contre sans et ou mais",
    },
    [LANG_ES] = {
        "es", "spanish",
        "a al algo algunas algunos ante antes como con contra cual cuando de del desde donde "
        "durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estas "
        "este esto estos fue fueron ha han hasta hay la las le les lo los más me mi muy nada ni "
        "no nos nosotros o otra otras otro otros para pero poco por porque que quien se sea ser "
        "si sido sin sobre son su sus también tanto te tiene todo todos tu un una uno unos y ya "
        "yo está están será sido había habían",
        "sr sra srta dr dra lic ing prof d dña gral",
        "etc núm ene feb abr jun jul ago sept oct nov dic pág av",
        "él ella ellos ellas esto eso este esta pero sin embargo además también asimismo luego "
        "entonces así",
        "dijo afirmó explicó declaró señaló aseguró añadió según indicó",
        "según tras durante desde ayer hoy lunes martes miércoles jueves viernes sábado domingo",
        "que quien quienes donde cuando mientras aunque porque tras después antes",
        "es son era eran fue fueron ha han había habían será serán está están puede pueden",
        "",
        "en con para por de del sobre hacia contra sin bajo entre y o pero",
    },
    [LANG_IT] = {
        "it", "italian",
        "a ad al alla alle allo agli ai anche che chi ci come con contro da dal dalla dalle dei "
        "del della delle dello degli di dove e è ed era erano gli ha hanno ho i il in la le lei "
        "lo loro lui ma mi ne nei nel nella nelle nello negli noi non o per perché più poi "
        "quale quando quello questa questo quella quelli questi se si sia sono su sua sue suo "
        "suoi sul sulla tra tu un una uno vi voi già stato stata essere fatto molto tutto tutti",
        "sig sigg dott prof avv ing on sen dr",
        "ecc gen feb mar apr giu lug ago sett ott nov dic n pag",
        "lui lei loro esso essa questo questa ma però tuttavia inoltre anche poi quindi così",
        "ha detto dichiarato spiegato affermato sottolineato aggiunto secondo",
        "secondo dopo durante ieri oggi lunedì martedì mercoledì giovedì venerdì sabato domenica",
        "che cui dove mentre quando perché dopo prima sebbene",
        "è sono era erano fu ha hanno aveva avevano sarà può possono deve devono",
        "",
        "a in con per da di del della su sul verso contro senza tra fra e o ma",
    },
    [LANG_NL] = {
        "nl", "dutch",
        "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door "
        "dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun "
        "iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar "
        "niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit "
        "uw van veel voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf "
        "zich zij zijn zo zonder zou",
        "dhr mevr mr dr prof drs ir ing st",
        "bijv enz nr jan feb mrt apr aug sept okt nov dec blz ca",
        "hij zij ze het dit dat deze die maar echter toch ook bovendien daarnaast verder dus "
        "daarom",
        "zei zegt verklaarde liet weten benadrukte schreef aldus volgens",
        "volgens na tijdens sinds gisteren vandaag maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
        "die dat waar terwijl toen omdat nadat voordat hoewel",
        "is zijn was waren heeft hebben had hadden wordt worden werd werden zal zullen kan kunnen moet moeten",
        "",
        "in op aan met voor door van bij naar over onder tegen zonder en of maar",
    },
    [LANG_PT] = {
        "pt", "portuguese",
        "a ao aos as até com como da das de dela dele deles do dos e é ela elas ele eles em "
        "entre era essa esse esta este eu foi foram há isso isto já lhe mais mas me mesmo meu "
        "minha muito na nas nem no nos nós o os ou para pela pelas pelo pelos por qual quando "
        "que quem se sem ser seu seus sua suas são também te tem têm um uma umas uns vai está "
        "estão sido ter tinha num numa",
        "sr sra dr dra prof eng",
        "etc nº jan fev mar abr jun jul ago set out nov dez pág av",
        "ele ela eles elas isso isto mas porém contudo entretanto além também então assim",
        "disse afirmou explicou declarou destacou segundo acrescentou",
        "segundo após durante desde ontem hoje",
        "que quem onde enquanto quando porque após antes embora",
        "é são era eram foi foram tem têm tinha será pode podem deve devem está estão",
        "",
        "em no na com para por de do da sobre contra sem entre e ou mas",
    },
    [LANG_SV] = {
        "sv", "swedish",
        "alla allt att av blev bli blir de dem den denna deras dess det detta dig din dina ditt "
        "du där då efter ej eller en er ett fick från för ha hade han hans har henne hennes hon "
        "honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina "
        "mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin sina "
        "sitta själv skulle som så sådan till under upp ut utan vad var vara varit vi vid vilka "
        "vilken vill vår än är åt över också",
        "dr prof hr fru st",
        "bl dvs etc fr o m t ex jan feb mars apr aug sept okt nov dec nr ca",
        "han hon de den det detta men dock också dessutom sedan därför alltså",
        "sade sa säger uppger skriver betonade enligt",
        "enligt efter under sedan igår idag",
        "som där medan när eftersom innan trots",
        "är var har hade blir blev kan kunde ska skulle måste vill",
        "",
        "i på med för av från till vid mot utan under över och eller men",
    },
};

const lang_info_t *lang_info(lang_id_t id) {
    return id >= 0 && id < LANG_COUNT ? &langs[id] : &langs[LANG_EN];
}

int lang_from_code(const char *code) {
    if (!code || !code[0] || !code[1]) return -1;
    char c0 = code[0] | 32, c1 = code[1] | 32;
    if (code[2] && code[2] != '-' && code[2] != '_') return -1;
    for (int i = 0; i < LANG_COUNT; i++)
        if (langs[i].code[0] == c0 && langs[i].code[1] == c1) return i;
    return -1;
}

/* ---------------------------------------------------------------- wordset */
/* FNV-1a inline: the sets look up every word of every sentence. */
static inline size_t hash_word(const char *w, size_t len) {
    uint64_t h = HASH_FNV1A_BASIS;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
    return (size_t)h;
}

/* Grows set to at least min_cap slots (a power of two, 256 at first). */
static void wordset_grow(wordset_t *set, size_t min_cap) {
    size_t cap = set->cap ? set->cap * 2 : 256;
    while (cap < min_cap) cap *= 2;
    char **slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < set->cap; i++) {
        char *w = set->slots[i];
        if (!w) continue;
        size_t j = hash_word(w, strlen(w)) & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = w;
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
}

/* Places w (len bytes, NUL-terminated, owned by the set) unless present;
 * returns 1 when placed. */
static int wordset_place(wordset_t *set, char *w, size_t len) {
    if ((set->count + 1) * 2 > set->cap) wordset_grow(set, 0);
    size_t j = hash_word(w, len) & (set->cap - 1);
    while (set->slots[j]) {
        const char *x = set->slots[j];
        if (x[0] == w[0] && strncmp(x, w, len) == 0 && strnlen(x, len + 1) == len) return 0;
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j] = w;
    set->count++;
    return 1;
}

void wordset_add(wordset_t *set, const char *word, size_t len) {
    if (len == 0 || wordset_has(set, word, len)) return;
    wordset_place(set, xstrndup(word, len), len);
}

/* The list's words are copied once, as one block with a NUL after each
 * word, and the slots point into it: no allocation per word. */
void wordset_init(wordset_t *set, const char *spaced_list) {
    memset(set, 0, sizeof *set);
    const char *p = spaced_list ? spaced_list : "";
    size_t len = strlen(p), words = 0;
    for (size_t i = 0; i < len; i++) words += p[i] != ' ' && (i + 1 == len || p[i + 1] == ' ');
    if (!words) return;
    set->words = xmalloc(len + 1);
    set->words_len = len + 1;
    memcpy(set->words, p, len + 1);
    wordset_grow(set, words * 2 + 2);
    char *w = set->words, *end = set->words + len;
    while (w < end) {
        while (w < end && *w == ' ') w++;
        char *e = w;
        while (e < end && *e != ' ') e++;
        if (e > w) {
            *e = '\0';
            wordset_place(set, w, (size_t)(e - w));
        }
        w = e + 1;
    }
}

int wordset_has(const wordset_t *set, const char *word, size_t len) {
    if (!set->cap) return 0;
    size_t j = hash_word(word, len) & (set->cap - 1);
    while (set->slots[j]) {
        const char *w = set->slots[j];
        /* strnlen, not w[len]: a word with a NUL inside ("ab\0cd", 5) must
         * not read past a shorter set word ("ab") that strncmp finds equal */
        if (len && w[0] == word[0] && strncmp(w, word, len) == 0 && strnlen(w, len + 1) == len) return 1;
        j = (j + 1) & (set->cap - 1);
    }
    return 0;
}

void wordset_free(wordset_t *set) {
    for (size_t i = 0; i < set->cap; i++)
        if (!set->words || set->slots[i] < set->words || set->slots[i] >= set->words + set->words_len)
            free(set->slots[i]);
    free(set->words);
    free(set->slots);
    memset(set, 0, sizeof *set);
}

/* ---------------------------------------------------------------- shared sets */
/* Written once by build_sets under its pthread_once, read-only after. */
static lang_sets_t shared_sets[LANG_COUNT];

static void build_sets(lang_id_t id) {
    const lang_info_t *li = &langs[id];
    lang_sets_t *s = &shared_sets[id];
    wordset_init(&s->stop, li->stopwords);
    wordset_init(&s->titles, li->titles);
    wordset_init(&s->abbrevs, li->abbrevs);
    wordset_init(&s->openers, li->openers);
    wordset_init(&s->speech, li->speech);
    wordset_init(&s->leads, li->leads);
    wordset_init(&s->clauses, li->clauses);
    wordset_init(&s->finite, li->finite);
    wordset_init(&s->ends_ok, li->ends_ok);
    wordset_init(&s->preps, li->preps);
    wordset_init(&s->starters, li->stopwords);
    const char *p = li->openers;
    while (*p) {
        while (*p == ' ') p++;
        const char *e = p;
        while (*e && *e != ' ') e++;
        if (e > p) wordset_add(&s->starters, p, (size_t)(e - p));
        p = e;
    }
}

#define BUILD_ONE(ID) \
    static void build_##ID(void) { build_sets(ID); }
BUILD_ONE(LANG_EN)
BUILD_ONE(LANG_DE)
BUILD_ONE(LANG_FR)
BUILD_ONE(LANG_ES)
BUILD_ONE(LANG_IT)
BUILD_ONE(LANG_NL)
BUILD_ONE(LANG_PT)
BUILD_ONE(LANG_SV)
#undef BUILD_ONE

const lang_sets_t *lang_sets(lang_id_t id) {
    static pthread_once_t once[LANG_COUNT] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
                                              PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
                                              PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
    static void (*const build[LANG_COUNT])(void) = {
        [LANG_EN] = build_LANG_EN, [LANG_DE] = build_LANG_DE, [LANG_FR] = build_LANG_FR,
        [LANG_ES] = build_LANG_ES, [LANG_IT] = build_LANG_IT, [LANG_NL] = build_LANG_NL,
        [LANG_PT] = build_LANG_PT, [LANG_SV] = build_LANG_SV,
    };
    if (id < 0 || id >= LANG_COUNT) id = LANG_EN;
    pthread_once(&once[id], build[id]);
    return &shared_sets[id];
}

/* ---------------------------------------------------------------- detection */
/* Every language's stopwords in one table: word -> the languages (a bit
 * each) whose list holds it. Built once like the sets, read-only after. */
static struct {
    char **slots;
    unsigned char *langs;
    size_t cap;
} stop_index;

static void build_stop_index(void) {
    size_t words = 0;
    for (int i = 0; i < LANG_COUNT; i++)
        for (const char *p = langs[i].stopwords; *p; p++) words += *p == ' ';
    size_t cap = 256;
    while (cap < (words + LANG_COUNT) * 2) cap *= 2;
    stop_index.slots = xcalloc(cap, sizeof *stop_index.slots);
    stop_index.langs = xcalloc(cap, 1);
    stop_index.cap = cap;
    for (int i = 0; i < LANG_COUNT; i++) {
        /* the list copied once, a NUL after each word: the slots point into it */
        char *p = xstrdup(langs[i].stopwords), *end = p + strlen(p);
        while (p < end) {
            while (p < end && *p == ' ') p++;
            char *e = p;
            while (e < end && *e != ' ') e++;
            size_t n = (size_t)(e - p);
            if (n) {
                *e = '\0';
                size_t j = hash_word(p, n) & (cap - 1);
                while (stop_index.slots[j] && !(stop_index.slots[j][0] == p[0] &&
                                                 strcmp(stop_index.slots[j], p) == 0))
                    j = (j + 1) & (cap - 1);
                if (!stop_index.slots[j]) stop_index.slots[j] = p;
                stop_index.langs[j] |= (unsigned char)(1u << i);
            }
            p = e + 1;
        }
    }
}

/* The languages whose stopword list holds word (a bit each). */
static unsigned stop_langs(const char *word, size_t len) {
    if (!len) return 0;
    size_t j = hash_word(word, len) & (stop_index.cap - 1);
    while (stop_index.slots[j]) {
        const char *w = stop_index.slots[j];
        if (w[0] == word[0] && strncmp(w, word, len) == 0 && w[len] == '\0') return stop_index.langs[j];
        j = (j + 1) & (stop_index.cap - 1);
    }
    return 0;
}

/* stop_langs of the token's matching form (utf8text_fold): an ASCII token
 * lower-cased on the fly, any other folded into tmp first. */
static unsigned stop_langs_ascii(const char *t, size_t len, buf_t *tmp) {
    uint64_t h = HASH_FNV1A_BASIS;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x80) {
            buf_reset(tmp);
            utf8text_fold(t, len, tmp);
            return stop_langs(tmp->data, tmp->len);
        }
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 1099511628211ULL;
    }
    if (!len) return 0;
    size_t j = (size_t)h & (stop_index.cap - 1);
    while (stop_index.slots[j]) {
        const char *w = stop_index.slots[j];
        size_t i = 0;
        while (i < len && w[i] == (t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i])) i++;
        if (i == len && w[len] == '\0') return stop_index.langs[j];
        j = (j + 1) & (stop_index.cap - 1);
    }
    return 0;
}

lang_id_t lang_detect(const char *text, size_t len) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_stop_index);
    size_t hits[LANG_COUNT] = {0};
    buf_t word = BUF_INIT;
    utf8text_token_t tok;
    size_t pos = 0, seen = 0;
    while (seen < 300 && utf8text_next_token(text, len, &pos, &tok)) {
        if (tok.flags & UTF8TEXT_TOK_NUMBER) continue;
        seen++;
        unsigned in = stop_langs_ascii(text + tok.start, tok.len, &word);
        for (int i = 0; in && i < LANG_COUNT; i++) hits[i] += (in >> i) & 1;
    }
    buf_free(&word);
    lang_id_t best = LANG_EN;
    for (int i = 1; i < LANG_COUNT; i++)
        if (hits[i] > hits[best]) best = (lang_id_t)i;
    /* too little evidence: stay with English */
    if (hits[best] < 2 || hits[best] * 10 < seen) return LANG_EN;
    return best;
}
