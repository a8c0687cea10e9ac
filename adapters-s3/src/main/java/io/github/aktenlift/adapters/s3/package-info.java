/**
 * The S3 adapter: storage on any S3-compatible object store, for the scale-out path where many
 * workers on many machines share one store. Open it with
 * {@code Providers.storage(URI.create("s3://bucket/prefix"), settings)} or {@link
 * io.github.aktenlift.adapters.s3.S3Storage#open}; the settings are in {@link
 * io.github.aktenlift.adapters.s3.S3Settings}.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.s3;
