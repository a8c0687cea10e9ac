/**
 * The S3 adapter: storage on any S3-compatible object store, for the scale-out path where many
 * workers share one store. Filled by issue 6; this release ships the module shell only.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.s3;
