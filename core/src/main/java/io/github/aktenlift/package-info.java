/**
 * Entry point of Aktenlift: {@link io.github.aktenlift.Aktenlift}, the {@link io.github.aktenlift.Command}
 * contract, the acting {@link io.github.aktenlift.Actor}, the office's
 * {@link io.github.aktenlift.Policies}, the {@link io.github.aktenlift.Notifications} of ongoing
 * operation, and the exception scheme rooted in {@link io.github.aktenlift.AktenliftException}.
 *
 * @since 0.1
 */
package io.github.aktenlift;
