package io.github.aktenlift.sealing;

import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Journal checkpoints anchored in time by RFC 3161 tokens")
class CheckpointTimestampTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final PadesEvidenceSealer sealer = PadesEvidenceSealer.builder().timestampAuthority(SealingFixtures.tsa())
            .trustAnchors(List.of(SealingFixtures.root())).build();
    private final Office o = Office.configured(storage, new MutableClock(Office.START), Policies.defaults(), b -> b.sealing(sealer));

    @AfterEach
    void close() {
        o.close();
        sealer.close();
    }

    private static Key token(long checkpoint) {
        return Key.of(String.format("journal/timestamps/%020d.tsr", checkpoint));
    }

    @Test
    @DisplayName("with a timestamp authority (at normal level, no key) every checkpoint gets a token that verify checks")
    void stampedAndVerified() {
        o.registerMany(3);
        o.lift.tracking().checkpoint();
        o.registerMany(2);
        o.lift.tracking().checkpoint();
        assertThat(storage.content().head(token(0))).isPresent();
        assertThat(storage.content().head(token(1))).isPresent();
        VerificationReport r = o.lift.tracking().verify();
        assertThat(r.isIntact()).as("%s", r.firstViolation()).isTrue();
        assertThat(r.timestampsChecked()).isEqualTo(2);
        assertThat(o.lift.tracking().verifyDeep().journal().timestampsChecked()).isEqualTo(2);
    }

    @Test
    @DisplayName("a token that covers another hash than its checkpoint's is reported as a timestamp mismatch")
    void mismatch() {
        o.registerMany(3);
        o.lift.tracking().checkpoint();
        // a genuine token of the same authority, but over other bytes
        byte[] other = sealer.timestamp(new byte[32]);
        storage.content().delete(token(0));
        storage.content().create(token(0), new ByteArrayInputStream(other));
        VerificationReport r = o.lift.tracking().verify();
        assertThat(r.isIntact()).isFalse();
        assertThat(r.firstViolation().orElseThrow().kind()).isEqualTo(JournalViolation.Kind.TIMESTAMP_MISMATCH);
        assertThat(r.firstViolation().orElseThrow().detail()).contains(token(0).value());
    }

    @Test
    @DisplayName("without a timestamp authority nothing is stamped and verify checks no token")
    void withoutAuthority() {
        try (Office plain = Office.configured(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults(), b -> { })) {
            plain.registerMany(2);
            plain.lift.tracking().checkpoint();
            assertThat(plain.storage().content().head(token(0))).isEmpty();
            assertThat(plain.lift.tracking().verify().timestampsChecked()).isZero();
        }
    }
}
