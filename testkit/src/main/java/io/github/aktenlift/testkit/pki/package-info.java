/**
 * A test PKI and an in-process RFC 3161 time-stamping authority, so that sealing can be tested
 * offline: {@link io.github.aktenlift.testkit.pki.TestPki} issues a root CA, a sealing certificate
 * and a TSA certificate (with the critical {@code id-kp-timeStamping} extended key usage) and
 * fresh CRLs; {@link io.github.aktenlift.testkit.pki.TestTimestampServer} answers RFC 3161 requests
 * over HTTP on 127.0.0.1 and can be told to time out, answer garbage or reject.
 *
 * <p>Everything here is for tests: keys live in memory, passwords are fixed, nothing is secret.
 *
 * @since 0.1
 */
package io.github.aktenlift.testkit.pki;
