package io.github.aktenlift.lifecycle;

/** A document of a case file's latest capture, as far as the lifecycle needs it. Not thread-safe. */
public final class DocumentRecord {

    final String type;
    final boolean originalToReturn;
    boolean originalReturned;

    DocumentRecord(String type, boolean originalToReturn) {
        this.type = type;
        this.originalToReturn = originalToReturn;
    }

    /** @return the document type's code */
    public String type() {
        return type;
    }

    /** @return whether its paper original goes back to its owner */
    public boolean originalToReturn() {
        return originalToReturn;
    }

    /** @return whether that original has gone back */
    public boolean originalReturned() {
        return originalReturned;
    }
}
