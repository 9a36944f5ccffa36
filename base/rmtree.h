/*
 * rmtree.h - removing a directory tree through directory file descriptors.
 *
 * specbench runs as root and removes trees under world-writable places
 * (/var/tmp: the data directories of killed runs).  Removing by path, as
 * nftw() and rmdir() do, lets a local user who swaps a subdirectory for a
 * symbolic link between the walk's stat and its unlink make root delete a
 * file of the user's choosing.  Here every directory is opened with
 * O_NOFOLLOW | O_DIRECTORY relative to its parent's descriptor, checked to
 * be the very directory the listing named (device and inode), and every
 * entry is removed with unlinkat() relative to that descriptor: a link is
 * removed as a link, never followed, and nothing outside the tree can be
 * reached whatever is renamed meanwhile.
 */
#ifndef SPECBENCH_RMTREE_H
#define SPECBENCH_RMTREE_H

#include <stdbool.h>
#include <sys/types.h>

/* Remove `name` (a directory, with everything in it) from the directory
 * open as dirfd.  With owner_only, the top directory must be owned by the
 * caller's effective user, or nothing is touched (-EPERM): another user's
 * files are never removed.  keep_top empties it and leaves it.  0, or
 * -errno of the first failure (the walk goes on past it); a tree already
 * gone is 0. */
int rmtree_at(int dirfd, const char *name, bool keep_top, bool owner_only);

/* The same for a path: its parent is opened (following links in the path
 * above it, which the caller chose), the last component never followed. */
int rmtree_path(const char *path, bool keep_top, bool owner_only);

/* rm -rf path (links are removed, never followed); with keep_top the
 * directory itself stays, emptied.  0 or -errno of the first failure. */
int rm_tree(const char *path, bool keep_top);

#endif
