/**
 * Internal: the hand-over of verified case files to the specialist procedure — matching the
 * e-file (never guessing: anything ambiguous is held for a clerk), building the package from the
 * stored renditions and scan protocol, handing it over under a deterministic idempotency key, and
 * journaling match, hand-over and outcome so that every step can be replayed. Not exported; the API
 * is {@link io.github.aktenlift.efile.Imports}.
 *
 * <p>Entry type: {@link io.github.aktenlift.efile.handover.Handover}.
 */
package io.github.aktenlift.efile.handover;
