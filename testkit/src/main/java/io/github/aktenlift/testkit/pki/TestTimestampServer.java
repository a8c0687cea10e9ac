package io.github.aktenlift.testkit.pki;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * An RFC 3161 time-stamping authority over HTTP (RFC 3161 section 3.4) on 127.0.0.1, signing with
 * a {@link TestPki}'s TSA key through Bouncy Castle's {@code TimeStampTokenGenerator}. Tokens carry
 * the TSA certificate and the root when the request asks for certificates.
 *
 * <p>It can be told to misbehave ({@link #behave(Behaviour)}) so that clients prove their typed
 * errors: hang until the client gives up, answer garbage, reject, fail with HTTP 500, or sign a
 * token over another imprint.
 *
 * <p>Thread-safe. Start it with {@link #start(TestPki)}, stop it with {@link #close()} (which also
 * releases hanging requests).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TestTimestampServer implements AutoCloseable {

    /** The TSA policy OID this server's tokens name (an arc reserved for examples). */
    public static final String POLICY = "1.3.6.1.4.1.99999.1.1";

    /** The longest a hanging request is held before the server drops it by itself. */
    public static final Duration MAX_HANG = Duration.ofSeconds(30);

    /**
     * How the server answers the next requests.
     *
     * @since 0.1
     */
    public enum Behaviour {
        /** A granted response with a valid token. */
        GRANT,
        /** No answer until the client gives up, the server is closed, or {@link #MAX_HANG} passes. */
        HANG,
        /** HTTP 200 with bytes that are no RFC 3161 response. */
        GARBAGE,
        /** A well-formed response with status rejection. */
        REJECT,
        /** HTTP 500. */
        SERVER_ERROR,
        /** A granted, validly signed token over another message imprint than requested. */
        WRONG_IMPRINT
    }

    static {
        // the JDK's server writes headers and body separately; without TCP_NODELAY every answer waits
        // for the client's delayed ACK (about 40 ms), which would make timestamps look slow
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Not registered with the JVM: the test authority's own signer. */
    private static final java.security.Provider SIGNER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final TestPki pki;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final TimeStampResponseGenerator generator;
    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.GRANT);
    private final AtomicLong serials = new AtomicLong(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    private TestTimestampServer(TestPki pki, Clock clock) throws IOException {
        this.pki = pki;
        this.clock = clock;
        try {
            DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    // Bouncy Castle's provider signs P-256 about four times as fast as the JDK's on Java 17;
                    // benchmarks run this authority in the same JVM as the capture they measure
                    new JcaSimpleSignerInfoGeneratorBuilder().setProvider(SIGNER)
                            .build("SHA256withECDSA", pki.tsaKey(), pki.tsaCertificate()),
                    sha256, new ASN1ObjectIdentifier(POLICY));
            tokens.addCertificates(new JcaCertStore(pki.tsaChain()));
            generator = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the token generator", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-tsa");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/tsr", this::handle);
        server.start();
    }

    /**
     * @param pki whose TSA key signs
     * @return a running server on the system clock
     */
    public static TestTimestampServer start(TestPki pki) {
        return start(pki, Clock.systemUTC());
    }

    /**
     * @param pki whose TSA key signs
     * @param clock the clock the tokens' genTime comes from
     * @return a running server
     */
    public static TestTimestampServer start(TestPki pki, Clock clock) {
        try {
            return new TestTimestampServer(Objects.requireNonNull(pki, "pki"), Objects.requireNonNull(clock, "clock"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the test TSA to 127.0.0.1", e);
        }
    }

    /** @return the endpoint, {@code http://127.0.0.1:<port>/tsr} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsr");
    }

    /** @return the PKI whose TSA key signs */
    public TestPki pki() {
        return pki;
    }

    /**
     * @param next how to answer from now on
     * @return this server
     */
    public TestTimestampServer behave(Behaviour next) {
        behaviour.set(Objects.requireNonNull(next, "next"));
        return this;
    }

    /** @return how many requests reached the server so far */
    public int requests() {
        return requests.get();
    }

    /**
     * Answers a DER {@code TimeStampReq} as the HTTP endpoint would in {@link Behaviour#GRANT}.
     *
     * @param request the DER request
     * @return the DER {@code TimeStampResp}
     * @throws IOException if the request is not a well-formed RFC 3161 request
     */
    public byte[] respond(byte[] request) throws IOException {
        TimeStampRequest req = new TimeStampRequest(request);
        return grant(req);
    }

    private byte[] grant(TimeStampRequest req) throws IOException {
        try {
            TimeStampResponse resp;
            synchronized (generator) {
                resp = generator.generate(req, BigInteger.valueOf(serials.getAndIncrement()), Date.from(clock.instant()));
            }
            return resp.getEncoded();
        } catch (Exception e) {
            throw new IOException("cannot generate a token", e);
        }
    }

    /**
     * The CPU time this server's handlers spent answering (parsing, signing tokens, writing
     * answers), all requests so far: what a remote authority would spend on its own machine, for
     * benchmarks that run this one in the JVM whose CPU time they measure.
     *
     * @return nanoseconds of CPU time, or 0 if the JVM does not measure thread CPU time
     * @since 0.2
     */
    public long cpuNanos() {
        return cpu.get();
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private final AtomicLong cpu = new AtomicLong();

    private void handle(HttpExchange exchange) throws IOException {
        boolean measured = THREADS.isCurrentThreadCpuTimeSupported();
        long start = measured ? THREADS.getCurrentThreadCpuTime() : 0;
        try {
            answer(exchange);
        } finally {
            if (measured) {
                cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - start);
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            Behaviour b = behaviour.get();
            switch (b) {
                case HANG -> {
                    try {
                        closed.await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case SERVER_ERROR -> send(exchange, 500, "text/plain", "told to fail".getBytes(StandardCharsets.US_ASCII));
                case GARBAGE -> send(exchange, 200, "application/timestamp-reply",
                        "<html>this is no TimeStampResp</html>".getBytes(StandardCharsets.US_ASCII));
                case REJECT -> {
                    try {
                        TimeStampResponse r = generator.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.systemFailure,
                                "told to reject");
                        send(exchange, 200, "application/timestamp-reply", r.getEncoded());
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
                case WRONG_IMPRINT -> {
                    TimeStampRequest asked = new TimeStampRequest(body);
                    byte[] other = asked.getMessageImprintDigest();
                    other[0] ^= 1;
                    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
                    g.setCertReq(true);
                    TimeStampRequest forged = g.generate(asked.getMessageImprintAlgOID(), other, asked.getNonce());
                    send(exchange, 200, "application/timestamp-reply", grant(forged));
                }
                case GRANT -> {
                    TimeStampRequest req;
                    try {
                        req = new TimeStampRequest(body);
                    } catch (IOException | RuntimeException e) {
                        send(exchange, 400, "text/plain", "not a TimeStampReq".getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                    send(exchange, 200, "application/timestamp-reply", grant(req));
                }
                default -> throw new IllegalStateException("unknown behaviour " + b);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops the server and releases hanging requests. Idempotent. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** @return the TSA certificates a token carries: TSA, then root */
    public List<java.security.cert.X509Certificate> chain() {
        return pki.tsaChain();
    }
}
