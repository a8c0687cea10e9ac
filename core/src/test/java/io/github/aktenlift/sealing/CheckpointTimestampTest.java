package io.github.aktenlift.sealing;

import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.spi.sealing.TimestampRequest;
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
    @DisplayName("a removed token before a stamped checkpoint is reported as missing, and the next stamping does not fill the gap")
    void removedTokenIsAGap() {
        o.registerMany(2);
        o.lift.tracking().checkpoint();
        o.registerMany(2);
        o.lift.tracking().checkpoint();
        storage.content().delete(token(0));
        VerificationReport r = o.lift.tracking().verify();
        assertThat(r.isIntact()).isFalse();
        JournalViolation v = r.firstViolation().orElseThrow();
        assertThat(v.kind()).isEqualTo(JournalViolation.Kind.TIMESTAMP_MISSING);
        assertThat(v.detail()).contains("from checkpoint 0").contains(token(1).value());
        assertThat(r.timestampsChecked()).isEqualTo(1);
        assertThat(r.timestampsPending()).isZero();

        // a fresh instance on the same storage stamps its new checkpoints only: the hole stays visible
        o.close();
        try (Office again = Office.configured(storage, new MutableClock(Office.START), Policies.defaults(), b -> b.sealing(sealer))) {
            for (int i = 0; i < 4; i++) {
                again.nextFileBarcode(); // the four registered before
            }
            again.registerMany(1);
            again.lift.tracking().checkpoint();
            assertThat(storage.content().head(token(0))).isEmpty();
            assertThat(storage.content().head(token(2))).isPresent();
            assertThat(again.lift.tracking().verify().firstViolation().orElseThrow().kind())
                    .isEqualTo(JournalViolation.Kind.TIMESTAMP_MISSING);
        }
    }

    @Test
    @DisplayName("checkpoints written while the authority is down are pending, not broken, and the next checkpoint stamps them")
    void authorityDownLeavesPendingCheckpoints() {
        SwitchableAuthority tsa = new SwitchableAuthority(SealingFixtures.tsa());
        PadesEvidenceSealer flaky = PadesEvidenceSealer.builder().timestampAuthority(tsa)
                .trustAnchors(List.of(SealingFixtures.root())).build();
        try (Office office = Office.configured(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults(),
                b -> b.sealing(flaky))) {
            office.registerMany(2);
            office.lift.tracking().checkpoint();
            tsa.down = true;
            office.registerMany(2);
            office.lift.tracking().checkpoint();
            office.registerMany(2);
            office.lift.tracking().checkpoint();
            VerificationReport down = office.lift.tracking().verify();
            assertThat(down.isIntact()).as("%s", down.firstViolation()).isTrue();
            assertThat(down.timestampsChecked()).isEqualTo(1);
            assertThat(down.timestampsPending()).isEqualTo(2);

            tsa.down = false;
            office.registerMany(1);
            office.lift.tracking().checkpoint();
            VerificationReport up = office.lift.tracking().verify();
            assertThat(up.isIntact()).as("%s", up.firstViolation()).isTrue();
            assertThat(up.timestampsChecked()).isEqualTo(4);
            assertThat(up.timestampsPending()).isZero();
        } finally {
            flaky.close();
        }
    }

    /** A timestamp authority that can be switched off, as a network outage would. */
    private static final class SwitchableAuthority implements TimestampAuthority {
        private final TimestampAuthority inner;
        volatile boolean down;

        SwitchableAuthority(TimestampAuthority inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public byte[] timestamp(TimestampRequest request) {
            if (down) {
                throw new TimestampException(id(), TimestampException.Reason.UNAVAILABLE, "switched off by the test", null);
            }
            return inner.timestamp(request);
        }

        @Override
        public void close() {
            inner.close();
        }
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
