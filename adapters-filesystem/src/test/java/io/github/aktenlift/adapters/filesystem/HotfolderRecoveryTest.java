package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hotfolder hands a package over exactly once, also after a crash and under concurrency. */
class HotfolderRecoveryTest {

    @TempDir
    Path dir;

    private HotfolderProcedure open() {
        return HotfolderProcedure.open(dir.resolve("hf"), Map.of());
    }

    private static PackageItem item(String name, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new PackageItem(name, "APPLICATION", "application/pdf", bytes.length, sha, () -> new ByteArrayInputStream(bytes));
    }

    private ImportPackage pkg(String key, EFile e) throws Exception {
        return new ImportPackage(key, e.id(), e.fileReference(), List.of(item("doc-1.pdf", "%PDF- " + key)),
                item("protocol.json", "{}"), Map.of("barcode", "F000000017X"));
    }

    private List<String> inbox() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("hf/inbox"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("a crash between the hand-over record and the rename is finished by the retry, not repeated")
    void renameFinishedOnRetry() throws Exception {
        HotfolderProcedure hf = open();
        EFile e = hf.createEFile(new EFileRequest("c-1", "AB-1", new SubjectQuery("S", "G", LocalDate.of(1990, 1, 1), null)));
        hf.importPackage(pkg("Import-1", e));
        String name = HotfolderProcedure.packageName("Import-1");
        // as if the process died after writing state/ but before the rename
        Files.move(dir.resolve("hf/inbox").resolve(name), dir.resolve("hf/inbox").resolve("." + name + ".tmp"));
        ImportOutcome again = open().importPackage(pkg("Import-1", e));
        assertThat(again).isInstanceOf(ImportOutcome.Pending.class);
        assertThat(inbox()).containsExactly(name);
        assertThat(Files.readString(dir.resolve("hf/inbox").resolve(name).resolve("doc-1.pdf"))).isEqualTo("%PDF- Import-1");
    }

    @Test
    @DisplayName("a half-built package from a crash before the hand-over record is built again from scratch")
    void halfBuiltRebuilt() throws Exception {
        HotfolderProcedure hf = open();
        EFile e = hf.createEFile(new EFileRequest("c-1", "AB-1", new SubjectQuery("S", "G", LocalDate.of(1990, 1, 1), null)));
        String name = HotfolderProcedure.packageName("import-2");
        Path stale = Files.createDirectories(dir.resolve("hf/inbox").resolve("." + name + ".tmp"));
        Files.writeString(stale.resolve("doc-1.pdf"), "%PDF- trunc");
        assertThat(hf.importPackage(pkg("import-2", e))).isInstanceOf(ImportOutcome.Pending.class);
        assertThat(inbox()).containsExactly(name);
        assertThat(Files.readString(dir.resolve("hf/inbox").resolve(name).resolve("doc-1.pdf"))).isEqualTo("%PDF- import-2");
    }

    @Test
    @DisplayName("eight threads handing over the same key produce one package")
    void concurrentSameKey() throws Exception {
        HotfolderProcedure hf = open();
        EFile e = hf.createEFile(new EFileRequest("c-1", "AB-1", new SubjectQuery("S", "G", LocalDate.of(1990, 1, 1), null)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ImportOutcome>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> hf.importPackage(pkg("same", e))));
            }
            for (Future<ImportOutcome> f : all) {
                assertThat(f.get()).isInstanceOf(ImportOutcome.Pending.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(inbox()).containsExactly("same");
    }
}
