package io.github.aktenlift.intake;

import io.github.aktenlift.AktenliftException;
import org.apiguardian.api.API;

/**
 * A document of a digital transfer is not what its sender declared. Nothing of the transfer is
 * kept. Names the document by its position only: the sender's file names may carry personal data.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TransferDocumentException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the document. */
    public enum Problem {
        /** Its bytes do not have the SHA-256 the sender declared. */
        HASH_MISMATCH,
        /** Its bytes could not be read. */
        UNREADABLE,
        /** Another document of the transfer has the same name. */
        DUPLICATE_NAME
    }

    /** The transfer. */
    private final String transferId;
    /** The document's position in the transfer, from 1. */
    private final int position;
    /** What is wrong. */
    private final Problem problem;

    /**
     * @param transferId the transfer
     * @param position the document's position in the transfer, from 1
     * @param problem what is wrong
     * @param cause the underlying failure, or {@code null}
     */
    public TransferDocumentException(String transferId, int position, Problem problem, Throwable cause) {
        super("digital transfer " + transferId + ", document " + position + ": " + problem, cause);
        this.transferId = transferId;
        this.position = position;
        this.problem = problem;
    }

    /** @return the transfer's id */
    public String transferId() {
        return transferId;
    }

    /** @return the document's position in the transfer, from 1 */
    public int position() {
        return position;
    }

    /** @return what is wrong */
    public Problem problem() {
        return problem;
    }
}
