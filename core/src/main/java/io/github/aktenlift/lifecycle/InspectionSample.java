package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.RecordCapture;

import java.util.ArrayList;
import java.util.List;

/** The draw of documents for visual inspection after a capture. */
final class InspectionSample {

    private InspectionSample() {
    }

    /**
     * The documents drawn for visual inspection: each with the profile's rate, from a random source
     * seeded by barcode and delivery, so that the draw is reproducible and cannot be steered by
     * re-sending the same delivery.
     */
    static List<String> draw(Barcode caseFile, RecordCapture r, double rate) {
        if (rate <= 0) {
            return List.of();
        }
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (caseFile.value() + '|' + r.deliveryId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long seed = java.nio.ByteBuffer.wrap(digest).getLong();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (CapturedDocument d : r.documents()) {
            if (rate >= 1 || random.nextDouble() < rate) {
                out.add(d.documentId());
            }
        }
        return out;
    }
}
