package io.github.aktenlift.capture;

import io.github.aktenlift.InvalidValueException;
import org.apiguardian.api.API;

/**
 * How many case files of a delivery share the sealing key's calls. A sealed capture calls the key
 * twice per batch — once for the renditions of every case file in it, once for their scan
 * protocols (a protocol names its sealed renditions' hashes, so it is sealed after them) — however
 * many products the batch has; every product still gets a PAdES or CAdES seal of its own.
 *
 * <p>{@link #perCaseFile()} (the default) seals each case file as soon as it is rendered: two key
 * calls per case file. {@link #perDelivery()} renders every case file of the delivery first and
 * then calls the key twice for the whole delivery: what a remote signing service that counts (or
 * asks a person to release) every request wants. The price: the delivery's renditions wait until
 * the delivery's key call (in memory up to a JVM-wide budget, beyond it in temporary files: disk
 * about the size of the delivery's pages),
 * what capture keeps per page of a case file it is capturing (entry, inspection and rendition
 * facts; no image data) stays on the heap for every page of the batch until then, and a key or
 * timestamp authority that fails rejects every case file of the batch (each can be ingested
 * again). {@link #upTo(int)} bounds all three: batches of at most that many case files.
 *
 * @param caseFiles the most case files whose products one pair of key calls seals; 1 seals each
 *     case file on its own
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public record SealBatch(int caseFiles) {

    /**
     * Validates.
     *
     * @param caseFiles the most case files whose products one pair of key calls seals, at least 1
     * @throws InvalidValueException if it is less than 1
     */
    public SealBatch {
        if (caseFiles < 1) {
            throw new InvalidValueException("caseFiles", "must be at least 1");
        }
    }

    /** @return two key calls per case file, each case file sealed as soon as it is rendered (the default) */
    public static SealBatch perCaseFile() {
        return new SealBatch(1);
    }

    /** @return two key calls per delivery, however many case files it has */
    public static SealBatch perDelivery() {
        return new SealBatch(Integer.MAX_VALUE);
    }

    /**
     * @param caseFiles the most case files per pair of key calls
     * @return batches of at most that many case files of a delivery
     */
    public static SealBatch upTo(int caseFiles) {
        return new SealBatch(caseFiles);
    }
}
