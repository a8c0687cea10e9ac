/**
 * xdomea 3.0.0 messages of the process "Abgabe durchführen" as Java values, and their safe writing
 * and reading: {@link io.github.aktenlift.adapters.xdomea.message.Abgabe} (0401),
 * {@link io.github.aktenlift.adapters.xdomea.message.ImportConfirmation} (0402) and
 * {@link io.github.aktenlift.adapters.xdomea.message.ReceiptConfirmation} (0403);
 * {@link io.github.aktenlift.adapters.xdomea.message.XdomeaWriter} writes them as ZIP containers,
 * {@link io.github.aktenlift.adapters.xdomea.message.AbgabeReader} checks and reads a received
 * 0401, {@link io.github.aktenlift.adapters.xdomea.message.AnswerReader} reads the answers, and
 * {@link io.github.aktenlift.adapters.xdomea.message.ObjectIds} derives the stable ids.
 *
 * <p>The record names follow the standard's elements ({@code Akte}, {@code Vorgang},
 * {@code Dokument}), so that a mapping reads like the schema. Values that may be personal data
 * (subjects, contacts) never show in {@code toString()}, logs or exception messages.
 *
 * @since 0.1
 */
package io.github.aktenlift.adapters.xdomea.message;
