package io.github.aktenlift;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.github.aktenlift.casefile.PlantedLeak;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.tracking.query.TrackingQueries;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The layout of core's inside, as rules that fail the build: packages free of cycles, no internal
 * type in an exported package's public signature, only the public face in the root package, and
 * classes short enough to read. Each rule is also shown to fire on a planted violation.
 */
@DisplayName("Core's architecture")
class ArchitectureTest {

    private static final String ROOT = "io.github.aktenlift";

    /** core's main classes, read from where they were compiled (not testkit's or spi's, nor the tests). */
    private static JavaClasses core;
    private static Set<String> exported;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        Path classes = Path.of(Aktenlift.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        core = new ClassFileImporter().importPath(classes);
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            exported = ModuleDescriptor.read(in).exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Every package is its own slice. The root package is left out: it is the facade whose builder
     * wires every stage, and it holds the exception types everything throws — a cycle with the
     * root is the shape of the public API (a {@code Barcode} throws {@code InvalidValueException};
     * {@code Aktenlift.subject(Barcode)} takes one), not a tangle inside.
     *
     * <p>One edge of the exported API is known and allowed, because removing it would change a
     * public signature: {@code logistics.PickupProposal} lists the waiting files as
     * {@code tracking.WorkItem}s, while {@code tracking.BoxStatus} speaks of {@code logistics}'
     * box states and seals. Every other cycle fails.
     */
    private static SliceRule noCycles() {
        return slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(ROOT + ".logistics"),
                        JavaClass.Predicates.equivalentTo(io.github.aktenlift.tracking.WorkItem.class));
    }

    private static ArchRule noInternalTypeInExportedSignatures() {
        return classes().that().arePublic().and().resideInAnyPackage(exported.toArray(String[]::new))
                .should(new ArchCondition<JavaClass>("expose only exported types") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (String v : internalTypesIn(c)) {
                            events.add(SimpleConditionEvent.violated(c, v));
                        }
                    }
                });
    }

    @Test
    @DisplayName("core exports exactly the packages it exported before the internals moved, digital intake, the scan service's delivery tools, metrics and the reports")
    void exportsUnchanged() {
        assertThat(exported).containsExactly(ROOT, ROOT + ".capture", ROOT + ".casefile", ROOT + ".delivery", ROOT + ".efile",
                ROOT + ".intake", ROOT + ".inventory", ROOT + ".logistics", ROOT + ".metrics", ROOT + ".rendition", ROOT + ".report",
                ROOT + ".retention", ROOT + ".tracking");
    }

    @Test
    @DisplayName("has no import cycle between its packages")
    void noPackageCycles() {
        noCycles().check(core);
    }

    @Test
    @DisplayName("reaches no internal package from an exported package's public signature")
    void exportedSignaturesAreExported() {
        noInternalTypeInExportedSignatures().check(core);
    }

    @Test
    @DisplayName("keeps only public types in the root package: no package-private service lives there")
    void rootIsThePublicFace() {
        List<String> hidden = core.stream().filter(c -> c.getPackageName().equals(ROOT) && c.isTopLevelClass())
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .filter(c -> !c.getModifiers().contains(JavaModifier.PUBLIC)).map(JavaClass::getSimpleName).toList();
        assertThat(hidden).isEmpty();
    }

    @Test
    @DisplayName("has no class over 500 lines unless its Javadoc says why it is long")
    void shortClasses() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.size() > 500 && lines.stream().noneMatch(l -> l.contains("Why this class is long:"))) {
                    tooLong.add(src.relativize(f) + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(tooLong).isEmpty();
    }

    @Nested
    @DisplayName("fires on a planted violation")
    class Fires {

        @Test
        @DisplayName("a cycle between two packages")
        void cycle() throws ClassNotFoundException {
            JavaClasses planted = new ClassFileImporter().importClasses(CommandLoop.class, TrackingQueries.class,
                    Class.forName(ROOT + ".lifecycle.PlantedCycle"));
            assertThatThrownBy(() -> noCycles().check(planted)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("lifecycle").hasMessageContaining("tracking.query");
        }

        @Test
        @DisplayName("an internal type in an exported signature")
        void leak() {
            assertThat(internalTypesIn(new ClassFileImporter().importClass(PlantedLeak.class)))
                    .containsExactly("PlantedLeak.loop exposes " + CommandLoop.class.getName());
        }
    }

    /** @return "member exposes type" for each internal type in a public or protected signature of the class */
    private static List<String> internalTypesIn(JavaClass c) {
        List<String> out = new ArrayList<>();
        List<JavaType> types = new ArrayList<>();
        c.getRawSuperclass().ifPresent(types::add);
        types.addAll(c.getRawInterfaces());
        for (JavaField f : c.getFields()) {
            if (visible(f.getModifiers())) {
                check(out, c.getSimpleName() + "." + f.getName(), f.getType());
            }
        }
        for (JavaCodeUnit m : c.getCodeUnits()) {
            if (visible(m.getModifiers())) {
                String name = c.getSimpleName() + "." + m.getName();
                check(out, name, m.getReturnType());
                m.getParameterTypes().forEach(t -> check(out, name, t));
                m.getThrowsClause().getTypes().forEach(t -> check(out, name, t));
            }
        }
        types.forEach(t -> check(out, c.getSimpleName(), t));
        return out;
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void check(List<String> out, String member, JavaType type) {
        for (JavaClass t : type.getAllInvolvedRawTypes()) {
            String p = t.getPackageName();
            if (p.startsWith(ROOT) && !p.startsWith(ROOT + ".spi") && !exported.contains(p)) {
                out.add(member + " exposes " + t.getName());
            }
        }
    }
}
