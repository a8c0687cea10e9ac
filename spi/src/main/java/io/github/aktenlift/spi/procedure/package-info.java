/**
 * The specialist-procedure SPI (<i>Fachverfahren</i>): find or create the e-file of a case, and
 * import a package of documents into it, idempotently.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.procedure;
