package io.github.aktenlift.inventory;

import io.github.aktenlift.spi.storage.Key;
import org.apiguardian.api.API;

/**
 * What an imported baseline is: where its bytes are stored, their hash, and how many entries.
 *
 * @param key where the CSV is stored in the content store
 * @param sha256 the CSV's SHA-256
 * @param entries how many case files it lists
 * @param sequence the journal sequence of the import event
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BaselineImport(Key key, String sha256, int entries, long sequence) {
}
