package io.github.aktenlift.spi.sealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Revocation information a key supplies for its certificate chain, embedded into long-term
 * (PAdES B-LT) seals so that they can be validated without asking the CA later: DER-encoded
 * X.509 CRLs (RFC 5280) and DER-encoded OCSP responses (RFC 6960, the whole {@code OCSPResponse}).
 *
 * <p>Immutable; the arrays are copied in and out.
 *
 * @param crls DER CRLs, in any order; never {@code null}, may be empty
 * @param ocspResponses DER OCSP responses; never {@code null}, may be empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RevocationData(List<byte[]> crls, List<byte[]> ocspResponses) {

    private static final RevocationData NONE = new RevocationData(List.of(), List.of());

    /**
     * Copies the data.
     *
     * @throws NullPointerException if a list or an element is {@code null}
     * @throws IllegalArgumentException if an element is empty
     * @param crls DER CRLs, in any order; never {@code null}, may be empty
     * @param ocspResponses DER OCSP responses; never {@code null}, may be empty
     */
    public RevocationData {
        crls = copy(crls, "crls");
        ocspResponses = copy(ocspResponses, "ocspResponses");
    }

    /** @return no revocation data */
    public static RevocationData none() {
        return NONE;
    }

    /**
     * @param crls DER CRLs
     * @return revocation data with these CRLs only
     */
    public static RevocationData ofCrls(List<byte[]> crls) {
        return new RevocationData(crls, List.of());
    }

    /** @return copies of the DER CRLs */
    @Override
    public List<byte[]> crls() {
        return copy(crls, "crls");
    }

    /** @return copies of the DER OCSP responses */
    @Override
    public List<byte[]> ocspResponses() {
        return copy(ocspResponses, "ocspResponses");
    }

    /** @return whether there is neither a CRL nor an OCSP response */
    public boolean isEmpty() {
        return crls.isEmpty() && ocspResponses.isEmpty();
    }

    private static List<byte[]> copy(List<byte[]> in, String name) {
        Objects.requireNonNull(in, name);
        List<byte[]> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            byte[] b = Objects.requireNonNull(in.get(i), name + "[" + i + "]");
            if (b.length == 0) {
                throw new IllegalArgumentException(name + "[" + i + "] is empty");
            }
            out.add(b.clone());
        }
        return List.copyOf(out);
    }
}
