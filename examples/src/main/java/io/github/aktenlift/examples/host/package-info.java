/**
 * Embedding Aktenlift in a host application with an adapter of its own: a foreigners' office's
 * case software ({@link io.github.aktenlift.examples.host.CaseSoftware}) keeps persons, e-files and
 * an inbox of incoming documents in its own process, and exposes them to Aktenlift as the
 * specialist procedure through {@link io.github.aktenlift.examples.host.CaseSoftwareProcedure}.
 * {@link io.github.aktenlift.examples.host.HostApplication} wires the two together: the host's
 * clerks register paper files for scanning (their own, and those that arrive from other
 * authorities), Aktenlift tracks and captures them, and Aktenlift's import service
 * ({@code lift.imports()}) matches the e-file and hands the scanned documents into the host's
 * inbox, where a clerk files them into the e-file or refuses them.
 *
 * <p>The adapter passes the testkit's {@code SpecialistProcedureContract}, like every adapter.
 *
 * @since 0.1
 */
package io.github.aktenlift.examples.host;
