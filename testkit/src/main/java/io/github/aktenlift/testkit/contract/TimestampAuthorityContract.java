package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.spi.sealing.TimestampRequest;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import io.github.aktenlift.testkit.pki.TestTimestampServer.Behaviour;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract every {@link TimestampAuthority} client of an RFC 3161 HTTP endpoint must pass,
 * against the testkit's {@link TestTimestampServer}. Extend it and point the client at the given
 * endpoint:
 *
 * <pre>{@code
 * class HttpTimestampAuthorityContractTest extends TimestampAuthorityContract {
 *     protected TimestampAuthority createAuthority(URI endpoint, Duration timeout) {
 *         return new HttpTimestampAuthority(endpoint, timeout);
 *     }
 * }
 * }</pre>
 *
 * <p>Besides well-formed tokens it demands the typed errors: a server that hangs gives
 * {@link TimestampException.Reason#TIMEOUT} within the timeout plus a margin, garbage or a token over
 * another imprint gives {@link TimestampException.Reason#MALFORMED}, a rejection
 * {@link TimestampException.Reason#REJECTED}, HTTP 500 or a closed port
 * {@link TimestampException.Reason#UNAVAILABLE}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TimestampAuthorityContract {

    /** The timeout the client under test is created with. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** The authority under test, fresh for each test. */
    protected TimestampAuthority authority;

    private TestPki pki;
    private TestTimestampServer server;

    /** Creates the suite. */
    protected TimestampAuthorityContract() {
    }

    /**
     * @param endpoint the RFC 3161 HTTP endpoint to use
     * @param timeout how long to wait for an answer at most
     * @return a new client of that endpoint
     * @throws Exception if it cannot be created
     */
    protected abstract TimestampAuthority createAuthority(URI endpoint, Duration timeout) throws Exception;

    @BeforeAll
    void startServer() {
        pki = TestPki.builder().name("Contract").sealKeyType(TestPki.KeyType.EC_P256).build();
        server = TestTimestampServer.start(pki);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void open() throws Exception {
        server.behave(Behaviour.GRANT);
        authority = createAuthority(server.uri(), TIMEOUT);
    }

    @AfterEach
    void close() {
        authority.close();
    }

    @Test
    @DisplayName("a token binds the requested imprint and nonce, carries the TSA certificate and verifies with it")
    void grants() throws Exception {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            byte[] digest = a.newDigest().digest(("evidence " + a).getBytes(StandardCharsets.UTF_8));
            TimestampRequest request = TimestampRequest.of(a, digest);
            TimeStampToken token = new TimeStampToken(new CMSSignedData(authority.timestamp(request)));
            TimeStampTokenInfo info = token.getTimeStampInfo();
            assertThat(info.getMessageImprintAlgOID().getId()).isEqualTo(a.oid());
            assertThat(info.getMessageImprintDigest()).isEqualTo(digest);
            assertThat(info.getNonce()).isEqualTo(request.nonce());
            assertThat(token.getCertificates().getMatches(token.getSID())).isNotEmpty();
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsaCertificate()));
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent requests each get their own token")
    void concurrent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                byte[] digest = DigestAlgorithm.SHA256.newDigest().digest(("c" + i).getBytes(StandardCharsets.UTF_8));
                results.add(pool.submit(() -> {
                    TimeStampToken t = new TimeStampToken(new CMSSignedData(authority.timestamp(DigestAlgorithm.SHA256, digest)));
                    return java.util.Arrays.equals(t.getTimeStampInfo().getMessageImprintDigest(), digest);
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("an authority that does not answer gives a timeout error within the timeout and a margin")
    void timeout() {
        server.behave(Behaviour.HANG);
        long start = System.nanoTime();
        TimestampException e = failure();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.reason()).isEqualTo(TimestampException.Reason.TIMEOUT);
        assertThat(e.isTransient()).isTrue();
        assertThat(took).isLessThan(TIMEOUT.multipliedBy(5));
    }

    @Test
    @DisplayName("garbage, or a valid token over another imprint, is a malformed answer")
    void malformed() {
        server.behave(Behaviour.GARBAGE);
        assertThat(failure().reason()).isEqualTo(TimestampException.Reason.MALFORMED);
        server.behave(Behaviour.WRONG_IMPRINT);
        assertThat(failure().reason()).isEqualTo(TimestampException.Reason.MALFORMED);
    }

    @Test
    @DisplayName("a rejection is a rejected error, HTTP 500 an unavailable one")
    void rejectedAndUnavailable() {
        server.behave(Behaviour.REJECT);
        assertThat(failure().reason()).isEqualTo(TimestampException.Reason.REJECTED);
        server.behave(Behaviour.SERVER_ERROR);
        assertThat(failure().reason()).isEqualTo(TimestampException.Reason.UNAVAILABLE);
    }

    @Test
    @DisplayName("an endpoint where nobody listens is unavailable, and a retry after recovery succeeds")
    void unreachableThenRetry() throws Exception {
        TestTimestampServer gone = TestTimestampServer.start(pki);
        URI uri = gone.uri();
        gone.close();
        try (TimestampAuthority dead = createAuthority(uri, TIMEOUT)) {
            TimestampException e = catchThrowableOfType(TimestampException.class,
                    () -> dead.timestamp(DigestAlgorithm.SHA256, new byte[32]));
            assertThat(e).isNotNull();
            assertThat(e.reason()).isIn(TimestampException.Reason.UNAVAILABLE, TimestampException.Reason.TIMEOUT);
        }
        server.behave(Behaviour.SERVER_ERROR);
        assertThatThrownBy(() -> authority.timestamp(DigestAlgorithm.SHA256, new byte[32])).isInstanceOf(TimestampException.class);
        server.behave(Behaviour.GRANT);
        assertThat(authority.timestamp(DigestAlgorithm.SHA256, new byte[32])).isNotEmpty();
    }

    private TimestampException failure() {
        byte[] digest = DigestAlgorithm.SHA256.newDigest().digest("x".getBytes(StandardCharsets.UTF_8));
        TimestampException e = catchThrowableOfType(TimestampException.class, () -> authority.timestamp(DigestAlgorithm.SHA256, digest));
        assertThat(e).as("a TimestampException").isNotNull();
        assertThat(e.authorityId()).isEqualTo(authority.id());
        return e;
    }
}
