package io.github.aktenlift.adapters.sealing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import org.apiguardian.api.API;

/**
 * Embeds a PDF/A document (the case file's scan protocol, the transfer note) in a rendition, so
 * that product and transfer note travel together into the e-file. ISO 19005-2 (PDF/A-2) 6.8
 * permits embedded files that are themselves PDF/A-1 or PDF/A-2; the embedder does not check the
 * attachment's conformance, the caller vouches for it (and veraPDF checks it in the tests).
 *
 * <p>The file is embedded as an associated file of the document (ISO 32000-2 14.13: a file
 * specification with {@code /AFRelationship /Supplement}, listed in the catalog's {@code /AF}
 * array and in the {@code /EmbeddedFiles} name tree), in an incremental update after the
 * rendition's original bytes. Do this before sealing: the seal then covers the note.
 *
 * <p><b>What the embedded note can hold.</b> A note inside a rendition cannot name that
 * rendition's own hash (the hash changes when the note is embedded). The embedded note therefore
 * carries everything except the hashes of the renditions it travels in; the stored protocol and
 * the journal keep those hashes, and the seal over the rendition protects the note with it.
 *
 * <p>Thread-safe: static methods without shared state.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PdfAttachments {

    private static final COSName AF = COSName.getPDFName("AF");
    private static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");

    private PdfAttachments() {
    }

    /**
     * @param rendition the PDF to embed into; only read
     * @param attachment the PDF/A file to embed
     * @param fileName the attachment's name inside the PDF, for example {@code scanprotokoll.pdf}
     * @param description its description, for example {@code Transfervermerk}; never personal data
     * @param target where the PDF with the attachment goes; must not exist
     * @return the new file's size and hash
     * @throws SealingFailedException if a file cannot be read or written, or the target exists
     */
    public static SealedFile embed(Path rendition, Path attachment, String fileName, String description, Path target) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(description, "description");
        new FileJob(rendition, target);
        Staging.requireAbsent(target);
        try (Staging staging = new Staging()) {
            Path temp = staging.temporary(target);
            try (PDDocument doc = Loader.loadPDF(rendition.toFile());
                 InputStream in = Files.newInputStream(attachment);
                 OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                PDEmbeddedFile ef = new PDEmbeddedFile(doc, in, COSName.FLATE_DECODE);
                ef.setSubtype("application/pdf");
                ef.setSize((int) Files.size(attachment));
                GregorianCalendar now = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
                ef.setModDate(now);
                PDComplexFileSpecification spec = new PDComplexFileSpecification();
                spec.setFile(fileName);
                spec.setFileUnicode(fileName);
                spec.setFileDescription(description);
                spec.setEmbeddedFile(ef);
                spec.setEmbeddedFileUnicode(ef);
                spec.getCOSObject().setItem(AF_RELATIONSHIP, COSName.getPDFName("Supplement"));

                PDDocumentCatalog catalog = doc.getDocumentCatalog();
                PDDocumentNameDictionary names = catalog.getNames();
                if (names == null) {
                    names = new PDDocumentNameDictionary(catalog);
                    catalog.setNames(names);
                }
                PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
                Map<String, PDComplexFileSpecification> entries = new HashMap<>();
                if (tree == null) {
                    tree = new PDEmbeddedFilesNameTreeNode();
                } else if (tree.getNames() != null) {
                    entries.putAll(tree.getNames());
                }
                if (entries.containsKey(fileName)) {
                    throw new SealingFailedException(rendition.getFileName().toString(),
                            "already has an embedded file named " + fileName, null);
                }
                entries.put(fileName, spec);
                tree.setNames(entries);
                names.setEmbeddedFiles(tree);
                COSArray af = catalog.getCOSObject().getCOSArray(AF);
                if (af == null) {
                    af = new COSArray();
                    catalog.getCOSObject().setItem(AF, af);
                }
                af.add(spec);
                af.setNeedToBeUpdated(true);
                tree.getCOSObject().setNeedToBeUpdated(true);
                names.getCOSObject().setNeedToBeUpdated(true);
                catalog.getCOSObject().setNeedToBeUpdated(true);
                doc.saveIncremental(out);
            }
            SealedFile done = staging.publish(temp, target);
            staging.commit();
            return done;
        } catch (IOException e) {
            throw new SealingFailedException(rendition.getFileName().toString(), e.getMessage(), e);
        }
    }

    /**
     * @param pdf a PDF; only read
     * @return the names of its embedded files
     * @throws SealingFailedException if it cannot be read
     */
    public static List<String> list(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            if (names == null || names.getEmbeddedFiles() == null || names.getEmbeddedFiles().getNames() == null) {
                return List.of();
            }
            return new ArrayList<>(names.getEmbeddedFiles().getNames().keySet()).stream().sorted().toList();
        } catch (IOException e) {
            throw new SealingFailedException(pdf.getFileName().toString(), e.getMessage(), e);
        }
    }

    /**
     * Copies an embedded file out.
     *
     * @param pdf a PDF; only read
     * @param fileName the embedded file's name
     * @param target where to write it; must not exist
     * @throws SealingFailedException if it cannot be read, has no such file, or the target exists
     */
    public static void extract(Path pdf, String fileName, Path target) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            Map<String, PDComplexFileSpecification> entries = names == null || names.getEmbeddedFiles() == null
                    ? null : names.getEmbeddedFiles().getNames();
            PDComplexFileSpecification spec = entries == null ? null : entries.get(fileName);
            if (spec == null || spec.getEmbeddedFile() == null) {
                throw new SealingFailedException(pdf.getFileName().toString(), "has no embedded file " + fileName, null);
            }
            try (InputStream in = spec.getEmbeddedFile().createInputStream()) {
                Files.copy(in, target);
            }
        } catch (IOException e) {
            throw new SealingFailedException(pdf.getFileName().toString(), e.getMessage(), e);
        }
    }
}
