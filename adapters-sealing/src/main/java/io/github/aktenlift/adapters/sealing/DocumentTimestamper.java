package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Renews the evidence of an already sealed or timestamped PDF (PAdES B-LTA, BSI TR-ESOR): appends
 * a DSS dictionary with every certificate found in the document's signatures and timestamps plus
 * the revocation data given, then a document timestamp over everything, both as incremental
 * updates. The result is a new file; the source stays as it is, so the old version and the renewed
 * one can be stored side by side and both hashes journaled.
 *
 * <p>Memory: one PDF at a time; {@link #renewAll} handles any number of files.
 * Thread-safe: an instance holds configuration only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DocumentTimestamper {

    private final TimestampAuthority tsa;
    private final DigestAlgorithm digest;

    /**
     * @param tsa the timestamp authority
     * @param digest the hash of the document timestamp; prefer a stronger one than the timestamps
     *     being renewed when renewing because of a weakening algorithm
     */
    public DocumentTimestamper(TimestampAuthority tsa, DigestAlgorithm digest) {
        this.tsa = Objects.requireNonNull(tsa, "tsa");
        this.digest = Objects.requireNonNull(digest, "digest");
    }

    /**
     * @param source the sealed PDF; only read
     * @param target where the renewed copy goes; must not exist
     * @param revocation revocation data for the existing signatures' and timestamps' chains, to be
     *     embedded before the new timestamp covers it; may be {@link RevocationData#none()}
     * @return the renewed file's size and hash
     * @throws SealingFailedException if the source is no readable PDF or the target exists
     * @throws TimestampException if the authority gives no token; no target is written
     */
    public SealedFile renew(Path source, Path target, RevocationData revocation) {
        return renewAll(List.of(new FileJob(source, target)), revocation).get(0);
    }

    /**
     * Renews several PDFs, each completely before the next; all or nothing.
     *
     * @param jobs sources and targets
     * @param revocation revocation data embedded in each
     * @return the renewed files, in order
     * @throws SealingFailedException if a PDF cannot be renewed or a target exists; no target is written
     * @throws TimestampException if the authority gives no token; no target is written
     */
    public List<SealedFile> renewAll(List<FileJob> jobs, RevocationData revocation) {
        Objects.requireNonNull(revocation, "revocation");
        jobs.forEach(j -> Staging.requireAbsent(j.target()));
        try (Staging staging = new Staging()) {
            List<SealedFile> out = new ArrayList<>(jobs.size());
            List<Path> finished = new ArrayList<>(jobs.size());
            for (FileJob j : jobs) {
                try {
                    Path withData = staging.temporary(j.target());
                    PdfRevisions.appendValidationData(j.source(), withData, certificates(j.source()), revocation);
                    Path stamped = staging.temporary(j.target());
                    PdfRevisions.documentTimestamp(withData, stamped, tsa, digest);
                    finished.add(stamped);
                } catch (IOException e) {
                    throw new SealingFailedException(j.source().getFileName().toString(), e.getMessage(), e);
                }
            }
            for (int i = 0; i < jobs.size(); i++) {
                FileJob j = jobs.get(i);
                try {
                    out.add(staging.publish(finished.get(i), j.target()));
                } catch (IOException e) {
                    throw new SealingFailedException(j.target().getFileName().toString(), e.getMessage(), e);
                }
            }
            staging.commit();
            return out;
        }
    }

    /** Every certificate in every signature and every signature timestamp of the PDF, DER, without duplicates. */
    static Collection<byte[]> certificates(Path pdf) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            for (PDSignature s : doc.getSignatureDictionaries()) {
                byte[] contents = s.getContents();
                try {
                    CMSSignedData cms = new CMSSignedData(contents);
                    collect(cms, out);
                    for (SignerInformation si : cms.getSignerInfos().getSigners()) {
                        if (si.getUnsignedAttributes() == null) {
                            continue;
                        }
                        var all = si.getUnsignedAttributes().getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                        for (int k = 0; k < all.size(); k++) {
                            for (ASN1Encodable v : Attribute.getInstance(all.get(k)).getAttrValues()) {
                                collect(new CMSSignedData(v.toASN1Primitive().getEncoded()), out);
                            }
                        }
                    }
                } catch (Exception e) {
                    // a signature we cannot parse contributes nothing; the verifier reports it
                }
            }
        }
        return out.values();
    }

    private static void collect(CMSSignedData cms, Map<String, byte[]> out) throws IOException {
        for (Object o : cms.getCertificates().getMatches(null)) {
            X509CertificateHolder h = (X509CertificateHolder) o;
            out.putIfAbsent(h.getIssuer() + "/" + h.getSerialNumber(), h.getEncoded());
        }
    }
}
