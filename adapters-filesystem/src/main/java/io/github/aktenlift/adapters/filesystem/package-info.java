/**
 * The filesystem adapters, Aktenlift's embedded default, all opened by {@code file:} URIs:
 * crash-safe {@link io.github.aktenlift.adapters.filesystem.FilesystemStorage}, the hotfolder
 * specialist procedure {@link io.github.aktenlift.adapters.filesystem.HotfolderProcedure} and the
 * {@link io.github.aktenlift.adapters.filesystem.OutboxNotifier}. Settings are the constants of
 * {@link io.github.aktenlift.adapters.filesystem.FilesystemSettings}.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.filesystem;
