/* version.h - the version Bulletin reports (User-Agent, --version, .deb). */
#ifndef BULLETIN_VERSION_H
#define BULLETIN_VERSION_H
#ifndef BULLETIN_VERSION
#define BULLETIN_VERSION "0.1.0"
#endif
#endif
