package io.github.aktenlift.spi.sealing;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A private key that seals: it signs digests and names the certificate chain that vouches for it.
 * A PKCS#12 file, an HSM behind PKCS#11 or a remote signing service can stand behind it; callers
 * never see the private key.
 *
 * <p>The key signs <em>digests</em>, not documents: the caller hashes (for a PAdES or CAdES seal,
 * the DER signed attributes) and the key applies its private-key operation. Documents never leave
 * the machine that holds them, and a remote service receives 32 to 64 bytes per product.
 *
 * <p><b>Batches.</b> {@link #sign(SignatureAlgorithm, List)} takes every digest of a delivery at
 * once and answers with one signature value per digest: one authorisation, one round trip, one
 * audit entry at the service, however many products the delivery has. See the package
 * documentation for why batches yield one standard signature per product rather than one signature
 * over a hash tree.
 *
 * <p><b>Thread safety:</b> every method may be called from any thread at any time; an
 * implementation whose token cannot sign concurrently serialises internally.
 * <b>Never {@code null}:</b> no method returns {@code null}. <b>Stability:</b> {@link #id()},
 * {@link #certificateChain()}, {@link #algorithms()} and {@link #qualified()} return the same
 * values for the object's whole lifetime (a signature's signed attributes name the certificate
 * before the key signs), so a provider whose certificate is renewed is opened anew.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SealingKey extends AutoCloseable {

    /**
     * @return a short identifier for messages and journals, for example
     *     {@code pkcs12:seal.p12#seal}; never a secret, never personal data
     */
    String id();

    /**
     * @return the signer's certificate first, then its issuers towards (and optionally including)
     *     the root; never empty
     */
    List<X509Certificate> certificateChain();

    /** @return the signature algorithms this key can apply; never empty */
    Set<SignatureAlgorithm> algorithms();

    /**
     * Whether the provider declares this a qualified seal in the sense of eIDAS (a qualified
     * certificate for electronic seals on a qualified seal creation device). This is the
     * operator's declaration; a caller that demands a qualified seal also checks the certificate's
     * QC statements and policy identifiers.
     *
     * @return whether the key is declared qualified
     */
    boolean qualified();

    /**
     * Signs each digest, all or nothing.
     *
     * @param algorithm one of {@link #algorithms()}
     * @param digests the digests to sign, each {@code algorithm.digest().length()} bytes; at least
     *     one; an implementation splits a batch larger than its backend accepts by itself
     * @return one signature value per digest, in the same order, encoded as
     *     {@link SignatureAlgorithm} says; never {@code null}
     * @throws IllegalArgumentException if the algorithm is not offered, the list is empty or a
     *     digest has the wrong length
     * @throws SealingException if the key could not sign; then none of the digests is signed
     */
    List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> digests);

    /**
     * Signs one digest: a batch of one.
     *
     * @param algorithm one of {@link #algorithms()}
     * @param digest the digest
     * @return the signature value
     * @throws IllegalArgumentException if the algorithm is not offered or the digest has the wrong
     *     length
     * @throws SealingException if the key could not sign
     */
    default byte[] sign(SignatureAlgorithm algorithm, byte[] digest) {
        return sign(algorithm, List.of(digest)).get(0);
    }

    /**
     * Revocation data for {@link #certificateChain()}, as fresh as the provider can get it at the
     * time of the call (a provider may read configured CRL files, ask an OCSP responder, or answer
     * none). Called after signing, so that the data postdates the signature.
     *
     * @return revocation data, possibly {@link RevocationData#none()}
     * @throws SealingException with {@link SealingException.Reason#UNAVAILABLE} if configured
     *     revocation data cannot be read
     */
    RevocationData revocationData();

    /**
     * Releases the key (logs out of a token, closes connections). Idempotent. After it,
     * {@link #sign(SignatureAlgorithm, List)} throws {@link SealingException}.
     */
    @Override
    void close();
}
