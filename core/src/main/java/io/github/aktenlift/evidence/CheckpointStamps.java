package io.github.aktenlift.evidence;

import io.github.aktenlift.journal.EventCodec;
import io.github.aktenlift.journal.EventCodec.MalformedEntryException;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.sealing.EvidenceReport;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.VerificationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The journal anchored in time: an RFC 3161 token over every checkpoint's hash, stored once under
 * {@link StorageKeys#checkpointTimestamp} (create-if-absent), and checked by verification.
 *
 * <p>When: after this instance wrote a checkpoint, under the journal's write lock (checkpoints are
 * rare, one per {@code checkpointInterval} events, and the authority's timeout bounds the wait).
 * A checkpoint that could not be stamped (authority down) is stamped at the next checkpoint: the
 * pass stamps every checkpoint after the newest token. A failure is logged, never thrown into the
 * command that triggered the checkpoint; verification counts the tokens it checked.
 *
 * <p>The token's imprint is the checkpoint's hash itself (32 bytes of SHA-256, or of HMAC-SHA-256
 * under a journal key), so the token proves that the whole journal up to the checkpoint existed at
 * the token's time. Thread-safe.
 */
public final class CheckpointStamps {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStamps.class);
    private static final int PAGE = 1000;
    private static final long MAX_TOKEN_BYTES = 1L << 20;

    private final CommandLoop loop;
    private final Storage storage;
    private final Optional<EvidenceSealer> sealer;
    /** Checkpoints before this position have tokens. */
    private long stamped;

    /**
     * @param loop the command loop whose checkpoints to stamp
     * @param storage where the tokens go
     * @param sealer the sealer; without one, or without its authority, nothing is stamped
     */
    public CheckpointStamps(CommandLoop loop, Storage storage, Optional<EvidenceSealer> sealer) {
        this.loop = loop;
        this.storage = storage;
        this.sealer = sealer;
        if (sealer.map(EvidenceSealer::timestamps).orElse(false)) {
            loop.onCheckpoint(this::stampPending);
        }
    }

    /**
     * Stamps every checkpoint after the newest one that has a token. Failures are logged; the next
     * checkpoint tries again.
     *
     * <p>Tokens always form a prefix of the checkpoints: stamping goes in order and stops at the
     * first failure. A checkpoint without a token <em>before</em> one that has a token therefore
     * means a token was removed; such a gap is left as it is (a new token, with a later time, would
     * hide the removal) and {@link #verify} reports it.
     */
    public synchronized void stampPending() {
        if (sealer.isEmpty() || !sealer.get().timestamps() || loop.checkpointCount() <= stamped) {
            return;
        }
        try {
            List<LogEntry> unstamped = new ArrayList<>();
            long position = stamped;
            while (true) {
                List<LogEntry> page = storage.logs().read(StorageKeys.CHECKPOINTS, position, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (LogEntry e : page) {
                    if (storage.content().head(StorageKeys.checkpointTimestamp(e.sequence())).isPresent()) {
                        if (!unstamped.isEmpty()) {
                            LOG.warn("journal checkpoints {} to {} have no timestamp token before stamped checkpoint {};"
                                    + " left for verification to report", unstamped.get(0).sequence(),
                                    unstamped.get(unstamped.size() - 1).sequence(), e.sequence());
                            unstamped.clear();
                        }
                    } else {
                        unstamped.add(e);
                    }
                    position = e.sequence() + 1;
                }
            }
            if (unstamped.isEmpty()) {
                stamped = position;
            }
            for (LogEntry e : unstamped) {
                Key key = StorageKeys.checkpointTimestamp(e.sequence());
                byte[] token = sealer.get().timestamp(hash(EventCodec.decodeCheckpoint(e.data())));
                try {
                    storage.content().create(key, new ByteArrayInputStream(token));
                } catch (ConflictException raced) {
                    // another instance stamped it meanwhile; its token stays
                }
                stamped = e.sequence() + 1;
            }
        } catch (ProviderException | MalformedEntryException | IllegalArgumentException e) {
            LOG.warn("journal checkpoint not timestamped yet: {}", e.getMessage());
        }
    }

    /**
     * Checks every stored checkpoint token against its checkpoint's hash. Reads only.
     *
     * @param journal the journal's own report
     * @return the report with the number of tokens checked and the first mismatch, if any
     */
    public VerificationReport verify(VerificationReport journal) {
        if (sealer.isEmpty()) {
            return journal;
        }
        int checked = 0;
        Optional<JournalViolation> mismatch = Optional.empty();
        long position = 0;
        long firstUnstamped = -1;
        int unstamped = 0;
        try {
            while (true) {
                List<LogEntry> page = storage.logs().read(StorageKeys.CHECKPOINTS, position, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (LogEntry e : page) {
                    position = e.sequence() + 1;
                    EventCodec.Checkpoint c;
                    try {
                        c = EventCodec.decodeCheckpoint(e.data());
                    } catch (MalformedEntryException ex) {
                        continue; // the journal's own check reports a malformed checkpoint
                    }
                    Key key = StorageKeys.checkpointTimestamp(e.sequence());
                    if (storage.content().head(key).isEmpty()) {
                        if (unstamped++ == 0) {
                            firstUnstamped = e.sequence();
                        }
                        continue;
                    }
                    if (unstamped > 0 && mismatch.isEmpty()) {
                        // tokens are written in checkpoint order: a hole before a token is a removed token
                        mismatch = Optional.of(new JournalViolation(c.covers(), "", JournalViolation.Kind.TIMESTAMP_MISSING,
                                unstamped + " checkpoint token(s) from checkpoint " + firstUnstamped
                                        + " on are missing before the token " + key.value()));
                    }
                    unstamped = 0;
                    byte[] token = read(key);
                    checked++;
                    EvidenceReport r = sealer.get().verifyTimestamp(key.value(), hash(c), token);
                    if (r.verdict() == EvidenceReport.Verdict.BROKEN && mismatch.isEmpty()) {
                        mismatch = Optional.of(new JournalViolation(c.covers(), "", JournalViolation.Kind.TIMESTAMP_MISMATCH,
                                "the token " + key.value() + " does not cover checkpoint " + e.sequence() + ": "
                                        + String.join("; ", r.findings())));
                    }
                }
            }
        } catch (ProviderException | IOException e) {
            if (mismatch.isEmpty()) {
                mismatch = Optional.of(new JournalViolation(-1, "", JournalViolation.Kind.TIMESTAMP_MISMATCH,
                        "the checkpoint tokens cannot be read: " + e.getMessage()));
            }
        }
        return journal.withTimestamps(checked, mismatch)
                .withTimestampsPending(sealer.get().timestamps() ? unstamped : 0);
    }

    private byte[] read(Key key) throws IOException {
        try (InputStream in = storage.content().get(key)) {
            byte[] b = in.readNBytes((int) MAX_TOKEN_BYTES + 1);
            if (b.length > MAX_TOKEN_BYTES) {
                throw new IOException(key.value() + " is larger than a timestamp token");
            }
            return b;
        }
    }

    private static byte[] hash(EventCodec.Checkpoint c) {
        return HexFormat.of().parseHex(c.hash());
    }
}
