package io.github.aktenlift.lifecycle;

/** One hand-over of a case file to the procedure, as the journal records it. Not thread-safe. */
public final class ImportSubmission {

    final String key;
    final String eFile;
    final int attempt;
    /** Whether the procedure's final answer (receipt or rejection) for this key is recorded. */
    boolean settled;

    ImportSubmission(String key, String eFile, int attempt) {
        this.key = key;
        this.eFile = eFile;
        this.attempt = attempt;
    }

    /** @return the idempotency key it was handed over under */
    public String key() {
        return key;
    }

    /** @return the e-file it was handed to */
    public String eFile() {
        return eFile;
    }

    /** @return the import attempt it belongs to */
    public int attempt() {
        return attempt;
    }

    /** @return whether the procedure's final answer for it is recorded */
    public boolean settled() {
        return settled;
    }
}
