package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A specialist procedure in memory, for tests: e-files, idempotent imports, and a far side the test
 * controls. By default imports are accepted at once; in {@linkplain #decideManually() manual mode}
 * they stay pending until {@link #accept} or {@link #reject}. An import into an e-file it does not
 * hold is rejected at once with reason {@code EFILE_UNKNOWN}. E-files are found by subject under the
 * rules of {@link SubjectMatching}, by AZR number exactly. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InMemorySpecialistProcedure implements SpecialistProcedure {

    /**
     * What arrived for one import.
     *
     * @param pkg the package as handed over
     * @param itemHashes the SHA-256 of each item's bytes as read, in package order
     */
    public record Received(ImportPackage pkg, List<String> itemHashes) {
        /**
         * Copies the list.
         *
         * @param pkg the package as handed over
         * @param itemHashes the SHA-256 of each item's bytes as read, in package order
         */
        public Received {
            itemHashes = List.copyOf(itemHashes);
        }
    }

    private final Clock clock;
    private final Map<String, EFile> byKey = new HashMap<>();
    private final Map<String, EFile> byId = new LinkedHashMap<>();
    private final Map<String, SubjectQuery> subjects = new LinkedHashMap<>();
    private final Map<String, ImportOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, List<Received>> received = new HashMap<>();
    private final List<Received> arrivals = new ArrayList<>();
    private boolean manual;
    private int unavailable;
    private long nextId = 1;

    /** Creates an empty procedure on the system clock. */
    public InMemorySpecialistProcedure() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock receipts are stamped with */
    public InMemorySpecialistProcedure(Clock clock) {
        this.clock = clock;
    }

    /** Imports stay pending until the test calls {@link #accept} or {@link #reject}. */
    public synchronized void decideManually() {
        manual = true;
    }

    /** @param calls how many of the next calls shall throw {@link UnavailableException} */
    public synchronized void failNext(int calls) {
        unavailable = calls;
    }

    /**
     * Accepts a pending import.
     *
     * @param idempotencyKey the import
     */
    public synchronized void accept(String idempotencyKey) {
        ImportOutcome o = pending(idempotencyKey);
        ImportPackage p = received.get(idempotencyKey).get(0).pkg();
        outcomes.put(idempotencyKey, new ImportOutcome.Accepted(o.idempotencyKey(), "RCPT-" + nextId++, p.eFileId(),
                clock.instant()));
    }

    /**
     * Rejects a pending import.
     *
     * @param idempotencyKey the import
     * @param reasonCode why
     */
    public synchronized void reject(String idempotencyKey, String reasonCode) {
        pending(idempotencyKey);
        outcomes.put(idempotencyKey, new ImportOutcome.Rejected(idempotencyKey, reasonCode, "rejected by the test"));
    }

    private ImportOutcome pending(String key) {
        ImportOutcome o = outcomes.get(key);
        if (o == null) {
            throw new NotFoundException(key);
        }
        if (!(o instanceof ImportOutcome.Pending)) {
            throw new IllegalStateException("import " + key + " is already decided");
        }
        return o;
    }

    /**
     * @param idempotencyKey an import
     * @return what arrived under that key, once per time documents were actually imported
     */
    public synchronized List<Received> received(String idempotencyKey) {
        return List.copyOf(received.getOrDefault(idempotencyKey, List.of()));
    }

    /** @return everything that arrived, under any key, once per time documents were actually imported, in that order */
    public synchronized List<Received> received() {
        return List.copyOf(arrivals);
    }

    /** @return every e-file, in creation order */
    public synchronized List<EFile> eFiles() {
        return List.copyOf(byId.values());
    }

    /** @return every import handed over, by idempotency key in the order they arrived, with its current outcome */
    public synchronized Map<String, ImportOutcome> imports() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    private void maybeFail(String what) {
        if (unavailable > 0) {
            unavailable--;
            throw new UnavailableException(what + " failed (injected)", null);
        }
    }

    @Override
    public synchronized Optional<EFile> findByFileReference(String fileReference) {
        maybeFail("findByFileReference");
        return byId.values().stream().filter(e -> e.fileReference().equals(fileReference)).findFirst();
    }

    @Override
    public synchronized List<EFile> findByAzrNumber(String azrNumber) {
        Objects.requireNonNull(azrNumber, "azrNumber");
        maybeFail("findByAzrNumber");
        List<EFile> out = new ArrayList<>();
        for (Map.Entry<String, SubjectQuery> e : subjects.entrySet()) {
            if (azrNumber.equals(e.getValue().azrNumber())) {
                out.add(byId.get(e.getKey()));
            }
        }
        return out;
    }

    @Override
    public synchronized List<EFile> findBySubject(SubjectQuery subject) {
        Objects.requireNonNull(subject, "subject");
        maybeFail("findBySubject");
        String wanted = SubjectMatching.key(subject);
        List<EFile> out = new ArrayList<>();
        for (Map.Entry<String, SubjectQuery> e : subjects.entrySet()) {
            if (wanted.equals(SubjectMatching.key(e.getValue()))) {
                out.add(byId.get(e.getKey()));
            }
        }
        return out;
    }

    @Override
    public synchronized EFile createEFile(EFileRequest request) {
        maybeFail("createEFile");
        EFile existing = byKey.get(request.idempotencyKey());
        if (existing != null) {
            return existing;
        }
        EFile e = new EFile("EAKTE-" + nextId++, request.fileReference());
        byKey.put(request.idempotencyKey(), e);
        byId.put(e.id(), e);
        subjects.put(e.id(), request.subject());
        return e;
    }

    @Override
    public synchronized ImportOutcome importPackage(ImportPackage pkg) {
        maybeFail("importPackage");
        ImportOutcome known = outcomes.get(pkg.idempotencyKey());
        if (known != null) {
            return known;
        }
        if (!byId.containsKey(pkg.eFileId())) {
            ImportOutcome unknown = new ImportOutcome.Rejected(pkg.idempotencyKey(), "EFILE_UNKNOWN",
                    "no e-file with the package's id");
            outcomes.put(pkg.idempotencyKey(), unknown);
            return unknown;
        }
        List<String> hashes = new ArrayList<>();
        List<PackageItem> items = new ArrayList<>(pkg.documents());
        items.add(pkg.scanProtocol());
        for (PackageItem item : items) {
            hashes.add(verify(pkg.idempotencyKey(), item));
        }
        Received arrived = new Received(pkg, hashes);
        received.computeIfAbsent(pkg.idempotencyKey(), k -> new ArrayList<>()).add(arrived);
        arrivals.add(arrived);
        ImportOutcome outcome = manual ? new ImportOutcome.Pending(pkg.idempotencyKey(), Duration.ofSeconds(1))
                : new ImportOutcome.Accepted(pkg.idempotencyKey(), "RCPT-" + nextId++, pkg.eFileId(), clock.instant());
        outcomes.put(pkg.idempotencyKey(), outcome);
        return outcome;
    }

    private static String verify(String key, PackageItem item) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (InputStream in = item.content().open()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UnavailableException("reading item " + item.name() + " of import " + key + " failed", e);
        }
        String hash = HexFormat.of().formatHex(md.digest());
        if (size != item.size() || !hash.equals(item.sha256())) {
            throw new IntegrityException(key + "/" + item.name(), "expected " + item.size() + " bytes with SHA-256 "
                    + item.sha256() + ", read " + size + " bytes with SHA-256 " + hash);
        }
        return hash;
    }

    @Override
    public synchronized ImportOutcome status(String idempotencyKey) {
        maybeFail("status");
        ImportOutcome o = outcomes.get(idempotencyKey);
        if (o == null) {
            throw new NotFoundException(idempotencyKey);
        }
        return o;
    }
}
