package io.github.aktenlift.spi.sealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link EvidenceSealer#seal} made.
 *
 * @param pdfLevel the PAdES baseline level of the sealed PDFs, for example {@code B-T}
 * @param detachedSeals one DER CMS {@code SignedData} per detached file, in order
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Sealed(String pdfLevel, List<byte[]> detachedSeals) {

    /**
     * Validates and copies.
     *
     * @param pdfLevel the PAdES baseline level of the sealed PDFs, for example {@code B-T}
     * @param detachedSeals one DER CMS {@code SignedData} per detached file, in order
     */
    public Sealed {
        Objects.requireNonNull(pdfLevel, "pdfLevel");
        List<byte[]> copy = new ArrayList<>(detachedSeals.size());
        for (byte[] b : detachedSeals) {
            copy.add(Objects.requireNonNull(b, "detached seal").clone());
        }
        detachedSeals = List.copyOf(copy);
    }

    /** @return copies of the detached seals */
    @Override
    public List<byte[]> detachedSeals() {
        return detachedSeals.stream().map(byte[]::clone).toList();
    }
}
