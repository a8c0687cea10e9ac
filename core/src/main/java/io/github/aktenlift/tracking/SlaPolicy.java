package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.RecallMode;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Service levels: how long a case file may stay in a state, a box in transit, and a recall open.
 * States without an entry have no limit.
 *
 * @param caseFileStates maximum time per case-file state
 * @param boxInTransit maximum time a box may be in transit
 * @param recall maximum time until a recall is served, per mode
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SlaPolicy(Map<CaseFileState, Duration> caseFileStates, Duration boxInTransit,
        Map<RecallMode, Duration> recall) {

    /**
     * Validates and copies.
     *
     * @param caseFileStates maximum time per case-file state
     * @param boxInTransit maximum time a box may be in transit
     * @param recall maximum time until a recall is served, per mode
     */
    public SlaPolicy {
        caseFileStates = Map.copyOf(caseFileStates);
        recall = Map.copyOf(recall);
        Objects.requireNonNull(boxInTransit, "boxInTransit");
    }

    /**
     * @return in transit 2 days, missing 1 day, received 5, prepared 5, captured 3, QA failed 5,
     *     verified 3, import rejected 3; box in transit 2 days; recalls 24 hours
     */
    public static SlaPolicy defaults() {
        Map<CaseFileState, Duration> m = new EnumMap<>(CaseFileState.class);
        m.put(CaseFileState.IN_TRANSIT, Duration.ofDays(2));
        m.put(CaseFileState.MISSING, Duration.ofDays(1));
        m.put(CaseFileState.RECEIVED, Duration.ofDays(5));
        m.put(CaseFileState.PREPARED, Duration.ofDays(5));
        m.put(CaseFileState.CAPTURED, Duration.ofDays(3));
        m.put(CaseFileState.QA_FAILED, Duration.ofDays(5));
        m.put(CaseFileState.VERIFIED, Duration.ofDays(3));
        m.put(CaseFileState.IMPORT_REJECTED, Duration.ofDays(3));
        return new SlaPolicy(m, Duration.ofDays(2),
                Map.of(RecallMode.SCAN_ON_DEMAND, Duration.ofHours(24), RecallMode.PAPER_BACK, Duration.ofHours(24)));
    }

    /**
     * @param state a case-file state
     * @return its limit, if any
     */
    public Optional<Duration> limitFor(CaseFileState state) {
        return Optional.ofNullable(caseFileStates.get(state));
    }

    /**
     * @param state a case-file state
     * @param limit its new limit
     * @return a copy with that limit
     */
    public SlaPolicy withLimit(CaseFileState state, Duration limit) {
        Map<CaseFileState, Duration> m = new EnumMap<>(CaseFileState.class);
        m.putAll(caseFileStates);
        m.put(state, limit);
        return new SlaPolicy(m, boxInTransit, recall);
    }
}
