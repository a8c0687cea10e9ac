package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;

import java.io.InputStream;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Binary objects under keys, hashed with SHA-256 on the way in and verified on the way out.
 *
 * <p><b>Thread safety:</b> every method may be called from any thread at any time.
 * <b>Atomicity:</b> a reader sees either no object, the whole old object or the whole new one,
 * never a partial write. <b>Durability:</b> when {@link #put} or {@link #create} returns, the
 * object is durable.
 * <b>Memory:</b> implementations stream; an object of any size passes with bounded heap.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface ContentStore {

    /**
     * Stores the stream's bytes under the key, replacing any object there. Reads the stream to its
     * end; does not close it. If reading fails or the call fails for any reason, nothing becomes
     * visible under the key (the previous object, if any, stays).
     *
     * @param key where to store
     * @param data the bytes; read to the end
     * @return size and SHA-256 of what was stored; never {@code null}
     * @throws IllegalKeyException if this store cannot hold the key (too long for the backing
     *     system's names); nothing is changed
     * @throws io.github.aktenlift.spi.KeyConflictException if the store does not declare
     *     {@link StorageCapability#NESTED_KEYS} and a stored key lies above or below this one;
     *     nothing is changed
     * @throws UnavailableException if the store fails or the stream throws
     */
    ContentInfo put(Key key, InputStream data);

    /**
     * Stores the stream's bytes under the key only if no object is stored there: create-if-absent,
     * for objects that must never be replaced once written (evidence). Of several callers creating
     * the same key at the same time, from any thread, process or machine that shares the store,
     * exactly one succeeds; the others fail with {@link ConflictException} and the object is the
     * winner's, unchanged. Reads the stream to its end, or less when the key is found taken before
     * the end; does not close it. If the call fails for any reason, nothing becomes visible under
     * the key that this call wrote.
     *
     * @param key where to store
     * @param data the bytes
     * @return size and SHA-256 of what was stored; never {@code null}
     * @throws ConflictException if an object is stored under the key already (its
     *     {@link ConflictException#expected()} and {@link ConflictException#actual()} are {@code -1}:
     *     no version is involved); nothing was changed
     * @throws UnavailableException if the store fails or the stream throws
     * @since 0.2
     */
    ContentInfo create(Key key, InputStream data);

    /**
     * Opens the object for reading. The returned stream checks size and SHA-256 as it reaches the
     * end and throws {@link IntegrityException} from {@code read} instead of signalling end of
     * stream if either differs from what {@link #put} recorded. The caller closes it.
     *
     * @param key the object's key
     * @return a verifying stream; never {@code null}
     * @throws NotFoundException if no object is stored under the key
     * @throws IntegrityException if an object is stored under the key but its recorded size and
     *     SHA-256 are missing, malformed or fail their own check (a damaged or foreign object, see
     *     {@link ContentProblem}): it cannot be verified, so it is not opened
     * @throws UnavailableException if the store fails
     */
    InputStream get(Key key);

    /**
     * Reads what is recorded for an object, without reading its bytes.
     *
     * @param key the object's key
     * @return size and recorded SHA-256, or empty if nothing is stored under the key
     * @throws IntegrityException if an object is stored under the key but its recorded size and
     *     SHA-256 are missing, malformed or fail their own check (a damaged or foreign object)
     * @throws UnavailableException if the store fails
     */
    Optional<ContentInfo> head(Key key);

    /**
     * Lists objects whose key lies under the prefix ({@link Key#isUnder(String)}), in UTF-8 byte
     * order of their keys, starting after {@code startAfter}.
     *
     * <p>One bad object never ends a listing: an object under the prefix that is not valid content
     * — a foreign one (a name that maps to no key, or none of the recorded size and SHA-256) or a
     * damaged one (its recorded size and SHA-256 unreadable) — is reported in
     * {@link ContentPage#problems()} beside the valid objects, which are listed as usual. Listing
     * does not read objects' bytes, so damage to the bytes alone shows only on {@link #get}. An
     * object deleted while the page is built is left out.
     *
     * @param prefix {@code ""} for all objects, or a key text
     * @param startAfter list only keys greater than this one; empty to start at the beginning
     * @param limit at most this many items, at least 1 (problems come on top: a page reports
     *     those found among its items)
     * @return the page; its {@code next} is empty when no further key exists; never {@code null}
     * @throws IllegalKeyException if the prefix is neither {@code ""} nor a legal key
     * @throws IllegalArgumentException if {@code limit < 1}
     * @throws UnavailableException if the store fails; never {@link IntegrityException}
     */
    ContentPage list(String prefix, Optional<Key> startAfter, int limit);

    /**
     * Removes the object. Idempotent: deleting a missing key does nothing.
     *
     * @param key the object's key
     * @throws UnavailableException if the store fails
     */
    void delete(Key key);
}
