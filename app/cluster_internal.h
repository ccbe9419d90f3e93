/* cluster_internal.h - what cluster.c exposes to its own tests only.
 *
 * Contract: these are cluster.c's helpers, kept out of cluster.h because no other
 * module calls them; tests/test_arch.c fails when a module other than
 * cluster includes this header. The tests call them to check the pieces alone.
 */
#ifndef BULLETIN_CLUSTER_INTERNAL_H
#define BULLETIN_CLUSTER_INTERNAL_H

#include "cluster.h"

size_t cluster_vec_size(const cluster_vec_t *v);

/* Similarity of two articles with the window's document frequencies. */
double cluster_similarity(const cluster_t *c, const cluster_vec_t *a, const cluster_vec_t *b);

#endif
