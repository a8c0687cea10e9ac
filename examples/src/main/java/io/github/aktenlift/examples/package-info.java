/**
 * Runnable examples: the command-line demo of the office scenario.
 *
 * @since 0.1
 */
package io.github.aktenlift.examples;
