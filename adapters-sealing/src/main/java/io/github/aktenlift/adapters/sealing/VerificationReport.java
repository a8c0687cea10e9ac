package io.github.aktenlift.adapters.sealing;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link SealVerifier} found about one object.
 *
 * @param object the object's file name
 * @param checks one entry per seal or timestamp, in the order they were applied
 * @param findings object-level findings (no evidence at all, bytes after the last covered
 *     revision, an unreadable file); never content
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VerificationReport(String object, List<SignatureCheck> checks, List<String> findings) {

    /**
     * Validates and copies.
     *
     * @param object the object's file name
     * @param checks one entry per seal or timestamp, in the order they were applied
     * @param findings object-level findings (no evidence at all, bytes after the last covered revision, an
     *     unreadable file); never content
     */
    public VerificationReport {
        Objects.requireNonNull(object, "object");
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
    }

    /** @return whether there is at least one seal or timestamp and every check passed */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(SignatureCheck::passed) && !broken();
    }

    /** @return whether any seal or timestamp shows changed bytes, or the file could not be read as signed */
    public boolean broken() {
        return checks.stream().anyMatch(c -> !c.intact()) || findings.stream().anyMatch(f -> f.startsWith("unreadable"));
    }
}
