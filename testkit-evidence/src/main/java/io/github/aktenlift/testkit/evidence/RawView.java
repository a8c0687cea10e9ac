package io.github.aktenlift.testkit.evidence;

import io.github.aktenlift.spi.storage.Key;

import java.util.List;
import java.util.SortedMap;
import org.apiguardian.api.API;

/**
 * Everything one storage keeps below the storage SPI, as named raw objects: the files under a
 * filesystem adapter's root, the objects in an S3 bucket, the entries of the in-memory maps. The
 * {@link EvidenceTamperContract} uses it to damage stored bytes the way someone with write access
 * to the storage could, and to prove that verification changes no byte.
 *
 * <p>A raw object's name is the adapter's own (a relative path, an object name); the contract
 * treats it as opaque, except that {@link #namesOf(Key)} by default finds the raw objects of a
 * key by the key's text in their names. Not thread-safe unless the implementation says so; the
 * contract uses one view from one thread.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RawView {

    /**
     * Every raw object the storage keeps, with an exact fingerprint of its bytes. Two calls
     * return equal maps if and only if no raw object was created, removed or changed in between:
     * the SHA-256 of each object's bytes, and of anything else the adapter stores with it (S3
     * user metadata, a recorded version), is right; a size or a date is not enough.
     *
     * @return raw object name to fingerprint, in name order; never {@code null}
     */
    SortedMap<String, String> fingerprint();

    /**
     * @param name a raw object's name, as {@link #fingerprint()} lists it
     * @return its bytes, never {@code null}
     * @throws IllegalArgumentException if there is no such raw object
     */
    byte[] read(String name);

    /**
     * Replaces a raw object's bytes behind the storage's back, leaving whatever the adapter keeps
     * beside them (a recorded hash or size, S3 metadata, a version) as it was.
     *
     * @param name a raw object's name, as {@link #fingerprint()} lists it
     * @param bytes its new bytes
     * @throws IllegalArgumentException if there is no such raw object
     */
    void write(String name, byte[] bytes);

    /**
     * The raw objects that hold a key's data (a content object, a record, a log): the default
     * takes every non-empty raw object whose name contains the key's text; an adapter whose raw
     * names do not contain the key's text, or that keeps other objects with it that are no data
     * (lock files are empty and therefore left out anyway), overrides this.
     *
     * @param key a key of the storage SPI
     * @return the names, in name order; empty if the key holds nothing
     */
    default List<String> namesOf(Key key) {
        return fingerprint().keySet().stream().filter(n -> n.contains(key.value()))
                .filter(n -> read(n).length > 0).toList();
    }
}
