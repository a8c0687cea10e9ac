/**
 * Import into the e-file: handing each verified case file's renditions, metadata and scan protocol
 * to the specialist procedure (<i>Fachverfahren</i>), and finding the e-file they belong in.
 *
 * <p>{@link io.github.aktenlift.efile.Imports} (from {@link io.github.aktenlift.Aktenlift#imports()})
 * imports one case file or all that are ready, and polls the ones the procedure has not decided
 * yet; each call answers with an {@link io.github.aktenlift.efile.ImportReport}. Imports are
 * idempotent: the key of each hand-over is derived from the case file and the hashes of what it
 * carries, and every step is recorded in the tracking journal, so that a replay after a crash at
 * any point finds the same key and never imports a document twice.
 *
 * <p>Files from other authorities (transfers) are matched to an existing e-file by AZR number,
 * file reference and subject; when the evidence is ambiguous or contradicts itself, the file is
 * held and a clerk decides with {@link io.github.aktenlift.efile.DecideMatch}. Matching never
 * guesses.
 *
 * @since 0.1
 */
package io.github.aktenlift.efile;
