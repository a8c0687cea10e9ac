package io.github.aktenlift.sealing;

import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.Policies;
import io.github.aktenlift.SealingConfigurationException;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.casefile.Sealing;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Protection levels decide what is sealed, and a demand that cannot be met stops the start")
class SealingPolicyTest {

    private static Policies sealing(ProtectionLevel level, Sealing s) {
        return Policies.defaults().withProtection(level, ProtectionProfile.defaultFor(level).withSealing(s));
    }

    @Nested
    @DisplayName("the profiles")
    class Profiles {

        @Test
        @DisplayName("TR-RESISCAN's profiles: normal seals nothing, high seals and timestamps, very high with a qualified seal")
        void resiscan() {
            Map<ProtectionLevel, Sealing> expected = Map.of(ProtectionLevel.NORMAL, Sealing.NONE,
                    ProtectionLevel.HIGH, Sealing.SEALED, ProtectionLevel.VERY_HIGH, Sealing.QUALIFIED);
            for (ProtectionLevel l : ProtectionLevel.values()) {
                assertThat(Policies.resiscan().profileFor(l).sealing()).as("%s", l).isEqualTo(expected.get(l));
                // QA stays what the defaults say
                assertThat(Policies.resiscan().profileFor(l).qaSampleRate()).isEqualTo(ProtectionProfile.defaultFor(l).qaSampleRate());
            }
        }

        @Test
        @DisplayName("the defaults demand no seal, so an instance without a sealer starts as before")
        void defaults() {
            for (ProtectionLevel l : ProtectionLevel.values()) {
                assertThat(Policies.defaults().profileFor(l).sealing()).isEqualTo(Sealing.NONE);
            }
            try (Aktenlift lift = Aktenlift.builder().storage(new InMemoryStorage()).build()) {
                assertThat(lift.policies().profileFor(ProtectionLevel.VERY_HIGH).signatureRequired()).isFalse();
            }
        }

        @Test
        @DisplayName("the flag of version 0.1 maps to SEALED")
        void legacyFlag() {
            assertThat(new ProtectionProfile(0.1, false, true).sealing()).isEqualTo(Sealing.SEALED);
            assertThat(new ProtectionProfile(0.1, false, false).sealing()).isEqualTo(Sealing.NONE);
        }
    }

    @Nested
    @DisplayName("at start-up")
    class StartUp {

        @Test
        @DisplayName("a level that demands a seal and no sealer configured: a clear error naming the level")
        void noSealer() {
            assertThatThrownBy(() -> Aktenlift.builder().storage(new InMemoryStorage()).policies(Policies.resiscan()).build())
                    .isInstanceOfSatisfying(SealingConfigurationException.class,
                            e -> assertThat(e.level()).isEqualTo(ProtectionLevel.HIGH))
                    .hasMessageContaining("no sealer is configured");
        }

        @Test
        @DisplayName("a sealer with a timestamp authority but no key cannot seal: refused")
        void noKey() {
            try (PadesEvidenceSealer s = PadesEvidenceSealer.builder().timestampAuthority(SealingFixtures.tsa())
                    .trustAnchors(List.of(SealingFixtures.root())).build()) {
                assertThatThrownBy(() -> Aktenlift.builder().storage(new InMemoryStorage())
                        .policies(sealing(ProtectionLevel.HIGH, Sealing.SEALED)).sealing(s).build())
                        .isInstanceOf(SealingConfigurationException.class).hasMessageContaining("has no sealing key");
            }
        }

        @Test
        @DisplayName("a key without a timestamp authority cannot give sealed-and-timestamped: refused")
        void noTsa() {
            try (PadesEvidenceSealer s = PadesEvidenceSealer.builder().key(SealingFixtures.key()).build()) {
                assertThatThrownBy(() -> Aktenlift.builder().storage(new InMemoryStorage())
                        .policies(sealing(ProtectionLevel.HIGH, Sealing.SEALED)).sealing(s).build())
                        .isInstanceOf(SealingConfigurationException.class).hasMessageContaining("no timestamp authority");
            }
        }

        @Test
        @DisplayName("very high with a key whose certificate has no QC statements: refused, naming what is missing")
        void notQualified() {
            // the operator even declares it qualified; the certificate says otherwise
            try (PadesEvidenceSealer s = SealingFixtures.sealer(new DeclaredQualified(SealingFixtures.key()), SealingFixtures.tsa())) {
                assertThatThrownBy(() -> Aktenlift.builder().storage(new InMemoryStorage())
                        .policies(Policies.resiscan()).sealing(s).build())
                        .isInstanceOfSatisfying(SealingConfigurationException.class,
                                e -> assertThat(e.level()).isEqualTo(ProtectionLevel.VERY_HIGH))
                        .hasMessageContaining("lacks QC statement QcCompliance")
                        .hasMessageContaining("lacks QC statement QcType eseal");
            }
        }

        @Test
        @DisplayName("very high with a qualified certificate the provider does not declare qualified: refused")
        void qualifiedButUndeclared() {
            try (PadesEvidenceSealer s = SealingFixtures.sealer(SealingFixtures.qualifiedKey(false), SealingFixtures.tsa())) {
                assertThatThrownBy(() -> Aktenlift.builder().storage(new InMemoryStorage())
                        .policies(Policies.resiscan()).sealing(s).build())
                        .isInstanceOf(SealingConfigurationException.class)
                        .hasMessageContaining("does not declare it qualified");
            }
        }

        @Test
        @DisplayName("very high with a qualified, declared key and a timestamp authority: starts")
        void qualified() {
            try (PadesEvidenceSealer s = PadesEvidenceSealer.builder().key(SealingFixtures.qualifiedKey())
                    .timestampAuthority(SealingFixtures.tsa()).trustAnchors(List.of(SealingFixtures.QUALIFIED_PKI.rootCertificate(),
                            SealingFixtures.root())).build();
                 Aktenlift lift = Aktenlift.builder().storage(new InMemoryStorage()).policies(Policies.resiscan()).sealing(s)
                         .build()) {
                assertThat(s.qualification().qualified()).isTrue();
                assertThat(lift.policies().profileFor(ProtectionLevel.VERY_HIGH).sealing()).isEqualTo(Sealing.QUALIFIED);
            }
        }
    }

    /** A key whose provider declares it qualified, whatever its certificate says. */
    private static final class DeclaredQualified extends ForwardingKey {
        DeclaredQualified(io.github.aktenlift.spi.sealing.SealingKey inner) {
            super(inner);
        }

        @Override
        public boolean qualified() {
            return true;
        }
    }
}
