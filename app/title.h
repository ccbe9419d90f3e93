/* title.h - an article's title without the site's name around it.
 *
 * Contract: title_clean returns title (one line: white space folded as
 * htmltext_fold_text folds it) with the site's name taken off either end:
 *   - h1 given (the page's first heading, 15 bytes or more) and the title is
 *     that heading with something around it: the heading;
 *   - site_name given (og:site_name and the like) and it stands after the
 *     last separator (" | ", " - ", dashes, " :: ", " · ", " » ", " // ",
 *     " / ", " ~ ", ": ") or before the first: the rest;
 *   - else, without help from the page: a tail after the last separator
 *     that looks like a site name (one to four words, each capitalized or a
 *     domain, at most 40 bytes) behind a head (three words or more when the
 *     separator is a dash, a slash or " ~ ", which also join words inside
 *     headlines), and a head before " | " or " :: " that looks like one in
 *     front of three words or more; twice, so "Fares rise | Business |
 *     Example Times" loses both. "Trump - Putin talks begin" and "Ministers
 *     meet - and agree on nothing" keep their dashes.
 * site (may be NULL) gets the first part removed, separators trimmed, when
 * it is five words or fewer (malloc'd; else NULL): the site's name as the
 * title gave it. Never NULL (title NULL: ""). Pure, no state.
 *
 * title_headline is the same for a title without its page: normalized
 * first as the summarizer reads text (utf8text_normalize: dashes, spaces,
 * NFC), then cleaned with no site_name and no h1. For story headlines and
 * the sources `bulletin story` names. title NULL: "".
 *
 * The one title cleaner: page metadata (htmlmeta.c) calls title_clean with
 * what the page declares, summarize.c and cmd_story.c title_headline.
 */
#ifndef BULLETIN_TITLE_H
#define BULLETIN_TITLE_H

char *title_clean(const char *title, const char *site_name, const char *h1, char **site);
char *title_headline(const char *title, char **site);

#endif
