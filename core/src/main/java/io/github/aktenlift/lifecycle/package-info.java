/**
 * Internal: the lifecycle's engine room. The {@link io.github.aktenlift.lifecycle.CommandLoop}
 * validates a command, has the {@code Decider} decide its events against the
 * {@link io.github.aktenlift.lifecycle.Projection} (the current state derived from the journal,
 * with its ledgers of imports and destruction lists and the subject register), appends them to
 * the journal, applies them, and tells its listeners. Every stage (capture, import, destruction,
 * planning, tracking queries, notifications) is built on top of the loop and reads the projection
 * only through {@link io.github.aktenlift.lifecycle.CommandLoop#read}. Storage keys and stream
 * names, which are part of the stored format, live here once
 * ({@link io.github.aktenlift.lifecycle.StorageKeys}, {@link io.github.aktenlift.lifecycle.Streams},
 * {@link io.github.aktenlift.lifecycle.Payload}). Not exported.
 *
 * <p>Entry type: {@link io.github.aktenlift.lifecycle.CommandLoop}. The projection's records are
 * public so that the stages in other packages can read them; only this package changes them.
 */
package io.github.aktenlift.lifecycle;
