package io.github.aktenlift.journal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The journal's time text")
class EventCodecTimeTest {

    @Test
    @DisplayName("reads back every instant Instant.toString writes, with 0, 3, 6 or 9 fraction digits")
    void roundTrip() {
        Random rnd = new Random(7);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int k = 0; k < 200_000; k++) {
            long second = Math.floorMod(rnd.nextLong(), max);
            int nano = switch (k % 4) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1000;
                default -> rnd.nextInt(1_000_000_000);
            };
            Instant i = Instant.ofEpochSecond(second, nano);
            assertThat(EventCodec.parseInstant(i.toString())).as(i.toString()).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("agrees with Instant.parse on the odd cases it hands over")
    void oddCases() {
        for (String s : new String[] {"2026-03-02T08:00:00.5Z", "+10000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                "2026-12-31T23:59:60Z", "2026-03-02T24:00:00Z", "2026-03-02T08:00:00.Z"}) {
            assertThat(EventCodec.parseInstant(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    @DisplayName("rejects what is no instant, as Instant.parse does")
    void rejects() {
        for (String s : new String[] {"2026-02-30T08:00:00Z", "2026-13-01T08:00:00Z", "2026-03-02T08:60:00Z",
                "2026-03-02T08:00:00", "2026-03-02 08:00:00Z", "2026-03-02T08:00:0xZ", "2026-03-02T08:00:00.1234567890Z", ""}) {
            assertThatThrownBy(() -> EventCodec.parseInstant(s)).as(s).isInstanceOf(DateTimeParseException.class);
        }
    }
}
