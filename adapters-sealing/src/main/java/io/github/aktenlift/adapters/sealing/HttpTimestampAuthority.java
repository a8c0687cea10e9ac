package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.spi.sealing.TimestampException.Reason;
import io.github.aktenlift.spi.sealing.TimestampRequest;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * An RFC 3161 client over HTTP (RFC 3161 section 3.4: POST {@code application/timestamp-query},
 * answer {@code application/timestamp-reply}) on the JDK's {@link HttpClient}.
 *
 * <p>One timeout bounds the whole exchange, connect to last byte. The answer is read up to
 * {@value #MAX_RESPONSE_BYTES} bytes, parsed, and checked as {@link TimestampAuthority} demands:
 * status granted, imprint and nonce as requested, the TSA certificate included and the token's
 * signature verifying with it. Failures map to {@link TimestampException} reasons: no answer in
 * time is {@link Reason#TIMEOUT}; refused connections and HTTP 5xx are {@link Reason#UNAVAILABLE};
 * other HTTP statuses and PKI statuses other than granted are {@link Reason#REJECTED}; anything
 * unparsable or not matching is {@link Reason#MALFORMED}.
 *
 * <p>Thread-safe; one instance serves any number of concurrent callers.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HttpTimestampAuthority implements TimestampAuthority {

    /** The largest answer read; a real token is a few kilobytes. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final URI endpoint;
    private final Duration timeout;
    private final Optional<String> policy;
    private final HttpClient client;
    private final String id;

    /**
     * @param endpoint the authority's HTTP(S) URL
     * @param timeout the longest one exchange may take
     * @param policy the TSA policy OID to ask for, or empty for the authority's default
     */
    public HttpTimestampAuthority(URI endpoint, Duration timeout, Optional<String> policy) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a timestamp authority is reached over http or https, not " + scheme);
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.id = HttpTimestampAuthorityProvider.SCHEME + ":" + endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] timestamp(TimestampRequest request) {
        Objects.requireNonNull(request, "request");
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        request.policy().or(() -> policy).ifPresent(p -> g.setReqPolicy(new ASN1ObjectIdentifier(p)));
        org.bouncycastle.tsp.TimeStampRequest req = g.generate(new ASN1ObjectIdentifier(request.digestAlgorithm().oid()),
                request.digest(), request.nonce());
        byte[] body;
        try {
            body = req.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a timestamp request", e);
        }
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/timestamp-query")
                .header("Accept", "application/timestamp-reply")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        byte[] answer = exchange(http);
        return check(req, answer);
    }

    private byte[] exchange(HttpRequest http) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(http, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimestampException(id, Reason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimestampException(id, Reason.UNAVAILABLE, "interrupted", e);
        } catch (CancellationException e) {
            throw new TimestampException(id, Reason.UNAVAILABLE, "cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new TimestampException(id, Reason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", cause);
            }
            throw new TimestampException(id, Reason.UNAVAILABLE, "cannot reach the authority: " + cause, cause);
        }
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status >= 500) {
                throw new TimestampException(id, Reason.UNAVAILABLE, "HTTP " + status, null);
            }
            if (status != 200) {
                throw new TimestampException(id, Reason.REJECTED, "HTTP " + status, null);
            }
            byte[] bytes = readBounded(in, deadline);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new TimestampException(id, Reason.MALFORMED, "answer longer than " + MAX_RESPONSE_BYTES + " bytes", null);
            }
            return bytes;
        } catch (HttpTimeoutException e) {
            throw new TimestampException(id, Reason.TIMEOUT, "answer not complete within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new TimestampException(id, Reason.UNAVAILABLE, "reading the answer failed: " + e.getMessage(), e);
        }
    }

    private byte[] readBounded(InputStream in, long deadlineNanos) throws IOException {
        // the body stream of HttpClient blocks without its own timeout once headers arrived; read in
        // another thread so that the deadline holds for a server that stalls mid-body
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readNBytes(MAX_RESPONSE_BYTES + 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return read.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            in.close();
            throw new HttpTimeoutException("body not complete in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    /** Not registered with the JVM: the adapter uses it, the host's security providers stay as they are. */
    private static final java.security.Provider VERIFY_PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /** Verifiers by TSA certificate: an authority signs with one or two keys, so this stays tiny. */
    private final java.util.concurrent.ConcurrentHashMap<X509CertificateHolder, org.bouncycastle.cms.SignerInformationVerifier>
            verifiers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The verifier of a TSA certificate's tokens, built once per certificate: Bouncy Castle's own
     * provider, not the platform's (on Java 17 the JDK's ECDSA P-256 verification takes about three
     * times as long), and one public key object per certificate, on which Bouncy Castle keeps its
     * precomputed multiples of the point; a key parsed afresh for every token recomputes them, which
     * took about half of each verification. Every seal checks a token, so this is per product.
     */
    private org.bouncycastle.cms.SignerInformationVerifier verifier(X509CertificateHolder certificate) throws Exception {
        org.bouncycastle.cms.SignerInformationVerifier v = verifiers.get(certificate);
        if (v == null) {
            if (verifiers.size() > 16) {
                verifiers.clear(); // a misbehaving authority with ever new certificates cannot grow it
            }
            v = new JcaSimpleSignerInfoVerifierBuilder().setProvider(VERIFY_PROVIDER).build(certificate);
            verifiers.put(certificate, v);
        }
        return v;
    }

    private byte[] check(org.bouncycastle.tsp.TimeStampRequest req, byte[] answer) {
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new TimestampException(id, Reason.MALFORMED, "not an RFC 3161 response (" + answer.length + " bytes)", e);
        }
        int status = response.getStatus();
        if (status != 0 && status != 1) {
            throw new TimestampException(id, Reason.REJECTED, "status " + status + " failInfo "
                    + (response.getFailInfo() == null ? "none" : response.getFailInfo().intValue())
                    + " " + Objects.toString(response.getStatusString(), ""), null);
        }
        try {
            response.validate(req);
        } catch (TSPException | RuntimeException e) {
            throw new TimestampException(id, Reason.MALFORMED, "the token does not match the request: " + e.getMessage(), e);
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new TimestampException(id, Reason.MALFORMED, "granted without a token", null);
        }
        try {
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
            if (matches.isEmpty()) {
                throw new TimestampException(id, Reason.MALFORMED, "the token carries no TSA certificate", null);
            }
            token.validate(verifier(matches.iterator().next()));
            return token.getEncoded();
        } catch (TimestampException e) {
            throw e;
        } catch (Exception e) {
            throw new TimestampException(id, Reason.MALFORMED, "the token's signature does not verify: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // HttpClient gained close() only in Java 21; its threads end when it is unreachable
    }

    @Override
    public String toString() {
        return id;
    }
}
