package io.github.aktenlift.examples.cli;

import org.junit.jupiter.api.Assumptions;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The official xdomea 3.0.0 schema (KoSIT), for the tests only; it is never committed here. The
 * same loader as adapters-xdomea's tests (test code is not shared between modules).
 *
 * <p>Where it comes from, first match wins: the directory in {@code -Daktenlift.xdomea.schemaDir}
 * (holding {@code xdomea_3.0.0/} and {@code xoev/}); else the git mirror of
 * {@code Landesarchiv-Thueringen/xdomea_toolkit} in {@code -Daktenlift.xdomea.schemaMirror} (the
 * POM's default is the machine's mirror), from which commit {@value #COMMIT} — pinned, so the
 * bytes are fixed by git's hashes — is extracted into {@code target/xdomea-schemes}. If neither
 * is there, every test that needs the schema is skipped with a message saying so.
 */
final class OfficialSchema {

    /** The pinned commit of Landesarchiv-Thueringen/xdomea_toolkit. */
    static final String COMMIT = "3b2559e8f90eb3b28123f68469f9b07511f440cd";

    private static Schema schema;
    private static String unavailable;

    private OfficialSchema() {
    }

    /** @return the schema; skips the calling test (JUnit assumption) if it cannot be found */
    static synchronized Schema get() {
        if (schema == null && unavailable == null) {
            try {
                schema = load();
            } catch (IOException | RuntimeException | org.xml.sax.SAXException | InterruptedException e) {
                unavailable = "the official xdomea 3.0.0 schema could not be loaded: " + e;
            }
        }
        Assumptions.assumeTrue(schema != null, () -> unavailable);
        return schema;
    }

    /** Validates XML bytes against the schema; a failure names line, column and the rule. */
    static void validate(byte[] xml) throws Exception {
        Validator v = get().newValidator();
        v.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static Schema load() throws IOException, org.xml.sax.SAXException, InterruptedException {
        Path dir = locate();
        if (dir == null) {
            return null;
        }
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // the schema's own includes and imports are local files; nothing from the network
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return f.newSchema(dir.resolve("xdomea_3.0.0/xdomea.xsd").toFile());
    }

    private static Path locate() throws IOException, InterruptedException {
        String given = System.getProperty("aktenlift.xdomea.schemaDir", "");
        if (!given.isBlank()) {
            Path d = Path.of(given);
            if (!Files.isRegularFile(d.resolve("xdomea_3.0.0/xdomea.xsd"))) {
                throw new IllegalStateException("-Daktenlift.xdomea.schemaDir=" + d + " holds no xdomea_3.0.0/xdomea.xsd");
            }
            return d;
        }
        String mirror = System.getProperty("aktenlift.xdomea.schemaMirror", "");
        Path target = Path.of(System.getProperty("aktenlift.xdomea.schemaTarget", "target/xdomea-schemes")).resolve(COMMIT);
        Path schemes = target.resolve("message_generation/schemes");
        if (Files.isRegularFile(schemes.resolve("xdomea_3.0.0/xdomea.xsd"))) {
            return schemes;
        }
        if (mirror.isBlank() || !Files.isDirectory(Path.of(mirror))) {
            unavailable = "the official xdomea 3.0.0 schema is not on this machine: no git mirror at '" + mirror
                    + "' (-Daktenlift.xdomea.schemaMirror) and no -Daktenlift.xdomea.schemaDir; see docs/xdomea.md";
            return null;
        }
        Files.createDirectories(target);
        // every JVM extracts into a directory of its own and the first to finish moves it into place:
        // test JVMs of one module run side by side
        Path staging = Files.createTempDirectory(target, "extract");
        Path zip = staging.resolve("schemes.zip");
        Process p = new ProcessBuilder("git", "--git-dir=" + mirror, "archive", "--format=zip", "-o", zip.toString(), COMMIT,
                "message_generation/schemes/xdomea_3.0.0", "message_generation/schemes/xoev")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            unavailable = "the git mirror at '" + mirror + "' does not give commit " + COMMIT + " of xdomea_toolkit";
            return null;
        }
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path out = staging.resolve(e.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("unexpected entry in the schema archive");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try {
            Files.move(staging.resolve("message_generation"), target.resolve("message_generation"),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(schemes.resolve("xdomea_3.0.0/xdomea.xsd"))) {
                throw e;
            }
            // another JVM was first: its copy is the same commit's
        }
        return schemes;
    }
}
