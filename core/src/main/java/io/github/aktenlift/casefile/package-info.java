/**
 * Case files (<i>Akten</i>): their identifiers, the person they concern, their lifecycle states
 * and the commands that move them from registration to import, retention and destruction.
 *
 * <p>Identifiers on labels ({@link io.github.aktenlift.casefile.Barcode}) are data-neutral and
 * carry a check digit. Personal data lives only in {@link io.github.aktenlift.casefile.Subject},
 * whose {@code toString} reveals nothing.
 *
 * @since 0.1
 */
package io.github.aktenlift.casefile;
