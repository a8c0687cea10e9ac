package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.PreparedSeals;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract suites' own PDF work, independent of every adapter: small PDFs to seal, PDFs with a
 * signature placeholder prepared as {@link PreparedSeals} describes, and a check of a PDF's last
 * signature with Bouncy Castle alone (byte range, CMS signature, signature timestamp imprint).
 * Everything fits in memory: the suites' PDFs are a few kilobytes.
 */
final class PdfSeals {

    private static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]");

    private PdfSeals() {
    }

    /** A one-page PDF with a line of text, classic cross-reference table. */
    static Path write(Path file, String text) throws IOException {
        Files.write(file, original(text).bytes);
        return file;
    }

    /** A written PDF and what an incremental update needs of it. */
    private record Original(byte[] bytes, int objects, long xref, String id) {
    }

    private static Original original(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        ascii(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        String content = "BT /F1 12 Tf 72 720 Td (" + text.replaceAll("[()\\\\]", "") + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (int i = 0; i < objects.length; i++) {
            offsets.add(out.size());
            ascii(out, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder t = new StringBuilder("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f\r\n");
        for (int o : offsets) {
            t.append(String.format("%010d 00000 n\r\n", o));
        }
        String id = HexFormat.of().formatHex(Arrays.copyOf(sha256(text.getBytes(StandardCharsets.UTF_8)), 16));
        t.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R /ID [<").append(id).append("> <")
                .append(id).append(">] >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        ascii(out, t.toString());
        return new Original(out.toByteArray(), objects.length, xref, id);
    }

    /** A PDF prepared for {@code signPrepared}: where its placeholder lies and the byte-range digest. */
    record Prepared(Path file, long contentsStart, int contentsLength, byte[] digest) {
    }

    /**
     * Writes a one-page PDF followed by an incremental update that adds an invisible signature field
     * whose dictionary is what {@link PreparedSeals} describes, with {@code /Contents} zeroed.
     */
    static Prepared prepare(Path file, String text, PreparedSeals spec) throws IOException {
        Original o = original(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(o.bytes);
        int field = o.objects + 1;
        int sig = o.objects + 2;
        long catalogAt = out.size();
        ascii(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + field + " 0 R] /SigFlags 3 >> >>\nendobj\n");
        long fieldAt = out.size();
        ascii(out, field + " 0 obj\n<< /FT /Sig /Type /Annot /Subtype /Widget /T (Seal) /F 4 /Rect [0 0 0 0] /V " + sig
                + " 0 R >>\nendobj\n");
        long sigAt = out.size();
        String head = sig + " 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20261201120000Z)"
                + spec.reason().map(r -> " /Reason (" + r.replaceAll("[^A-Za-z0-9 .-]", "") + ")").orElse("")
                + " /ByteRange ";
        int rangeWidth = 48;
        int hex = 2 * spec.reserveBytes();
        String tailHead = " >>\nendobj\n";
        long contentsAt = sigAt + head.length() + rangeWidth + " /Contents ".length();
        long afterContents = contentsAt + hex + 2;
        long xref = afterContents + tailHead.length();
        String tail = tailHead + "xref\n0 1\n0000000000 65535 f\r\n1 1\n" + String.format("%010d 00000 n\r\n", catalogAt)
                + field + " 2\n" + String.format("%010d 00000 n\r\n%010d 00000 n\r\n", fieldAt, sigAt)
                + "trailer\n<< /Size " + (sig + 1) + " /Root 1 0 R /Prev " + o.xref + " /ID [<" + o.id + "> <" + o.id
                + ">] >>\nstartxref\n" + xref + "\n%%EOF\n";
        long total = afterContents + tail.length();
        String range = "[0 " + contentsAt + " " + afterContents + " " + (total - afterContents) + "]";
        ascii(out, head + range + " ".repeat(rangeWidth - range.length()) + " /Contents ");
        MessageDigest md = spec.digest().newDigest();
        md.update(out.toByteArray());
        ascii(out, "<" + "0".repeat(hex) + ">");
        ascii(out, tail);
        md.update(tail.getBytes(StandardCharsets.ISO_8859_1));
        if (out.size() != total) {
            throw new IllegalStateException("prepared PDF is " + out.size() + " bytes, expected " + total);
        }
        Files.write(file, out.toByteArray());
        return new Prepared(file, contentsAt + 1, hex, md.digest());
    }

    /** Writes a CMS into a prepared PDF's placeholder, as its caller would. */
    static void fill(Prepared p, byte[] cms) throws IOException {
        byte[] bytes = Files.readAllBytes(p.file());
        byte[] hex = HexFormat.of().withUpperCase().formatHex(cms).getBytes(StandardCharsets.US_ASCII);
        if (hex.length > p.contentsLength()) {
            throw new IllegalStateException("the CMS takes " + cms.length + " bytes, more than reserved");
        }
        System.arraycopy(hex, 0, bytes, (int) p.contentsStart(), hex.length);
        Files.write(p.file(), bytes);
    }

    /** What the independent check found in a PDF's last signature. */
    record Check(boolean intact, boolean timestamped, boolean signingTimeAttribute) {
    }

    /**
     * Checks the PDF's last signature with Bouncy Castle alone: the byte range covers the whole
     * file but the {@code /Contents} string, the CMS signature verifies over it with the signer's
     * certificate, and a signature timestamp, if present, verifies with its own certificate and
     * covers the hash of the signature value.
     */
    static Check check(Path pdf, X509Certificate signer) throws Exception {
        byte[] bytes = Files.readAllBytes(pdf);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = BYTE_RANGE.matcher(text);
        long[] r = null;
        while (m.find()) {
            r = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4))};
        }
        if (r == null || r[0] != 0 || r[2] + r[3] != bytes.length || bytes[(int) r[1]] != '<' || bytes[(int) r[2] - 1] != '>') {
            return new Check(false, false, false);
        }
        ByteArrayOutputStream covered = new ByteArrayOutputStream();
        covered.write(bytes, 0, (int) r[1]);
        covered.write(bytes, (int) r[2], (int) r[3]);
        byte[] der = HexFormat.of().parseHex(text.substring((int) r[1] + 1, (int) r[2] - 1));
        return checkCms(covered.toByteArray(), der, signer);
    }

    /** Checks a detached CMS over {@code data} as {@link #check} does. */
    static Check checkCms(byte[] data, byte[] der, X509Certificate signer) throws Exception {
        ContentInfo info;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            // the first DER object only: a PDF's placeholder pads it with zeros
            info = ContentInfo.getInstance(in.readObject());
        }
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(data), info);
        List<SignerInformation> signers = new ArrayList<>(signed.getSignerInfos().getSigners());
        if (signers.size() != 1) {
            return new Check(false, false, false);
        }
        SignerInformation s = signers.get(0);
        boolean intact;
        try {
            intact = s.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException changed) {
            intact = false;
        }
        AttributeTable signedAttributes = s.getSignedAttributes();
        boolean signingTime = signedAttributes != null && signedAttributes.get(CMSAttributes.signingTime) != null;
        Optional<Attribute> ts = Optional.ofNullable(s.getUnsignedAttributes())
                .map(u -> u.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken));
        if (ts.isEmpty()) {
            return new Check(intact, false, signingTime);
        }
        TimeStampToken token = new TimeStampToken(new CMSSignedData(
                ts.get().getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
        @SuppressWarnings("unchecked")
        var holders = token.getCertificates().getMatches(token.getSID());
        if (holders.isEmpty()) {
            return new Check(intact, false, signingTime);
        }
        token.validate(new JcaSimpleSignerInfoVerifierBuilder()
                .build((org.bouncycastle.cert.X509CertificateHolder) holders.iterator().next()));
        ASN1ObjectIdentifier alg = token.getTimeStampInfo().getMessageImprintAlgOID();
        DigestAlgorithm imprint = Arrays.stream(DigestAlgorithm.values()).filter(a -> a.oid().equals(alg.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("imprint algorithm " + alg + " is no SHA-2"));
        boolean covers = Arrays.equals(imprint.newDigest().digest(s.getSignature()),
                token.getTimeStampInfo().getMessageImprintDigest());
        return new Check(intact, covers, signingTime);
    }

    static byte[] sha256(byte[] data) {
        return DigestAlgorithm.SHA256.newDigest().digest(data);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
