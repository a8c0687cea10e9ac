package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The PDF side of sealing: incremental updates that add a signature placeholder, fill it, append a
 * DSS dictionary, or add a document timestamp. Each reads one PDF from a file and writes the
 * original bytes unchanged followed by the update to another file, so memory holds one document's
 * object graph (loaded lazily by PDFBox) plus the update, never two PDFs.
 */
final class PdfRevisions {

    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName OCSPS = COSName.getPDFName("OCSPs");

    private PdfRevisions() {
    }

    /** A PDF with a signature placeholder: where its {@code /Contents} lies, and the digest of what the signature covers. */
    record Placeholder(Path file, long contentsStart, int contentsLength, byte[] contentDigest) {
    }

    /**
     * Writes {@code source} plus an incremental update with an (invisible) signature field whose
     * {@code /Contents} is zeros, into {@code target}.
     */
    static Placeholder prepare(Path source, Path target, PDSignature signature, int reserveBytes, DigestAlgorithm digest)
            throws IOException {
        try (PDDocument doc = PdfInput.load(source);
             SignatureOptions options = new SignatureOptions();
             OutputStream out = PdfInput.copyThenAppend(source, target)) {
            options.setPreferredSignatureSize(reserveBytes);
            doc.addSignature(signature, options);
            printable(doc, signature);
            ExternalSigningSupport ext = doc.saveIncrementalForExternalSigning(out);
            MessageDigest md = digest.newDigest();
            try (InputStream content = ext.getContent()) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = content.read(buf)) > 0;) {
                    md.update(buf, 0, n);
                }
            }
            ext.setSignature(new byte[0]);
            int[] range = signature.getByteRange();
            return new Placeholder(target, range[1] + 1L, range[2] - range[1] - 2, md.digest());
        }
    }

    /**
     * PDF/A (ISO 19005-2 6.3.2) wants every annotation printable; PDFBox's invisible signature widget
     * carries no flags.
     */
    private static void printable(PDDocument doc, PDSignature signature) throws IOException {
        for (PDSignatureField f : doc.getSignatureFields()) {
            if (f.getSignature() != null && f.getSignature().getCOSObject() == signature.getCOSObject()) {
                for (PDAnnotationWidget w : f.getWidgets()) {
                    w.setPrinted(true);
                }
            }
        }
    }

    /** Writes the hex of {@code value} into the placeholder; the rest stays zeros. */
    static void fill(Placeholder p, byte[] value) throws IOException {
        byte[] hex = HexFormat.of().withUpperCase().formatHex(value).getBytes(StandardCharsets.US_ASCII);
        if (hex.length > p.contentsLength()) {
            throw new IOException("the signature needs " + hex.length / 2 + " bytes, " + p.contentsLength() / 2 + " were reserved");
        }
        try (FileChannel ch = FileChannel.open(p.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer check = ByteBuffer.allocate(1);
            ch.read(check, p.contentsStart() - 1);
            if (check.get(0) != '<') {
                throw new IOException("no placeholder at offset " + (p.contentsStart() - 1));
            }
            ByteBuffer b = ByteBuffer.wrap(hex);
            long pos = p.contentsStart();
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
            // no fsync: this is a temporary file; durability is the store's business once the
            // caller puts the finished seal there
        }
    }

    /**
     * Appends a DSS dictionary (ISO 32000-2 12.8.4.3, ETSI EN 319 142-1 5.4) holding the given
     * certificates and revocation data, merged with whatever DSS the document already has.
     */
    static void appendValidationData(Path source, Path target, Collection<byte[]> certificates, RevocationData revocation)
            throws IOException {
        try (PDDocument doc = PdfInput.load(source);
             OutputStream out = PdfInput.copyThenAppend(source, target)) {
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            COSDictionary dss = catalog.getCOSObject().getCOSDictionary(DSS);
            if (dss == null) {
                dss = new COSDictionary();
                catalog.getCOSObject().setItem(DSS, dss);
            }
            add(doc, dss, CERTS, certificates);
            add(doc, dss, CRLS, revocation.crls());
            add(doc, dss, OCSPS, revocation.ocspResponses());
            dss.setNeedToBeUpdated(true);
            catalog.getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(out);
        }
    }

    private static void add(PDDocument doc, COSDictionary dss, COSName key, Collection<byte[]> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        COSArray array = dss.getCOSArray(key);
        if (array == null) {
            array = new COSArray();
            dss.setItem(key, array);
        }
        Set<String> present = new HashSet<>();
        for (COSBase b : array) {
            COSBase v = b instanceof COSObject o ? o.getObject() : b;
            if (v instanceof COSStream s) {
                try (InputStream in = s.createInputStream()) {
                    present.add(HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(in.readAllBytes())));
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (byte[] v : values) {
            String h = HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(v));
            if (present.contains(h) || !seen.add(h)) {
                continue;
            }
            COSStream s = doc.getDocument().createCOSStream();
            try (OutputStream os = s.createOutputStream(COSName.FLATE_DECODE)) {
                os.write(v);
            }
            array.add(s);
        }
        array.setNeedToBeUpdated(true);
    }

    /**
     * Adds a document timestamp (PAdES B-LTA, ETSI EN 319 142-1 5.5): a {@code /DocTimeStamp}
     * signature dictionary with SubFilter {@code ETSI.RFC3161} whose {@code /Contents} is an RFC 3161
     * token over the byte range.
     */
    static void documentTimestamp(Path source, Path target, TimestampAuthority tsa, DigestAlgorithm digest) throws IOException {
        PDSignature ts = new PDSignature();
        ts.setType(COSName.DOC_TIME_STAMP);
        ts.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        ts.setSubFilter(ETSI_RFC3161);
        Placeholder p = prepare(source, target, ts, 16 * 1024, digest);
        fill(p, tsa.timestamp(digest, p.contentDigest()));
    }
}
