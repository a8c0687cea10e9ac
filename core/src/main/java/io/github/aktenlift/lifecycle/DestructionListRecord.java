package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One destruction list as the journal has it, part of the {@link DestructionLedger}. Not thread-safe. */
public final class DestructionListRecord {

    final String id;
    final Instant createdAt;
    final String createdBy;
    final List<Barcode> files;
    /** Barcode to machine-readable reasons, by barcode. */
    final Map<Barcode, List<String>> excluded;
    final int notYetDue;
    String certificate;
    Instant confirmedAt;
    String confirmedBy;
    Map<Barcode, List<String>> skipped;

    DestructionListRecord(String id, Instant createdAt, String createdBy, List<Barcode> files,
            Map<Barcode, List<String>> excluded, int notYetDue) {
        this.id = id;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.files = files;
        this.excluded = excluded;
        this.notYetDue = notYetDue;
    }

    /** @return the list's id */
    public String id() {
        return id;
    }

    /** @return when it was drawn up */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return who drew it up */
    public String createdBy() {
        return createdBy;
    }

    /** @return the files on it, by barcode */
    public List<Barcode> files() {
        return files;
    }

    /** @return the files it excludes, with machine-readable reasons, by barcode */
    public Map<Barcode, List<String>> excluded() {
        return excluded;
    }

    /** @return how many retained files were not yet due when it was drawn up */
    public int notYetDue() {
        return notYetDue;
    }

    /** @return whether it is confirmed */
    public boolean confirmed() {
        return certificate != null;
    }

    /** @return the destruction certificate's number, or {@code null} before confirmation */
    public String certificate() {
        return certificate;
    }

    /** @return when it was confirmed, or {@code null} */
    public Instant confirmedAt() {
        return confirmedAt;
    }

    /** @return who confirmed it, or {@code null} */
    public String confirmedBy() {
        return confirmedBy;
    }

    /** @return the files the confirmation skipped, with reasons; {@code null} before confirmation */
    public Map<Barcode, List<String>> skipped() {
        return skipped;
    }
}
