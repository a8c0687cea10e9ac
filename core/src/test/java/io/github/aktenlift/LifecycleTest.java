package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.ReportFound;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ResubmitCaseFile;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.logistics.DirectReceipt;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.ReceiveDirect;
import io.github.aktenlift.logistics.UnpackCaseFile;
import io.github.aktenlift.retention.DestroyPaper;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReleaseHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.retention.RetentionPolicy;
import io.github.aktenlift.retention.ReturnPaper;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.WhereIs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.github.aktenlift.casefile.CaseFileState.CAPTURED;
import static io.github.aktenlift.casefile.CaseFileState.DESTROYED;
import static io.github.aktenlift.casefile.CaseFileState.IMPORTED;
import static io.github.aktenlift.casefile.CaseFileState.IMPORT_REJECTED;
import static io.github.aktenlift.casefile.CaseFileState.IN_TRANSIT;
import static io.github.aktenlift.casefile.CaseFileState.MISSING;
import static io.github.aktenlift.casefile.CaseFileState.PACKED;
import static io.github.aktenlift.casefile.CaseFileState.PREPARED;
import static io.github.aktenlift.casefile.CaseFileState.QA_FAILED;
import static io.github.aktenlift.casefile.CaseFileState.RECEIVED;
import static io.github.aktenlift.casefile.CaseFileState.REGISTERED;
import static io.github.aktenlift.casefile.CaseFileState.RETAINED;
import static io.github.aktenlift.casefile.CaseFileState.RETURNED;
import static io.github.aktenlift.casefile.CaseFileState.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every case-file command tried in every lifecycle state. The expectations are written out here
 * from the lifecycle in DESIGN §3, independently of the implementation's own table: each allowed
 * pair must lead to the stated state, each other pair must raise {@link IllegalTransitionException}
 * and leave state, journal and subject log exactly as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The case-file lifecycle")
class LifecycleTest {

    private static final Set<CaseFileState> ALL = EnumSet.allOf(CaseFileState.class);
    private static final Set<CaseFileState> LIVE = EnumSet.complementOf(EnumSet.of(DESTROYED, RETURNED));
    private static final Set<CaseFileState> BEFORE_IMPORT = EnumSet.of(REGISTERED, PACKED, IN_TRANSIT, RECEIVED,
            MISSING, PREPARED, CAPTURED, QA_FAILED, VERIFIED, IMPORT_REJECTED);
    private static final Set<CaseFileState> WITH_DOCUMENTS = EnumSet.of(CAPTURED, QA_FAILED, VERIFIED,
            IMPORT_REJECTED, IMPORTED, RETAINED);

    /** A command under test: where it is allowed, where it leads, and what it needs first. */
    private record Rule(String name, Set<CaseFileState> allowed, BiFunction<CaseFileState, Office, CaseFileState> leadsTo,
            BiConsumer<Office, Barcode> setup, BiFunction<Office, Barcode, Command> command) {

        static Rule to(String name, Set<CaseFileState> allowed, CaseFileState target,
                BiFunction<Office, Barcode, Command> command) {
            return new Rule(name, allowed, (s, o) -> target, (o, f) -> { }, command);
        }

        static Rule stays(String name, Set<CaseFileState> allowed, BiConsumer<Office, Barcode> setup,
                BiFunction<Office, Barcode, Command> command) {
            return new Rule(name, allowed, (s, o) -> s, setup, command);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Rule> RULES = List.of(
            Rule.to("PackCaseFile", EnumSet.of(REGISTERED), PACKED, (o, f) -> new PackCaseFile(f, o.openBox())),
            Rule.to("UnpackCaseFile", EnumSet.of(PACKED), REGISTERED, (o, f) -> new UnpackCaseFile(f)),
            Rule.to("ReportFound", EnumSet.of(MISSING), RECEIVED, (o, f) -> new ReportFound(f)),
            Rule.to("PrepareCaseFile", EnumSet.of(RECEIVED), PREPARED, (o, f) -> new PrepareCaseFile(f)),
            // the short path, which this office's policy allows for every file (DirectReceiptTest: where it does not)
            Rule.to("ReceiveDirect", EnumSet.of(REGISTERED), RECEIVED, (o, f) -> new ReceiveDirect(f)),
            Rule.to("RecordCapture", EnumSet.of(PREPARED, QA_FAILED), CAPTURED,
                    (o, f) -> new RecordCapture(f, "D2", Office.documents(true))),
            Rule.to("PassQualityCheck", EnumSet.of(CAPTURED), VERIFIED, (o, f) -> new PassQualityCheck(f, "qa-2")),
            Rule.to("FailQualityCheck", EnumSet.of(CAPTURED), QA_FAILED,
                    (o, f) -> new FailQualityCheck(f, List.of("UNREADABLE:doc-1"))),
            Rule.to("ConfirmImport", EnumSet.of(VERIFIED, IMPORT_REJECTED), IMPORTED,
                    (o, f) -> new ConfirmImport(f, "E-1", "R-1")),
            Rule.to("RejectImport", EnumSet.of(VERIFIED), IMPORT_REJECTED, (o, f) -> new RejectImport(f, "EFILE_LOCKED")),
            Rule.to("RetryImport", EnumSet.of(IMPORT_REJECTED), VERIFIED, (o, f) -> new RetryImport(f)),
            Rule.to("RetainPaper", EnumSet.of(IMPORTED), RETAINED, (o, f) -> new RetainPaper(f)),
            Rule.to("DestroyPaper", EnumSet.of(RETAINED), DESTROYED, (o, f) -> new DestroyPaper(f, "CERT-9")),
            Rule.to("ReturnPaper", EnumSet.of(IMPORTED, RETAINED), RETURNED, (o, f) -> new ReturnPaper(f, "Stadt X")),
            Rule.to("ResubmitCaseFile", EnumSet.of(RETURNED), REGISTERED, (o, f) -> new ResubmitCaseFile(f)),
            Rule.stays("ReturnOriginals", WITH_DOCUMENTS, (o, f) -> { },
                    (o, f) -> new ReturnOriginals(f, List.of("doc-2"))),
            Rule.stays("PlaceHold", LIVE, (o, f) -> { }, (o, f) -> new PlaceHold(f, HoldReason.LEGAL_HOLD)),
            Rule.stays("ReleaseHold", LIVE, (o, f) -> {
                        if (LIVE.contains(o.lift.tracking().whereIs(f).orElseThrow().state())) {
                            o.lift.execute(o.clerk, new PlaceHold(f, HoldReason.AUDIT));
                        }
                    }, (o, f) -> new ReleaseHold(f, HoldReason.AUDIT)),
            Rule.stays("RequestRecall(SCAN_ON_DEMAND)", BEFORE_IMPORT, (o, f) -> { },
                    (o, f) -> new RequestRecall(f, RecallMode.SCAN_ON_DEMAND)),
            Rule.stays("RequestRecall(PAPER_BACK)", LIVE, (o, f) -> { },
                    (o, f) -> new RequestRecall(f, RecallMode.PAPER_BACK)),
            // serving a paper-back recall hands the paper over; a file in a moving van cannot be
            new Rule("ServeRecall(PAPER_BACK)", EnumSet.complementOf(EnumSet.of(DESTROYED, RETURNED, IN_TRANSIT)),
                    (s, o) -> RETURNED, (o, f) -> {
                        if (LIVE.contains(o.lift.tracking().whereIs(f).orElseThrow().state())) {
                            o.lift.execute(o.clerk, new RequestRecall(f, RecallMode.PAPER_BACK));
                        }
                    }, (o, f) -> new ServeRecall(f)));

    private final Office office = new Office(new InMemoryStorage(), new MutableClock(Office.START),
            Policies.defaults().withRetention(RetentionPolicy.defaults().withRetention(Duration.ZERO))
                    .withDirectReceipt(DirectReceipt.ALL));

    {
        office.originalsToReturn = true;
    }

    @AfterAll
    void close() {
        office.close();
    }

    static Stream<Arguments> everyCommandInEveryState() {
        List<Arguments> out = new ArrayList<>();
        for (Rule r : RULES) {
            for (CaseFileState s : CaseFileState.values()) {
                out.add(Arguments.of(r, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyCommandInEveryState")
    @DisplayName("a command is allowed exactly where the lifecycle allows it, and changes nothing where it does not")
    void commandInState(Rule rule, CaseFileState state) {
        Barcode f = office.fileIn(state);
        if (rule.name().equals("ReturnOriginals") && state == RETAINED) {
            // fileIn(RETAINED) does not return originals; only DESTROYED needed them back
            assertThat(office.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(RETAINED);
        }
        rule.setup().accept(office, f);
        if (rule.name().equals("DestroyPaper") && state == RETAINED) {
            office.lift.execute(office.clerk, new ReturnOriginals(f, List.of("doc-2")));
        }
        Command command = rule.command().apply(office, f);
        Snapshot before = snapshot(f);

        Throwable thrown = catchThrowable(() -> office.lift.execute(office.clerk, command));

        if (rule.allowed().contains(state)) {
            assertThat(thrown).as("%s in %s", rule, state).isNull();
            assertThat(office.lift.tracking().whereIs(f).orElseThrow().state())
                    .isEqualTo(rule.leadsTo().apply(state, office));
            assertThat(office.journalLength()).isGreaterThan(before.journalLength);
        } else {
            assertThat(thrown).as("%s in %s", rule, state).isInstanceOf(IllegalTransitionException.class);
            IllegalTransitionException e = (IllegalTransitionException) thrown;
            assertThat(e.id()).isEqualTo(f.value());
            assertThat(e.currentState()).isEqualTo(state.name());
            assertThat(e.getMessage()).contains(f.value()).contains(state.name());
            assertThat(snapshot(f)).isEqualTo(before);
        }
    }

    /** What must not change when a command is rejected. */
    private record Snapshot(long journalLength, long subjectLog, WhereIs whereIs, Map<CaseFileState, Long> counts) {
    }

    private Snapshot snapshot(Barcode f) {
        return new Snapshot(office.journalLength(), office.storage.logs().length(Key.of("subjects/entries")),
                office.lift.tracking().whereIs(f).orElseThrow(), office.lift.tracking().countsPerState());
    }

    @Test
    @DisplayName("the expectation table covers every state and the journal stays verifiable after all attempts")
    void tableIsComplete() {
        assertThat(RULES).hasSizeGreaterThanOrEqualTo(20);
        assertThat(ALL).hasSize(CaseFileState.values().length);
        assertThat(office.lift.tracking().verify().isIntact()).isTrue();
    }

    @Test
    @DisplayName("a file in a sealed box cannot be unpacked, and a paper-back recall cannot be served from a sealed box")
    void sealedBoxBlocks() {
        Barcode f = office.register();
        Barcode box = office.openBox();
        office.lift.execute(office.clerk, new PackCaseFile(f, box));
        office.lift.execute(office.clerk, new io.github.aktenlift.logistics.SealBox(box, Office.sealOf(box)));
        assertThatThrownBy(() -> office.lift.execute(office.clerk, new UnpackCaseFile(f)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(box.value()).hasMessageContaining("SEALED");
        office.lift.execute(office.clerk, new RequestRecall(f, RecallMode.PAPER_BACK));
        assertThatThrownBy(() -> office.lift.execute(office.clerk, new ServeRecall(f)))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.reasons()).containsExactly("IN_SEALED_BOX:" + box.value()));
    }
}
