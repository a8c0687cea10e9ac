package io.github.aktenlift.journal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints store the digest over all stream heads, so its bytes must not change: the chain
 * keeps its streams sorted between checkpoints, and must still digest exactly what sorting all
 * heads afresh digests.
 */
@DisplayName("The digest over stream heads")
class ChainDigestTest {

    @Test
    @DisplayName("equals a digest over freshly sorted heads after every round of new and advanced streams")
    void sameAsFreshlySorted() throws Exception {
        Random rnd = new Random(3);
        Chain chain = new Chain(new EventHasher(null));
        List<String> streams = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            for (int k = rnd.nextInt(300); k > 0; k--) {
                String stream;
                if (streams.isEmpty() || rnd.nextInt(3) == 0) {
                    // names that sort in every order against those before: prefixes, umlauts, long ones
                    stream = new String[] {"file/F", "box/B", "pickup/P-", "destruction/Ä", "inventory"}[rnd.nextInt(5)]
                            + Integer.toString(rnd.nextInt(1_000_000), 36);
                    if (!chain.heads.containsKey(stream)) {
                        streams.add(stream);
                    }
                } else {
                    stream = streams.get(rnd.nextInt(streams.size()));
                }
                Chain.Head old = chain.heads.get(stream);
                chain.setHead(stream, new Chain.Head(old == null ? 1 : old.nextStreamSequence() + 1,
                        HexFormat.of().formatHex(new byte[] {(byte) rnd.nextInt(), (byte) k}).repeat(16)));
                chain.next++;
            }
            assertThat(chain.headsDigest()).as("round %d", round).isEqualTo(freshlySorted(chain.heads));
        }
        assertThat(chain.heads).hasSize(streams.size());
    }

    /** The digest as computed before: all heads sorted by stream, six updates per stream. */
    private static String freshlySorted(Map<String, Chain.Head> heads) throws Exception {
        List<Map.Entry<String, Chain.Head>> entries = new ArrayList<>(heads.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, Chain.Head> e : entries) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Long.toString(e.getValue().nextStreamSequence()).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(e.getValue().hash().getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
