/**
 * Internal: the stored form of the tracking journal: canonical hashing, the JSON entry codec, the
 * chain checker shared by replay and verification, and checkpoints. Not exported.
 */
package io.github.aktenlift.journal;
