package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.CaseFileOutcome.StoredRendition;
import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.protocol.ProtocolReport;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.pdfa.ByteRangeOutput;
import io.github.aktenlift.pdfa.PageImageException;
import io.github.aktenlift.pdfa.PdfARenderer;
import io.github.aktenlift.pdfa.RenditionRequest;
import io.github.aktenlift.pdfa.Revision;
import io.github.aktenlift.pdfa.SealPlaceholder;
import io.github.aktenlift.pdfa.TransferNote;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.RenditionResult;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.sealing.EvidenceException;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.PreparedSeals;
import io.github.aktenlift.spi.sealing.SealJob;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capture of one case file whose products are sealed, in three steps between which the key
 * signs: {@link #render} (renditions into a scratch directory, each with its transfer note and a
 * signature placeholder, or ready to be sealed whole), then, once the renditions' seals are made,
 * {@link #renditionsSigned} or {@link #renditionsSealed} (renditions stored, scan protocol written
 * and ready to be sealed), then, once the protocol's seal is made, {@link #finish} (protocol stored,
 * capture recorded). The key calls between the steps are {@link SealRounds}', for this case file
 * alone ({@link #alone}) or for many case files of a delivery at once.
 *
 * <p><b>Prepared or whole.</b> A sealer that offers {@link EvidenceSealer#preparedSeals()} gets only
 * the byte-range digest of each rendition: the core writes the transfer note and the signature
 * placeholder right after the rendition (no rendition is read again, copied or parsed) and fills
 * the seal in place; likewise the protocol PDF's placeholder, and the protocol JSON's content
 * digest for its detached seal. Any other sealer gets the renditions, their notes appended, and
 * protocol PDF and JSON as whole files to seal.
 *
 * <p>Each step either moves on or ends the capture with an outcome ({@link #outcome()}); what a
 * failed capture stored is removed again, and nothing is recorded. Not thread-safe: one step at a
 * time, from any thread. {@link #close()} deletes the scratch directory.
 */
final class SealedCapture implements AutoCloseable {

    private final CaseFileCapture owner;
    private final EvidenceSealer sealer;
    private final ProtocolWriter.Capture input;
    private final CaseFileCapture.Plan plan;
    private final List<DocumentEntry> kept;
    private final String bc;
    private final Optional<PreparedSeals> prepared;
    private final List<Key> written = new ArrayList<>();
    /** Whether {@link #finish} has begun recording the capture in the journal. */
    private boolean recording;
    private final List<StoredRendition> renditions = new ArrayList<>();
    private final Map<String, PageRendition> rendered = new HashMap<>();
    /** What each page's text layer was made of, by page place, for the scan protocol. */
    private final Map<String, PageTextReport> texts = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private Path scratch;
    private int number;
    private CaseFileOutcome outcome;
    private boolean ended;
    private byte[] json;
    private Path jsonFile;
    /** The protocol PDF as it is stored once sealed whole. */
    private Path sealedProtocolPdf;
    private SealJob protocolPdf;
    private SealPlaceholder.Placeholder protocolPlaceholder;
    private byte[] jsonDigest;

    /**
     * A rendered rendition waiting for its seal: its place among the renditions, its key, and its
     * bytes: prepared, in {@code staged} with its placeholder; sealed whole, in {@code file}.
     */
    private record Pending(int index, Key key, Path file, Staged staged, SealPlaceholder.Placeholder placeholder) {
    }

    /** Everything staged, closed with the capture. */
    private final List<Staged> products = new ArrayList<>();
    private Staged protocolStaged;

    SealedCapture(CaseFileCapture owner, EvidenceSealer sealer, ProtocolWriter.Capture input, CaseFileCapture.Plan plan,
            List<DocumentEntry> kept) {
        this.owner = owner;
        this.sealer = sealer;
        this.input = input;
        this.plan = plan;
        this.kept = kept;
        this.bc = input.entry().barcode();
        this.prepared = sealer.preparedSeals();
    }

    /** Runs the whole capture with key calls of its own: one for the renditions, one for the protocol. */
    CaseFileOutcome alone() {
        SealRounds.run(List.of(this), sealer, Runnable::run);
        return outcome;
    }

    /**
     * @return the outcome once the capture has {@link #ended()}: captured, rejected, or {@code null}
     *     if another ingest recorded the case file meanwhile (this one's objects are removed again)
     */
    CaseFileOutcome outcome() {
        return outcome;
    }

    /** @return whether the capture has ended, with {@link #outcome()} */
    boolean ended() {
        return ended;
    }

    /** @return whether the sealer signs prepared digests rather than whole files */
    boolean prepared() {
        return prepared.isPresent();
    }

    /**
     * Step one: renders every rendition into the scratch directory with its transfer note, and
     * either its placeholder (prepared) or nothing more (sealed whole).
     */
    void render() {
        String fail = "rendering failed: ";
        Kind kind = Kind.RENDITION_FAILED;
        try {
            scratch = Files.createTempDirectory("aktenlift-seal-");
            number = owner.number(bc);
            List<CaptureProblem> problems = new ArrayList<>();
            Instant now = input.now();
            List<Revision> revisions = new ArrayList<>();
            List<ByteRangeOutput.State> states = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, List<CheckedPage>> g : plan.groups().entrySet()) {
                List<CheckedPage> group = g.getValue();
                RenditionRequest request = owner.request(plan, input.where(), bc, now, group, texts);
                Path file = scratch.resolve("r" + files.size() + ".pdf");
                RenditionResult result;
                Staged staged = null;
                if (prepared.isPresent()) {
                    // kept in memory where the budget allows; the byte range's digest is taken on the
                    // way; the update follows once the note is written
                    long expected = group.stream().mapToLong(CheckedPage::size).sum() + 2L * prepared.get().reserveBytes()
                            + 256 * 1024 + 2048L * group.size();
                    staged = Staged.create(file, expected);
                    products.add(staged);
                    try (ByteRangeOutput out = new ByteRangeOutput(buffered(staged), prepared.get().digest().newDigest())) {
                        result = new PdfARenderer().render(request, out, false, revisions::add);
                        out.flush();
                        states.add(out.state());
                    }
                } else {
                    try (OutputStream out = scratchFile(file)) {
                        result = new PdfARenderer().render(request, out, false);
                    }
                }
                files.add(file);
                for (int i = 0; i < group.size(); i++) {
                    rendered.put(group.get(i).place(), result.pages().get(i));
                }
                PageChecks.compareHashes(group, result, bc, problems);
                Key key = StorageKeys.rendition(bc, number, g.getKey());
                pending.add(new Pending(renditions.size(), key, file, staged, null));
                // size and hash are those of the sealed rendition, filled in once it is stored
                renditions.add(new StoredRendition(plan.whole() ? "*" : g.getKey(), key, result.size(), "0".repeat(64),
                        group.size(), (int) result.reencodedPages()));
            }
            if (!problems.isEmpty()) {
                end(problems);
                return;
            }
            CaseFileCapture.addKept(renditions, kept, input.previous());
            // the transfer note travels inside each rendition: the protocol without the renditions'
            // hashes, which no rendition can carry of itself (see TransferNote)
            ScanProtocol note = ProtocolWriter.protocol(capture(List.of()));
            ByteArrayOutputStream notePdf = new ByteArrayOutputStream(64 * 1024);
            ProtocolReport.write(note, now, notePdf);
            fail = "preparing the seals failed: ";
            if (prepared.isPresent()) {
                PreparedSeals spec = prepared.get();
                SealPlaceholder.Note embedded = SealPlaceholder.Note.of(notePdf.toByteArray(), now);
                SealPlaceholder.Signature signature = signature(spec);
                for (int i = 0; i < pending.size(); i++) {
                    Pending p = pending.get(i);
                    SealPlaceholder.Placeholder placeholder;
                    try (ByteRangeOutput out = ByteRangeOutput.resume(buffered(p.staged()), states.get(i))) {
                        placeholder = SealPlaceholder.append(out, revisions.get(i), Optional.of(embedded), signature);
                    }
                    pending.set(i, new Pending(p.index(), p.key(), p.file(), p.staged(), placeholder));
                }
            } else {
                Path noteFile = Files.write(scratch.resolve("transfer-note.pdf"), notePdf.toByteArray(),
                        StandardOpenOption.CREATE_NEW);
                for (Pending p : pending) {
                    // appended to the scratch rendition itself: no copy of its bytes
                    TransferNote.appendTo(p.file(), noteFile, now);
                }
            }
        } catch (PageImageException e) {
            // the JPEG walk that rides along with rendering found a broken page
            end(List.of(PageChecks.brokenPage(e, input.pages(), bc)));
        } catch (Recognitions.Failed e) {
            end(List.of(new CaptureProblem(Kind.OCR_FAILED, bc, PageChecks.printable(e.page()), e.getMessage())));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            end(List.of(new CaptureProblem(kind, bc, "", fail + Failures.describe(e))));
        }
    }

    /** @return per rendition, the digest of its signature's byte range (prepared) */
    List<byte[]> renditionDigests() {
        return pending.stream().map(p -> p.placeholder().digest()).toList();
    }

    /** @return per rendition, what to seal whole and where the sealed file goes */
    List<SealJob> renditionJobs() {
        return pending.stream().map(p -> new SealJob(p.file(), sealedFile(p.file()))).toList();
    }

    /** Step two, prepared: fills in the seals made over {@link #renditionDigests()}, then as {@link #renditionsSealed}. */
    void renditionsSigned(List<byte[]> signatures) {
        try {
            for (int i = 0; i < pending.size(); i++) {
                fill(pending.get(i).staged(), pending.get(i).placeholder(), signatures.get(i));
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            end(List.of(new CaptureProblem(Kind.SEALING_FAILED, bc, "", "the seal could not be written: "
                    + Failures.describe(e))));
            return;
        }
        storeRenditions(null);
    }

    /** Writes a seal into its placeholder, in place, after checking the placeholder is where it should be. */
    private static void fill(Staged staged, SealPlaceholder.Placeholder p, byte[] cms) throws IOException {
        byte[] hex = SealPlaceholder.contents(p, cms);
        SealPlaceholder.checkPlaceholder(p, staged.read(p.contentsStart() - 1, 2));
        staged.write(p.contentsStart(), hex);
    }

    /** A product's append stream, buffered when it goes to a file (the writers write many small pieces). */
    private static OutputStream buffered(Staged staged) throws IOException {
        OutputStream out = staged.append();
        return staged.inMemory() ? out : new BufferedOutputStream(out, 256 * 1024);
    }

    /** Step two, whole: stores the renditions sealed to {@link #renditionJobs()}' targets, then writes the protocol. */
    void renditionsSealed() {
        storeRenditions(pending.stream().map(p -> sealedFile(p.file())).toList());
    }

    /** @param sealed the sealed files, or {@code null} for the staged products (prepared) */
    private void storeRenditions(List<Path> sealed) {
        try {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                ContentInfo stored;
                if (sealed == null) {
                    try (InputStream in = p.staged().read()) {
                        stored = owner.store(p.key(), in, written);
                    }
                    p.staged().close(); // its memory for the next product
                } else {
                    stored = owner.store(p.key(), sealed.get(i), written);
                }
                StoredRendition r = renditions.get(p.index());
                renditions.set(p.index(), new StoredRendition(r.documentId(), r.key(), stored.size(), stored.sha256(),
                        r.pages(), r.reencodedPages()));
            }
            ScanProtocol protocol = ProtocolWriter.protocol(capture(renditions));
            json = ScanProtocolCodec.write(protocol);
            Path pdf = scratch.resolve("protocol.pdf");
            if (prepared.isPresent()) {
                // the protocol PDF is small: written in memory, then with its placeholder to the scratch file
                PreparedSeals spec = prepared.get();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
                ProtocolReport.write(protocol, input.now(), bytes);
                byte[] b = bytes.toByteArray();
                protocolStaged = Staged.create(pdf, b.length + 2L * spec.reserveBytes() + 8192);
                products.add(protocolStaged);
                try (ByteRangeOutput out = new ByteRangeOutput(buffered(protocolStaged), spec.digest().newDigest())) {
                    out.write(b);
                    protocolPlaceholder = SealPlaceholder.append(out, Revision.of(b), Optional.empty(), signature(spec));
                }
                jsonDigest = spec.digest().newDigest().digest(json);
            } else {
                jsonFile = Files.write(scratch.resolve("protocol.json"), json, StandardOpenOption.CREATE_NEW);
                try (OutputStream out = scratchFile(pdf)) {
                    ProtocolReport.write(protocol, input.now(), out);
                }
                protocolPdf = new SealJob(pdf, scratch.resolve("protocol.sealed.pdf"));
                sealedProtocolPdf = protocolPdf.target();
            }
        } catch (ConflictException e) {
            end(List.of(CaseFileCapture.conflict(bc)));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            end(List.of(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "storing the sealed renditions or writing the "
                    + "scan protocol failed: " + Failures.describe(e))));
        }
    }

    /** @return the protocol PDF to seal whole */
    SealJob protocolJob() {
        return protocolPdf;
    }

    /** @return the byte-range digest of the prepared protocol PDF */
    byte[] protocolDigest() {
        return protocolPlaceholder.digest();
    }

    /** @return the content digest of the protocol JSON, for its detached seal */
    byte[] protocolJsonDigest() {
        return jsonDigest;
    }

    /** Step three, prepared: fills in the protocol PDF's seal, then as {@link #finish}. */
    void protocolSigned(byte[] pdfSeal, byte[] jsonSeal, String level) {
        try {
            fill(protocolStaged, protocolPlaceholder, pdfSeal);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            end(List.of(new CaptureProblem(Kind.SEALING_FAILED, bc, "", "the seal could not be written: "
                    + Failures.describe(e))));
            return;
        }
        finish(jsonSeal, level);
    }

    /** @return the protocol JSON, which gets a detached seal */
    Path protocolJson() {
        return jsonFile;
    }

    /** Step three: stores protocol JSON, sealed protocol PDF and the JSON's detached seal, and records the capture. */
    void finish(byte[] detachedSeal, String level) {
        Key protocolJson = StorageKeys.protocolJson(bc, input.index().deliveryId(), number);
        Key protocolPdfKey = StorageKeys.protocolPdf(bc, input.index().deliveryId(), number);
        CaseFileCapture.Recorded recorded;
        try {
            ContentInfo protocolInfo = owner.storage().content().create(protocolJson, new ByteArrayInputStream(json));
            written.add(protocolJson);
            ContentInfo pdfInfo;
            if (protocolStaged != null) {
                try (InputStream in = protocolStaged.read()) {
                    pdfInfo = owner.store(protocolPdfKey, in, written);
                }
            } else {
                pdfInfo = owner.store(protocolPdfKey, sealedProtocolPdf, written);
            }
            Key sealKey = StorageKeys.protocolSeal(protocolJson);
            ContentInfo sealInfo = owner.storage().content().create(sealKey, new ByteArrayInputStream(detachedSeal));
            written.add(sealKey);
            recorded = new CaseFileCapture.Recorded(protocolJson, protocolInfo, protocolPdfKey, pdfInfo, sealInfo, level);
        } catch (ConflictException e) {
            end(List.of(CaseFileCapture.conflict(bc)));
            return;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            end(List.of(new CaptureProblem(Kind.RENDITION_FAILED, bc, "", "scan protocol could not be stored: "
                    + Failures.describe(e))));
            return;
        }
        recording = true; // from here on the journal may name what was written: nothing is removed after a crash
        outcome = owner.record(input.actor(), input.index(), bc, plan.finalDocuments(), renditions, number, written, recorded);
        ended = true;
    }

    /** Ends the capture because the key or the authority gave no seal. */
    void sealingFailed(RuntimeException e) {
        Kind kind = e instanceof TimestampException ? Kind.TIMESTAMP_FAILED
                : e instanceof SealingException || e instanceof EvidenceException ? Kind.SEALING_FAILED : Kind.RENDITION_FAILED;
        String detail = kind == Kind.RENDITION_FAILED ? "sealing failed: " + Failures.describe(e) : e.getMessage();
        end(List.of(new CaptureProblem(kind, bc, "", detail)));
    }

    /**
     * Ends the capture after a step failed unexpectedly. Its objects are removed if the step failed
     * before recording began; after, they stay: recording may have appended the event before it
     * failed, as for an unsealed capture.
     */
    void crashed(CaptureProblem problem) {
        abandon();
        outcome = new CaseFileOutcome.Rejected(bc, List.of(problem));
        ended = true;
    }

    /**
     * Removes what the capture stored after a step threw, unless recording had begun: then the
     * journal may name it, and it stays.
     */
    void abandon() {
        if (!recording) {
            written.forEach(owner::deleteQuietly);
            written.clear();
        }
    }

    /** @return the case file's barcode, for problems */
    String barcode() {
        return bc;
    }

    private void end(List<CaptureProblem> problems) {
        written.forEach(owner::deleteQuietly);
        written.clear();
        outcome = new CaseFileOutcome.Rejected(bc, problems);
        ended = true;
    }

    private SealPlaceholder.Signature signature(PreparedSeals spec) {
        return new SealPlaceholder.Signature(input.now(), spec.reason(), spec.reserveBytes());
    }

    private ProtocolWriter.Capture capture(List<StoredRendition> withRenditions) {
        return new ProtocolWriter.Capture(input.actor(), input.index(), input.entry(), input.where(), plan.finalDocuments(),
                input.pages(), withRenditions, rendered, input.previous(), input.now(), input.minimumDpi(), texts,
                input.lowConfidence());
    }

    private static Path sealedFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".sealed");
    }

    /**
     * A new scratch file, buffered: the PDF writers write many small pieces (PDFBox writes hex
     * strings a byte at a time), and each would otherwise be a system call.
     */
    private static OutputStream scratchFile(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 256 * 1024);
    }

    @Override
    public void close() {
        products.forEach(Staged::close);
        RescanMerge.deleteTree(scratch);
    }
}
