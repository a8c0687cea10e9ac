package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.adapters.sealing.SignatureCheck.Kind;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRL;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Checks seals and timestamps with our own code (Bouncy Castle for the CMS, the JDK's PKIX for
 * chains): for each PAdES seal, signature timestamp and document timestamp in a PDF, and for
 * detached CMS seals and RFC 3161 tokens beside other files, it reports
 * <ul>
 *   <li><b>integrity</b>: the covered bytes' digest equals the signed one and the signature
 *       verifies with the signer's certificate, which the signed attributes bind;</li>
 *   <li><b>chain</b>: the signer's certificate chains to one of the configured trust anchors at the
 *       time of the earliest valid timestamp (else now), using the certificates in the CMS and the
 *       DSS dictionary, and the CRLs in the DSS dictionary or given here (without any, revocation
 *       is not checked and a finding says so);</li>
 *   <li><b>imprint</b>: a timestamp's message imprint is the digest of what it covers.</li>
 * </ul>
 * This is not a full ETSI EN 319 102-1 validation (no validation policy, no qualification); it is
 * the check a deep verification runs over every stored object. The tests hold it against DSS.
 *
 * <p>Memory: the PDF is read through PDFBox lazily and the covered ranges are hashed in 64 KiB
 * steps. Reads only. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SealVerifier {

    private final Set<TrustAnchor> anchors;
    private final List<CRL> crls;

    /**
     * @param trustAnchors the certificates to trust; at least one
     * @param crls further DER CRLs a relying party has at hand (for seals that carry none)
     */
    public SealVerifier(Collection<X509Certificate> trustAnchors, Collection<byte[]> crls) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor");
        }
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : trustAnchors) {
            a.add(new TrustAnchor(Objects.requireNonNull(c, "trust anchor"), null));
        }
        this.anchors = Set.copyOf(a);
        this.crls = parseCrls(crls);
    }

    /**
     * @param trustAnchors the certificates to trust
     */
    public SealVerifier(Collection<X509Certificate> trustAnchors) {
        this(trustAnchors, List.of());
    }

    /**
     * Checks every signature dictionary of a PDF, in the order they were applied.
     *
     * @param pdf the PDF; only read
     * @return the report; a PDF without seals or timestamps has no checks and does not pass
     */
    public VerificationReport verifyPdf(Path pdf) {
        String name = pdf.getFileName().toString();
        List<String> findings = new ArrayList<>();
        List<SignatureCheck> checks = new ArrayList<>();
        long size;
        try {
            size = Files.size(pdf);
        } catch (IOException e) {
            return new VerificationReport(name, List.of(), List.of("unreadable: " + e.getMessage()));
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<X509Certificate> dssCerts = new ArrayList<>();
            List<CRL> dssCrls = new ArrayList<>();
            readDss(doc, dssCerts, dssCrls);
            long coveredTo = 0;
            List<PDSignature> sigs = new ArrayList<>(doc.getSignatureDictionaries());
            sigs.sort((x, y) -> Long.compare(end(x), end(y)));
            int index = 0;
            for (PDSignature s : sigs) {
                index++;
                String field = "signature " + index;
                int[] br = s.getByteRange();
                if (br == null || br.length != 4 || br[0] != 0 || br[1] < 0 || br[2] < br[1] || br[3] < 0
                        || (long) br[2] + br[3] > size) {
                    checks.add(broken(field, kindOf(s), "byte range " + Arrays.toString(br) + " does not fit the file of "
                            + size + " bytes"));
                    continue;
                }
                coveredTo = Math.max(coveredTo, (long) br[2] + br[3]);
                byte[] contents = s.getContents();
                if (kindOf(s) == Kind.DOCUMENT_TIMESTAMP) {
                    checks.add(documentTimestamp(pdf, field, br, contents, dssCerts, dssCrls));
                } else {
                    checks.add(seal(field, contents, alg -> digestRanges(pdf, br, alg),
                            Optional.ofNullable(s.getSignDate()).map(c -> c.toInstant()), dssCerts, dssCrls));
                }
            }
            if (sigs.isEmpty()) {
                findings.add("no seal or timestamp");
            } else if (coveredTo < size) {
                findings.add("bytes " + coveredTo + " to " + size + " are covered by no seal or timestamp"
                        + " (validation data appended after the last one, or a later change)");
            }
        } catch (IOException e) {
            findings.add("unreadable: not a readable PDF (" + e.getMessage() + ")");
        }
        return new VerificationReport(name, checks, findings);
    }

    /**
     * Which digest algorithm a PDF's evidence rests on now: the message imprint of its newest
     * timestamp, that is of its last document timestamp, or else of the newest signature timestamp
     * in its last seal. Only reads.
     *
     * @param pdf the PDF; only read
     * @return the imprint algorithm's JCA name, or its dotted OID if it has no name here; empty if
     *     the PDF carries no timestamp
     * @throws IOException if the PDF or its newest signature cannot be read
     * @since 0.2
     */
    public Optional<String> newestTimestampDigest(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<PDSignature> sigs = new ArrayList<>(doc.getSignatureDictionaries());
            sigs.sort((x, y) -> Long.compare(end(y), end(x))); // newest first
            for (PDSignature s : sigs) {
                try (ASN1InputStream asn1 = new ASN1InputStream(new ByteArrayInputStream(s.getContents()))) {
                    // /Contents is zero-padded to its reserved size: read the one DER object at its start
                    CMSSignedData cms = new CMSSignedData(ContentInfo.getInstance(asn1.readObject()));
                    if (kindOf(s) == Kind.DOCUMENT_TIMESTAMP) {
                        return Optional.of(digestName(new org.bouncycastle.tsp.TimeStampToken(cms)
                                .getTimeStampInfo().getMessageImprintAlgOID().getId()));
                    }
                    Optional<String> inSeal = Optional.empty();
                    for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                        org.bouncycastle.asn1.cms.AttributeTable unsigned = signer.getUnsignedAttributes();
                        if (unsigned == null) {
                            continue;
                        }
                        org.bouncycastle.asn1.ASN1EncodableVector tokens = unsigned.getAll(
                                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                        for (int i = 0; i < tokens.size(); i++) {
                            org.bouncycastle.asn1.cms.Attribute a = (org.bouncycastle.asn1.cms.Attribute) tokens.get(i);
                            for (org.bouncycastle.asn1.ASN1Encodable v : a.getAttrValues()) {
                                inSeal = Optional.of(digestName(new org.bouncycastle.tsp.TimeStampToken(
                                        org.bouncycastle.asn1.cms.ContentInfo.getInstance(v)).getTimeStampInfo()
                                        .getMessageImprintAlgOID().getId()));
                            }
                        }
                    }
                    if (inSeal.isPresent()) {
                        return inSeal;
                    }
                } catch (org.bouncycastle.cms.CMSException | org.bouncycastle.tsp.TSPException | RuntimeException e) {
                    throw new IOException("the newest signature's contents are no readable CMS or timestamp token", e);
                }
            }
            return Optional.empty();
        }
    }

    private static String digestName(String oid) {
        for (io.github.aktenlift.spi.sealing.DigestAlgorithm a : io.github.aktenlift.spi.sealing.DigestAlgorithm.values()) {
            if (a.oid().equals(oid)) {
                return a.jcaName();
            }
        }
        return switch (oid) {
            case "1.3.14.3.2.26" -> "SHA-1";
            case "2.16.840.1.101.3.4.2.4" -> "SHA-224";
            default -> oid;
        };
    }

    /**
     * Checks a detached CMS seal over a file (for example a scan protocol's JSON).
     *
     * @param data the sealed file; only read
     * @param cms the DER CMS {@code SignedData}
     * @return the report
     */
    public VerificationReport verifyDetachedSeal(Path data, byte[] cms) {
        SignatureCheck c = seal("detached", cms, alg -> digestFile(data, alg), Optional.empty(), List.of(), List.of());
        return new VerificationReport(data.getFileName().toString(), List.of(c), List.of());
    }

    /**
     * Checks a detached RFC 3161 token over a file.
     *
     * @param data the timestamped file; only read
     * @param token the DER timestamp token
     * @return the report
     */
    public VerificationReport verifyDetachedTimestamp(Path data, byte[] token) {
        SignatureCheck c = timestamp("detached", Kind.CONTENT_TIMESTAMP, token, alg -> digestFile(data, alg), List.of(), List.of());
        return new VerificationReport(data.getFileName().toString(), List.of(c), List.of());
    }

    /**
     * Checks an RFC 3161 token over a digest that is not a file's (a journal checkpoint's hash).
     *
     * @param name the object's name for the report
     * @param sha256 the 32 bytes the token claims to cover, taken as a SHA-256 value
     * @param token the DER timestamp token
     * @return the report; an imprint of another algorithm or value fails
     * @since 0.2
     */
    public VerificationReport verifyTimestamp(String name, byte[] sha256, byte[] token) {
        byte[] expected = sha256.clone();
        SignatureCheck c = timestamp("timestamp", Kind.CONTENT_TIMESTAMP, token, alg -> {
            if (!io.github.aktenlift.spi.sealing.DigestAlgorithm.SHA256.oid().equals(alg)) {
                throw new IOException("the imprint is not SHA-256 (" + alg + ")");
            }
            return expected;
        }, List.of(), List.of());
        return new VerificationReport(name, List.of(c), List.of());
    }

    @FunctionalInterface
    private interface Covered {
        byte[] digest(String algorithmOid) throws IOException;
    }

    private SignatureCheck seal(String name, byte[] contents, Covered covered, Optional<Instant> claimed,
            List<X509Certificate> extraCerts, List<CRL> extraCrls) {
        List<String> findings = new ArrayList<>();
        CMSSignedData cms;
        SignerInformation signer;
        X509Certificate cert;
        List<X509Certificate> certs = new ArrayList<>(extraCerts);
        try {
            ContentInfo ci = ContentInfo.getInstance(new ASN1InputStream(new ByteArrayInputStream(contents)).readObject());
            CMSSignedData parsed = new CMSSignedData(ci);
            Collection<SignerInformation> signers = parsed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return broken(name, Kind.SEAL, signers.size() + " signers; a seal has exactly one");
            }
            signer = signers.iterator().next();
            String digestOid = signer.getDigestAlgOID();
            byte[] digest = covered.digest(digestOid);
            cms = new CMSSignedData(Map.of(digestOid, digest), ci);
            signer = cms.getSignerInfos().getSigners().iterator().next();
            certs.addAll(certificates(cms));
            var sid = signer.getSID();
            cert = certs.stream().filter(c -> sid.match(holder(c))).findFirst().orElse(null);
            if (cert == null) {
                return broken(name, Kind.SEAL, "the signer's certificate is not in the CMS");
            }
        } catch (IOException | RuntimeException | org.bouncycastle.cms.CMSException e) {
            return broken(name, Kind.SEAL, "the CMS cannot be read: " + e.getMessage());
        }
        Check integrity;
        try {
            integrity = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert)) ? Check.PASSED : Check.FAILED;
            if (integrity == Check.FAILED) {
                findings.add("the signature value does not verify");
            }
        } catch (CMSSignerDigestMismatchException e) {
            integrity = Check.FAILED;
            findings.add("the covered bytes differ from what was signed");
        } catch (Exception e) {
            integrity = Check.FAILED;
            findings.add("the signature does not verify: " + e.getMessage());
        }
        if (integrity == Check.PASSED && !signingCertificateBound(signer, cert)) {
            integrity = Check.FAILED;
            findings.add("the signed attributes do not name the signer's certificate (signing-certificate-v2)");
        }
        List<SignatureCheck> tsChecks = new ArrayList<>();
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned != null) {
            var all = unsigned.getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            byte[] value = signer.getSignature();
            for (int i = 0; i < all.size(); i++) {
                for (ASN1Encodable v : Attribute.getInstance(all.get(i)).getAttrValues()) {
                    byte[] token;
                    try {
                        token = v.toASN1Primitive().getEncoded();
                    } catch (IOException e) {
                        tsChecks.add(broken(name + " timestamp", Kind.SIGNATURE_TIMESTAMP, "unreadable token"));
                        continue;
                    }
                    tsChecks.add(timestamp(name + " timestamp " + (tsChecks.size() + 1), Kind.SIGNATURE_TIMESTAMP, token,
                            alg -> digest(alg).digest(value), extraCerts, extraCrls));
                }
            }
        }
        Optional<Instant> when = tsChecks.stream().filter(SignatureCheck::passed).map(SignatureCheck::time)
                .flatMap(Optional::stream).min(Instant::compareTo);
        Optional<Instant> signedAt = signingTime(signer).or(() -> claimed);
        Check chain = chain(cert, certs, extraCrls, when.orElse(Instant.now()), findings);
        return new SignatureCheck(name, Kind.SEAL, when.or(() -> signedAt), integrity, chain, Check.NOT_APPLICABLE, tsChecks,
                findings);
    }

    private SignatureCheck timestamp(String name, Kind kind, byte[] token, Covered covered, List<X509Certificate> extraCerts,
            List<CRL> extraCrls) {
        List<String> findings = new ArrayList<>();
        TimeStampToken t;
        try {
            t = new TimeStampToken(new CMSSignedData(ContentInfo.getInstance(
                    new ASN1InputStream(new ByteArrayInputStream(token)).readObject())));
        } catch (Exception e) {
            return broken(name, kind, "the token cannot be read: " + e.getMessage());
        }
        Instant time = t.getTimeStampInfo().getGenTime().toInstant();
        List<X509Certificate> certs = new ArrayList<>(extraCerts);
        X509Certificate cert = null;
        try {
            certs.addAll(certificates(t.toCMSSignedData()));
            cert = certs.stream().filter(c -> t.getSID().match(holder(c))).findFirst().orElse(null);
        } catch (RuntimeException e) {
            findings.add("the token's certificates cannot be read");
        }
        Check imprint;
        try {
            byte[] expected = covered.digest(t.getTimeStampInfo().getMessageImprintAlgOID().getId());
            imprint = Arrays.equals(expected, t.getTimeStampInfo().getMessageImprintDigest()) ? Check.PASSED : Check.FAILED;
            if (imprint == Check.FAILED) {
                findings.add("the message imprint is not the digest of what the timestamp covers");
            }
        } catch (IOException | RuntimeException e) {
            imprint = Check.FAILED;
            findings.add("the covered data cannot be hashed: " + e.getMessage());
        }
        Check integrity;
        if (cert == null) {
            integrity = Check.FAILED;
            findings.add("the TSA certificate is not in the token");
        } else {
            try {
                t.validate(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
                integrity = Check.PASSED;
            } catch (Exception e) {
                integrity = Check.FAILED;
                findings.add("the token's signature does not verify: " + e.getMessage());
            }
        }
        Check chain = cert == null ? Check.FAILED : chain(cert, certs, extraCrls, time, findings);
        return new SignatureCheck(name, kind, Optional.of(time), integrity, chain, imprint, List.of(), findings);
    }

    private SignatureCheck documentTimestamp(Path pdf, String name, int[] br, byte[] contents, List<X509Certificate> certs,
            List<CRL> crls) {
        return timestamp(name, Kind.DOCUMENT_TIMESTAMP, contents, alg -> digestRanges(pdf, br, alg), certs, crls);
    }

    private Check chain(X509Certificate cert, List<X509Certificate> certs, List<CRL> documentCrls, Instant at,
            List<String> findings) {
        List<Object> store = new ArrayList<>(certs);
        store.addAll(documentCrls);
        store.addAll(crls);
        boolean revocation = !documentCrls.isEmpty() || !crls.isEmpty();
        CertPath path;
        CertStore certStore;
        try {
            certStore = CertStore.getInstance("Collection", new CollectionCertStoreParameters(store));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.addCertStore(certStore);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            path = CertPathBuilder.getInstance("PKIX").build(params).getCertPath();
        } catch (Exception e) {
            findings.add("no valid chain to a trust anchor at " + at + ": " + e.getMessage());
            return Check.FAILED;
        }
        if (!revocation) {
            findings.add("revocation not checked: no CRL in the document or the verifier");
            return Check.PASSED;
        }
        // validated again with revocation, so that a revoked certificate is named as such
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.addCertStore(certStore);
            params.setRevocationEnabled(true);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, params);
            return Check.PASSED;
        } catch (CertPathValidatorException e) {
            String which = e.getIndex() >= 0 && e.getIndex() < path.getCertificates().size()
                    ? " (certificate serial " + ((X509Certificate) path.getCertificates().get(e.getIndex())).getSerialNumber() + ")"
                    : "";
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                findings.add("certificate revoked" + which + ": " + e.getMessage());
            } else if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                findings.add("revocation status unknown" + which + ": " + e.getMessage());
            } else {
                findings.add("chain invalid at " + at + which + ": " + e.getMessage());
            }
            return Check.FAILED;
        } catch (java.security.GeneralSecurityException e) {
            findings.add("chain cannot be validated: " + e.getMessage());
            return Check.FAILED;
        }
    }

    private static boolean signingCertificateBound(SignerInformation signer, X509Certificate cert) {
        AttributeTable signed = signer.getSignedAttributes();
        if (signed == null) {
            return false;
        }
        Attribute a = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (a == null) {
            return false;
        }
        try {
            SigningCertificateV2 sc = SigningCertificateV2.getInstance(a.getAttrValues().getObjectAt(0));
            ESSCertIDv2 id = sc.getCerts()[0];
            byte[] hash = digest(id.getHashAlgorithm().getAlgorithm().getId()).digest(cert.getEncoded());
            return Arrays.equals(hash, id.getCertHash());
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<Instant> signingTime(SignerInformation signer) {
        AttributeTable signed = signer.getSignedAttributes();
        Attribute a = signed == null ? null : signed.get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime);
        if (a == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.bouncycastle.asn1.cms.Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static SignatureCheck broken(String name, Kind kind, String why) {
        return new SignatureCheck(name, kind, Optional.empty(), Check.FAILED, Check.FAILED,
                kind == Kind.SEAL ? Check.NOT_APPLICABLE : Check.FAILED, List.of(), List.of(why));
    }

    private static Kind kindOf(PDSignature s) {
        return "ETSI.RFC3161".equals(s.getSubFilter()) ? Kind.DOCUMENT_TIMESTAMP : Kind.SEAL;
    }

    private static long end(PDSignature s) {
        int[] br = s.getByteRange();
        return br == null || br.length != 4 ? Long.MAX_VALUE : (long) br[2] + br[3];
    }

    private static byte[] digestRanges(Path pdf, int[] br, String algorithmOid) throws IOException {
        MessageDigest md = digest(algorithmOid);
        try (FileChannel ch = FileChannel.open(pdf, StandardOpenOption.READ)) {
            update(md, ch, br[0], br[1]);
            update(md, ch, br[2], br[3]);
        }
        return md.digest();
    }

    private static void update(MessageDigest md, FileChannel ch, long from, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = from;
        long end = from + length;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("file ends at " + pos + " inside a covered range");
            }
            buf.flip();
            md.update(buf);
            pos += n;
        }
    }

    private static byte[] digestFile(Path file, String algorithmOid) throws IOException {
        MessageDigest md = digest(algorithmOid);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static MessageDigest digest(String oid) {
        try {
            return MessageDigest.getInstance(oid);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + oid, e);
        }
    }

    private static List<X509Certificate> certificates(CMSSignedData cms) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (Object o : cms.getCertificates().getMatches(null)) {
            try {
                out.add(conv.getCertificate((X509CertificateHolder) o));
            } catch (java.security.cert.CertificateException e) {
                // an unparsable certificate cannot anchor anything; the chain check reports the gap
            }
        }
        return out;
    }

    private static X509CertificateHolder holder(X509Certificate c) {
        try {
            return new X509CertificateHolder(c.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readDss(PDDocument doc, List<X509Certificate> certs, List<CRL> crls) throws IOException {
        COSDictionary dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
        if (dss == null) {
            return;
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] b : streams(dss.getCOSArray(COSName.getPDFName("Certs")))) {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b)));
            }
            for (byte[] b : streams(dss.getCOSArray(COSName.getPDFName("CRLs")))) {
                crls.add(cf.generateCRL(new ByteArrayInputStream(b)));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("the DSS dictionary holds an unreadable certificate or CRL", e);
        }
    }

    private static List<byte[]> streams(COSArray array) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (COSBase b : array) {
            COSBase v = b instanceof COSObject o ? o.getObject() : b;
            if (v instanceof COSStream s) {
                try (InputStream in = s.createInputStream()) {
                    out.add(in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static List<CRL> parseCrls(Collection<byte[]> ders) {
        List<CRL> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] d : ders) {
                out.add(cf.generateCRL(new ByteArrayInputStream(d)));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("an unreadable CRL", e);
        }
        return List.copyOf(out);
    }
}
