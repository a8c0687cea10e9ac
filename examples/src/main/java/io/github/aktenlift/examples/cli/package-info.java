/**
 * The Aktenlift command line ({@code java -jar aktenlift-cli.jar}): the office demo, ingest of real
 * scan deliveries, status, history and journal verification of a workspace, barcode labels, and
 * the capture benchmark. {@link io.github.aktenlift.examples.cli.Main} is the entry point.
 *
 * <p>A <em>workspace</em> is a directory holding the filesystem adapter's storage
 * ({@code storage/}), the hotfolder of the specialist procedure ({@code hotfolder/}) and the
 * notification outbox ({@code outbox/}); every command that takes {@code --dir} works on one, so
 * commands compose: {@code demo --dir w}, then {@code status --dir w}, {@code verify --dir w}.
 *
 * @since 0.1
 */
package io.github.aktenlift.examples.cli;
