package io.github.aktenlift.spi.procedure;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Everything the specialist procedure needs to put a case file's documents into an e-file.
 *
 * @param idempotencyKey identifies this import; sending it again never imports twice
 * @param eFileId the target e-file
 * @param fileReference the office's file number
 * @param documents the renditions, at least one
 * @param scanProtocol the scan protocol (<i>Transfervermerk</i>); for a case file another authority
 *     sent digitally, the intake record (document type {@code INTAKE_RECORD}, metadata
 *     {@code intake=digital})
 * @param metadata further index data (barcode, delivery id, dates); never personal data
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ImportPackage(String idempotencyKey, String eFileId, String fileReference, List<PackageItem> documents,
        PackageItem scanProtocol, Map<String, String> metadata) {

    /**
     * Validates and copies.
     *
     * @param idempotencyKey identifies this import; sending it again never imports twice
     * @param eFileId the target e-file
     * @param fileReference the office's file number
     * @param documents the renditions, at least one
     * @param scanProtocol the scan protocol (<i>Transfervermerk</i>)
     * @param metadata further index data (barcode, delivery id, dates); never personal data
     */
    public ImportPackage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(eFileId, "eFileId");
        Objects.requireNonNull(fileReference, "fileReference");
        Objects.requireNonNull(scanProtocol, "scanProtocol");
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("an import package needs at least one document");
        }
        metadata = Map.copyOf(metadata);
    }
}
