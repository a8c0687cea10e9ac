/**
 * Digital intake: case files that another authority sends digitally (an xdomea
 * {@code Abgabe.Abgabe.0401}, for example) are registered as transfers with the same matching and
 * holding rules as paper, without boxes, pickups or scanning, and imported into the e-file; the
 * host learns each outcome to answer the sender. Format-neutral: the host reads the message, this
 * package takes subject data and document streams.
 *
 * @since 0.1
 */
package io.github.aktenlift.intake;
