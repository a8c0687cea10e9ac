package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The e-file registry is read incrementally (a file is parsed again only when it changed), and
 * still sees every change the procedure's side makes between two look-ups.
 */
class HotfolderRegistryTest {

    @TempDir
    Path dir;

    private static SubjectQuery subject(String surname) {
        return new SubjectQuery(surname, "Given", LocalDate.of(1990, 1, 1), null);
    }

    /** Writes a registry file the way the far side must: under a temporary name, then renamed. */
    private void farSideWrites(String id, String reference) throws Exception {
        Path efiles = dir.resolve("hf/efiles");
        Path tmp = efiles.resolve(id + ".json.part");
        Files.writeString(tmp, "{ \"id\" : \"" + id + "\", \"fileReference\" : \"" + reference + "\" }",
                StandardCharsets.UTF_8);
        Files.move(tmp, efiles.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @DisplayName("e-files added, replaced (even at the same size) and removed between look-ups are seen at the next one")
    void changesBetweenLookUpsAreSeen() throws Exception {
        HotfolderProcedure hf = HotfolderProcedure.open(dir.resolve("hf"), Map.of());
        EFile created = hf.createEFile(new EFileRequest("create-1", "AB-2026/4711", subject("Alpha")));
        assertThat(hf.findByFileReference("AB-2026/4711")).contains(created);
        assertThat(hf.findBySubject(subject("Alpha"))).containsExactly(created);

        farSideWrites("EF-FAR1", "AB-2026/0001");
        assertThat(hf.findByFileReference("AB-2026/0001")).contains(new EFile("EF-FAR1", "AB-2026/0001"));

        // the same number of bytes, replaced at once: the file key (a new inode) tells the change
        farSideWrites("EF-FAR1", "AB-2026/0002");
        assertThat(hf.findByFileReference("AB-2026/0001")).isEmpty();
        assertThat(hf.findByFileReference("AB-2026/0002")).contains(new EFile("EF-FAR1", "AB-2026/0002"));

        Files.delete(dir.resolve("hf/efiles/EF-FAR1.json"));
        assertThat(hf.findByFileReference("AB-2026/0002")).isEmpty();
        assertThat(hf.findByFileReference("AB-2026/4711")).contains(created);

        // a directory that settled long ago is trusted by its modification time; a rename moves it
        Path efiles = dir.resolve("hf/efiles");
        Files.setLastModifiedTime(efiles, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(hf.findByFileReference("AB-2026/4711")).contains(created);
        assertThat(hf.findByFileReference("AB-2026/0003")).isEmpty();
        farSideWrites("EF-FAR2", "AB-2026/0003");
        assertThat(hf.findByFileReference("AB-2026/0003")).contains(new EFile("EF-FAR2", "AB-2026/0003"));
        Files.setLastModifiedTime(efiles, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(hf.findByFileReference("AB-2026/0003")).isPresent();
        Files.delete(efiles.resolve("EF-FAR2.json"));
        assertThat(hf.findByFileReference("AB-2026/0003")).isEmpty();

        // a second instance on the same directory sees what the first created
        HotfolderProcedure other = HotfolderProcedure.open(dir.resolve("hf"), Map.of());
        EFile second = hf.createEFile(new EFileRequest("create-2", "AB-2026/4712", subject("Beta")));
        assertThat(other.findByFileReference("AB-2026/4712")).contains(second);
        assertThat(other.findBySubject(subject("Beta"))).containsExactly(second);
        assertThat(other.findBySubject(subject("Alpha"))).containsExactly(created);
    }

    @Test
    @DisplayName("a link in the registry is refused with IntegrityException naming the file, not followed")
    void linkRefused() throws Exception {
        HotfolderProcedure hf = HotfolderProcedure.open(dir.resolve("hf"), Map.of());
        Path outside = Files.writeString(dir.resolve("outside.json"), "{ \"id\" : \"EF-X\", \"fileReference\" : \"AB-1\" }");
        Files.createSymbolicLink(dir.resolve("hf/efiles/EF-X.json"), outside);
        assertThatThrownBy(() -> hf.findByFileReference("AB-1")).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("efiles/EF-X.json");
    }
}
