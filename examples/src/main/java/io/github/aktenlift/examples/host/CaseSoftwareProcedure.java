package io.github.aktenlift.examples.host;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The case software as Aktenlift's specialist procedure: a custom {@link SpecialistProcedure}
 * adapter, built in code by the host (an in-process adapter needs no provider and no URI).
 *
 * <ul>
 *   <li>E-files are the case software's own; Aktenlift's idempotency key is kept with them as
 *       the external key, so a repeated request finds the e-file it created.</li>
 *   <li>An import reads every item, checking its size and SHA-256, before anything reaches the
 *       case software: a mismatch is {@link IntegrityException} and nothing is handed in. The
 *       documents then wait in the inbox: the import is pending until a clerk files them (accepted,
 *       with the receipt) or refuses them (rejected, with the reason).</li>
 *   <li>Nothing personal leaves through messages: exceptions name keys and ids only.</li>
 * </ul>
 *
 * <p>Thread-safe, as the case software is.
 *
 * @since 0.1
 */
public final class CaseSoftwareProcedure implements SpecialistProcedure {

    /** How long Aktenlift should wait before asking again about an import a clerk has not decided. */
    static final Duration ASK_AGAIN = Duration.ofMinutes(15);
    /** Items larger than this are refused: the case software keeps documents in memory. */
    static final long MAX_ITEM_BYTES = 256L << 20;

    private final CaseSoftware cases;

    /** @param cases the case software to file into */
    public CaseSoftwareProcedure(CaseSoftware cases) {
        this.cases = Objects.requireNonNull(cases, "cases");
    }

    @Override
    public Optional<EFile> findByFileReference(String fileReference) {
        return cases.eFileByReference(fileReference).map(id -> new EFile(id, fileReference));
    }

    @Override
    public List<EFile> findByAzrNumber(String azrNumber) {
        return cases.eFilesWithAzrNumber(azrNumber).stream().map(id -> new EFile(id, cases.referenceOf(id))).toList();
    }

    @Override
    public List<EFile> findBySubject(SubjectQuery subject) {
        return cases.eFilesOf(person(subject)).stream().map(id -> new EFile(id, cases.referenceOf(id))).toList();
    }

    @Override
    public EFile createEFile(EFileRequest request) {
        String id = cases.openEFile(request.fileReference(), person(request.subject()), request.idempotencyKey());
        return new EFile(id, cases.referenceOf(id));
    }

    @Override
    public ImportOutcome importPackage(ImportPackage pkg) {
        Objects.requireNonNull(pkg, "pkg");
        if (cases.submissionByExternalKey(pkg.idempotencyKey()).isPresent()) {
            return status(pkg.idempotencyKey()); // handed in before: never twice
        }
        List<PackageItem> items = new ArrayList<>(pkg.documents());
        items.add(pkg.scanProtocol());
        List<CaseSoftware.Document> documents = new ArrayList<>();
        for (PackageItem item : items) {
            documents.add(new CaseSoftware.Document(item.name(), item.documentType(), read(pkg.idempotencyKey(), item)));
        }
        try {
            cases.submit(pkg.eFileId(), documents, pkg.idempotencyKey());
        } catch (IllegalArgumentException e) {
            return new ImportOutcome.Rejected(pkg.idempotencyKey(), "UNKNOWN_EFILE", "no e-file " + pkg.eFileId());
        }
        return status(pkg.idempotencyKey());
    }

    @Override
    public ImportOutcome status(String idempotencyKey) {
        CaseSoftware.Submission s = cases.submissionByExternalKey(idempotencyKey)
                .orElseThrow(() -> new NotFoundException(idempotencyKey));
        return switch (s.status()) {
            case WAITING -> new ImportOutcome.Pending(idempotencyKey, ASK_AGAIN);
            case FILED -> new ImportOutcome.Accepted(idempotencyKey, s.receipt(), s.eFileId(), s.decidedAt());
            case REFUSED -> new ImportOutcome.Rejected(idempotencyKey, s.reason(), "refused by a clerk of the office");
        };
    }

    private static CaseSoftware.Person person(SubjectQuery q) {
        return new CaseSoftware.Person(q.surname(), q.givenNames(), q.dateOfBirth(), q.azrNumber());
    }

    /** Reads an item whole, checking its size and SHA-256 on the way. */
    private static byte[] read(String key, PackageItem item) {
        if (item.size() > MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("item " + item.name() + " of import " + key + " is larger than "
                    + MAX_ITEM_BYTES + " bytes");
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) item.size());
        try (InputStream in = item.content().open()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
                bytes.write(buf, 0, n);
                if (bytes.size() > item.size()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UnavailableException("reading item " + item.name() + " of import " + key + " failed", e);
        }
        String sha256 = HexFormat.of().formatHex(md.digest());
        if (bytes.size() != item.size() || !sha256.equals(item.sha256())) {
            throw new IntegrityException(key + "/" + item.name(), "declared " + item.size() + " bytes with SHA-256 "
                    + item.sha256() + ", read " + bytes.size() + " bytes with SHA-256 " + sha256);
        }
        return bytes.toByteArray();
    }
}
