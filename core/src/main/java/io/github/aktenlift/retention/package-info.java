/**
 * Paper retention after import, holds that block destruction, certified destruction
 * (DIN 66399) and the return of paper or originals. The destruction run
 * ({@link io.github.aktenlift.retention.Destruction}) draws up a
 * {@link io.github.aktenlift.retention.DestructionList} of the files due and records them destroyed
 * once the list is confirmed with a certificate.
 *
 * @since 0.1
 */
package io.github.aktenlift.retention;
