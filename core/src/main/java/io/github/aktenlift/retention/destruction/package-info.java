/**
 * Internal: the destruction run on the journal — drawing up a list of the retained files past
 * retention (excluding, with the reason, those held, with originals to return or an open recall)
 * and confirming it with the destruction service's certificate in one append. Not exported; the
 * API is {@link io.github.aktenlift.retention.Destruction}.
 *
 * <p>Entry type: {@link io.github.aktenlift.retention.destruction.DestructionRun}.
 */
package io.github.aktenlift.retention.destruction;
