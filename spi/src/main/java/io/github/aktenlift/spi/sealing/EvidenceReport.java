package io.github.aktenlift.spi.sealing;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link EvidenceSealer} found about one object's seals and timestamps.
 *
 * @param object the object's name (a storage key, a checkpoint)
 * @param verdict the outcome
 * @param seals how many seals and timestamps were checked
 * @param findings what failed or what else was noticed; never content
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EvidenceReport(String object, Verdict verdict, int seals, List<String> findings) {

    /**
     * The outcome of checking an object.
     *
     * @since 0.2
     */
    public enum Verdict {
        /** Every seal and timestamp is intact and chains to a trust anchor. */
        PASSED,
        /** The bytes are intact, but a certificate does not chain to a configured trust anchor. */
        UNTRUSTED,
        /** A seal or timestamp does not match the bytes, cannot be read, or there is none. */
        BROKEN
    }

    /**
     * Validates and copies.
     *
     * @param object the object's name (a storage key, a checkpoint)
     * @param verdict the outcome
     * @param seals how many seals and timestamps were checked
     * @param findings what failed or what else was noticed; never content
     */
    public EvidenceReport {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
    }

    /** @return whether the verdict is {@link Verdict#PASSED} */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
