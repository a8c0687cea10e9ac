package io.github.aktenlift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The README's "API status" table against the code: every package an Aktenlift module exports is
 * in the table (a qualified export as INTERNAL), every public top-level type in it carries
 * {@code @API} with the package's status, and nothing in the table is missing from the modules.
 * Reads the modules' own descriptors (module-info.class) from the class path, so a new module or
 * export that the table does not know fails here.
 */
@DisplayName("API status: README table, module exports and @API annotations agree")
class ApiStatusTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(io\\.github\\.aktenlift[a-z0-9.]*)` \\| (STABLE|EXPERIMENTAL|INTERNAL) \\|$");

    static Map<String, String> table;
    static Map<String, String> exports;
    static JavaClasses classes;

    @BeforeAll
    static void read() throws IOException {
        table = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                table.put(m.group(1), m.group(2));
            }
        }
        exports = new TreeMap<>();
        for (URL url : Collections.list(ClassLoader.getSystemResources("module-info.class"))) {
            try (InputStream in = url.openStream()) {
                ModuleDescriptor d = ModuleDescriptor.read(in);
                if (!d.name().startsWith("io.github.aktenlift")) {
                    continue;
                }
                for (ModuleDescriptor.Exports e : d.exports()) {
                    exports.put(e.source(), e.isQualified() ? "INTERNAL" : null);
                }
            }
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(exports.keySet());
    }

    @Test
    @DisplayName("the modules on the class path are all nine library modules")
    void allModules() {
        assertThat(exports.keySet()).contains("io.github.aktenlift.spi", "io.github.aktenlift",
                "io.github.aktenlift.testkit", "io.github.aktenlift.testkit.evidence",
                "io.github.aktenlift.adapters.filesystem", "io.github.aktenlift.adapters.s3",
                "io.github.aktenlift.adapters.xdomea", "io.github.aktenlift.adapters.sealing");
    }

    @Test
    @DisplayName("every exported package is in the README's table, and nothing else is")
    void tableMatchesExports() {
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(exports.keySet());
        exports.forEach((pkg, qualified) -> {
            if (qualified != null) {
                assertThat(table.get(pkg)).as(pkg + " is exported only to named modules").isEqualTo("INTERNAL");
            }
        });
    }

    @Test
    @DisplayName("every public top-level type of an exported package carries @API with its package's status")
    void everyTypeAnnotated() throws ClassNotFoundException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : classes) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC) || !c.isTopLevelClass()
                    || !exports.containsKey(c.getPackageName()) || c.getSimpleName().equals("package-info")) {
                continue;
            }
            checked++;
            API api = Class.forName(c.getName(), false, getClass().getClassLoader()).getAnnotation(API.class);
            String expected = table.get(c.getPackageName());
            if (api == null) {
                wrong.add(c.getName() + ": no @API (expected " + expected + ")");
            } else if (!api.status().name().equals(expected)) {
                wrong.add(c.getName() + ": @API " + api.status() + ", its package is " + expected);
            } else if (api.since().isEmpty()) {
                wrong.add(c.getName() + ": @API without since");
            }
        }
        assertThat(wrong).as("types whose API status disagrees with the README").isEmpty();
        assertThat(checked).as("public types checked").isGreaterThan(200);
    }
}
