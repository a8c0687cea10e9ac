/**
 * Paper retention after import, holds that block destruction, certified destruction
 * (DIN 66399) and the return of paper or originals.
 *
 * @since 0.1
 */
package io.github.aktenlift.retention;
