package io.github.aktenlift.retention;

import io.github.aktenlift.Actor;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The destruction run (<i>Vernichtung</i>): draws up a {@link DestructionList} of the retained
 * files that are due, has it carried out by the destruction service, and records each file
 * {@code DESTROYED} once the list is confirmed with the certificate number. Obtained from
 * {@link io.github.aktenlift.Aktenlift#destruction()}. Thread-safe.
 *
 * <p>A file is due when it is {@code RETAINED}, its retention per {@link RetentionPolicy} has
 * elapsed since the confirmed import, and nothing blocks it. Files past retention that a blocking
 * hold, an original not yet returned or an open recall keeps are excluded from the list and
 * reported with their reasons. Confirmation checks every listed file again: a file that became
 * ineligible in between (a hold placed, the paper returned) is skipped and reported, never
 * destroyed.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Destruction {

    /**
     * Draws up a list of the files due now, and records it in the journal under a new id.
     *
     * @param actor who draws it up
     * @return the list; its entries may be empty when nothing is due
     * @throws io.github.aktenlift.InvalidValueException if the actor is {@code null}
     * @throws io.github.aktenlift.spi.ProviderException if the storage fails
     */
    DestructionList prepare(Actor actor);

    /**
     * @param listId a list's id
     * @return the list as recorded, with its confirmation if any; empty if no list has that id
     * @throws io.github.aktenlift.InvalidValueException if the id is malformed
     */
    Optional<DestructionList> list(String listId);

    /**
     * Confirms that the listed paper was destroyed under a certificate: records {@code DESTROYED}
     * for every listed file that is still due, skips the others with their reasons, and closes the
     * list, all in one step. Idempotent: confirming a confirmed list again with the same certificate
     * number records nothing and returns the list as confirmed.
     *
     * @param actor who confirms
     * @param listId the list's id
     * @param certificateNumber the destruction certificate's number: 1 to 64 of
     *     {@code A–Z a–z 0–9 . _ : / -}
     * @return the confirmed list, naming what was destroyed and what skipped
     * @throws io.github.aktenlift.InvalidValueException if actor, id or certificate number is
     *     missing or malformed
     * @throws io.github.aktenlift.UnknownIdentifierException if no list has that id
     * @throws io.github.aktenlift.PreconditionFailedException if the list was confirmed with another
     *     certificate ({@code ALREADY_CONFIRMED}) or lists no file ({@code LIST_EMPTY})
     * @throws io.github.aktenlift.spi.ProviderException if the storage fails
     */
    DestructionList confirm(Actor actor, String listId, String certificateNumber);
}
