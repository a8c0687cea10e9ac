package io.github.aktenlift.examples.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's workspace with one byte changed in its journal, checkpoints, head record, subject
 * register, a scan protocol, a protocol PDF or a rendition: {@code verify --deep} exits 3 and names
 * what changed, and the workspace is byte for byte what it was — every file, size, modification
 * time and directory — before and after; so are {@code status} and {@code history}.
 */
@DisplayName("aktenlift verify --deep")
class VerifyDeepTest {

    @TempDir
    static Path tmp;

    private static Path demo;

    @BeforeAll
    static void demoWorkspace() {
        demo = SharedDemo.workspace();
    }

    @Test
    @DisplayName("of the untouched demo workspace exits 0, having read every stored object, and changes nothing")
    void intact() throws IOException {
        String before = Trees.digest(demo);
        Cli.Run run = Cli.run("verify", "--deep", "--dir", demo.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("journal intact").contains("head record matches")
                .containsPattern("objects intact: \\d+ stored objects");
        for (String[] args : List.of(new String[] {"status", "--dir", demo.toString()},
                new String[] {"verify", "--dir", demo.toString(), "--json"})) {
            assertThat(Cli.run(args).exitCode()).isZero();
        }
        assertThat(Trees.digest(demo)).isEqualTo(before);
    }

    @Test
    @DisplayName("checks every seal and timestamp of the demo's high-protection case files against the workspace's trust anchor")
    void sealsChecked() {
        Cli.Run run = Cli.run("verify", "--deep", "--dir", demo.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("seals: (\\d+) sealed objects checked .*, (\\d+) passed")
                .matcher(run.out());
        assertThat(m.find()).as("%s", run.out()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isPositive().isEqualTo(Integer.parseInt(m.group(2)));
        assertThat(run.out()).containsPattern("checkpoint timestamps: [1-9]\\d* RFC 3161 tokens checked");
    }

    @Test
    @DisplayName("with one byte changed in a sealed rendition exits 3 and names the rendition and its broken seal")
    void sealedRenditionChanged() throws IOException {
        Path copy = tmp.resolve("copy-sealed");
        Trees.copy(demo, copy);
        Path file;
        try (Stream<Path> s = Files.walk(copy.resolve("storage"))) {
            file = s.filter(Files::isRegularFile)
                    .filter(p -> decoded(copy.resolve("storage").relativize(p)).contains("content/renditions/"))
                    .filter(p -> p.getFileName().toString().endsWith(".pdf"))
                    .filter(VerifyDeepTest::sealed).sorted().findFirst().orElseThrow();
        }
        String key = decoded(copy.resolve("storage").relativize(file)).replaceFirst("^content/", "");
        flip(file, 0.3);
        Cli.Run run = Cli.run("verify", "--deep", "--dir", copy.toString());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(run.out()).contains("SEAL_BROKEN " + key).contains("BROKEN " + key);
    }

    private static boolean sealed(Path pdf) {
        try {
            return new String(Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1).contains("/ByteRange");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One object of each kind, and where in it to change a byte. */
    record Target(String name, String pathPart, String suffix, double where, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Target> targets() {
        return Stream.of(
                new Target("the newest journal batch", "logs/journal/events", "~l", 0.999, "journal BROKEN"),
                new Target("a middle journal batch", "logs/journal/events", "~l", 0.5, "journal BROKEN"),
                new Target("the checkpoints", "logs/journal/checkpoints", "~l", 0.9, "journal BROKEN"),
                new Target("the head record", "records/journal/head", "", 0.9, "BROKEN"),
                new Target("the subject register", "logs/subjects/entries", "~l", 0.5, "subjects/entries"),
                new Target("a scan protocol", "content/protocols/", ".json", 0.7, "protocols/"),
                new Target("a protocol PDF", "content/protocols/", ".pdf", 0.5, "protocols/"),
                new Target("a rendition", "content/renditions/", ".pdf", 0.5, "renditions/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @DisplayName("with one byte changed exits 3, names what changed, and leaves the workspace as it found it")
    void oneByteChanged(Target target) throws IOException {
        Path copy = tmp.resolve("copy-" + target.name().replace(' ', '-'));
        Trees.copy(demo, copy);
        Path file = find(copy.resolve("storage"), target);
        flip(file, target.where());
        String before = Trees.digest(copy);

        Cli.Run run = Cli.run("verify", "--deep", "--dir", copy.toString());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(run.out() + run.err()).contains(target.named()).doesNotContain("\tat ");
        Cli.Run status = Cli.run("status", "--dir", copy.toString());
        assertThat(status.err()).doesNotContain("\tat ");
        assertThat(Trees.digest(copy)).as("verify and status changed the workspace").isEqualTo(before);
    }

    private static Path find(Path storage, Target t) throws IOException {
        try (Stream<Path> s = Files.walk(storage)) {
            List<Path> found = s.filter(Files::isRegularFile)
                    .filter(p -> decoded(storage.relativize(p)).contains(t.pathPart()))
                    .filter(p -> p.getFileName().toString().endsWith(t.suffix()))
                    .sorted().toList();
            assertThat(found).as("files for %s", t).isNotEmpty();
            return found.get(found.size() / 2);
        }
    }

    /** The filesystem adapter escapes some characters as %XX in names; compare paths without the escapes. */
    private static String decoded(Path relative) {
        StringBuilder b = new StringBuilder();
        String s = relative.toString();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString().replace("~l", "").replace("~o", "").replace("~r", "");
    }

    private static void flip(Path file, double where) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = Math.min(f.length() - 1, Math.max(0, (long) (f.length() * where)));
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
    }
}
