/**
 * The filesystem adapter, Aktenlift's embedded default: crash-safe storage, hotfolder import and
 * outbox notifications on a local disk or network share. Filled by issue 5; this release ships the
 * module shell only.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.filesystem;
