package io.github.aktenlift.adapters.xdomea.message;

import java.util.UUID;
import org.apiguardian.api.API;

/**
 * An xdomea record object (<i>Schriftgutobjekt</i>): a case file, a process within it, or a
 * document.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Schriftgutobjekt permits Akte, Vorgang, Dokument {

    /** @return {@code Identifikation/ID} */
    UUID id();

    /** @return {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null} */
    Integer position();

    /** @return {@code AllgemeineMetadaten}; {@link GeneralMetadata#NONE} if absent */
    GeneralMetadata metadata();
}
