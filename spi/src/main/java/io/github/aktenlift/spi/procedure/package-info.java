/**
 * The specialist-procedure SPI (<i>Fachverfahren</i>): find or create the e-file of a case, and
 * import a package of documents into it, idempotently. {@link io.github.aktenlift.spi.procedure.SubjectMatching}
 * holds the name rules every adapter applies when it looks e-files up by subject.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.procedure;
