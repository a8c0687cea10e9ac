package io.github.aktenlift.adapters.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of a real S3Proxy that injects faults into chosen requests: a 503
 * instead of forwarding, a 503 after forwarding (the write landed, the answer is lost), a hang, or
 * a hold until the test releases it (before forwarding: a stalled client; after: a stalled answer).
 * It records every request with the status answered and counts the objects in LIST answers. The
 * S3Proxy behind it checks no signatures, since the Host header changes on the way.
 */
final class FaultProxy implements AutoCloseable {

    enum Fault { NONE, FAIL_503, FORWARD_THEN_503, HANG, NOT_IMPLEMENTED_501, HOLD, FORWARD_THEN_HOLD }

    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "expect",
            "keep-alive", "upgrade");

    private final HttpServer server;
    private final URI target;
    private final AtomicReference<Predicate<String>> faultOn = new AtomicReference<>(r -> false);
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final AtomicLong objectsListed = new AtomicLong();
    private final Semaphore holding = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);

    FaultProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} requests with this method get the fault. */
    void inject(String method, Fault f, int times) {
        inject(r -> r.startsWith(method + " "), f, times);
    }

    /** The next {@code times} requests whose "METHOD path?query" matches get the fault. */
    void inject(Predicate<String> request, Fault f, int times) {
        faultOn.set(request);
        fault.set(f);
        faultsLeft.set(times);
    }

    /** Waits until a request is held by {@link Fault#HOLD} or {@link Fault#FORWARD_THEN_HOLD}. */
    void awaitHeld() throws InterruptedException {
        if (!holding.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no request was held within 30 s");
        }
    }

    /** Lets every held request (and every later one that would be held) go on. */
    void release() {
        release.countDown();
    }

    /** @return "METHOD path?query" of every request so far */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** @return "METHOD path?query STATUS" of every request answered so far, in the order answered */
    List<String> answered() {
        return List.copyOf(answered);
    }

    /** @return how many objects all ListObjectsV2 answers so far have named */
    long objectsListed() {
        return objectsListed.get();
    }

    void clearRequests() {
        requests.clear();
        answered.clear();
        objectsListed.set(0);
    }

    private void hold() {
        holding.release();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held request was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String request = method + " " + ex.getRequestURI();
        requests.add(request);
        Fault f = Fault.NONE;
        if (faultOn.get().test(request) && faultsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            f = fault.get();
        }
        try (ex) {
            if (f == Fault.FAIL_503) {
                ex.getRequestBody().readAllBytes();
                error(ex);
                return;
            }
            if (f == Fault.NOT_IMPLEMENTED_501) {
                ex.getRequestBody().readAllBytes();
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code>"
                        + "<Message>injected</Message></Error>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/xml");
                ex.sendResponseHeaders(501, xml.length);
                ex.getResponseBody().write(xml);
                return;
            }
            if (f == Fault.HANG) {
                ex.getRequestBody().readAllBytes();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (f == Fault.HOLD) {
                hold();
            }
            HttpURLConnection c = (HttpURLConnection) target.resolve(ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()))
                    .toURL().openConnection();
            c.setRequestMethod(method);
            c.setInstanceFollowRedirects(false);
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    for (String v : h.getValue()) {
                        c.addRequestProperty(h.getKey(), v);
                    }
                }
            }
            String length = ex.getRequestHeaders().getFirst("Content-Length");
            if (length != null && Long.parseLong(length) > 0) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(Long.parseLong(length));
                try (OutputStream out = c.getOutputStream(); InputStream in = ex.getRequestBody()) {
                    in.transferTo(out);
                }
            }
            int status = c.getResponseCode();
            InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            if (f == Fault.FORWARD_THEN_503) {
                error(ex);
                return;
            }
            if (f == Fault.FORWARD_THEN_HOLD) {
                hold();
            }
            if (method.equals("GET") && request.contains("list-type=2") && status == 200) {
                objectsListed.addAndGet(occurrences(bytes, "<Contents>"));
            }
            answered.add(request + " " + status);
            for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
                if (h.getKey() != null && !HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    ex.getResponseHeaders().put(h.getKey(), h.getValue());
                }
            }
            boolean noBody = method.equals("HEAD") || bytes.length == 0;
            ex.sendResponseHeaders(status, noBody ? -1 : bytes.length);
            if (!noBody) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    private static int occurrences(byte[] body, String tag) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        int n = 0;
        for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length())) {
            n++;
        }
        return n;
    }

    private static void error(HttpExchange ex) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>ServiceUnavailable</Code>"
                + "<Message>injected</Message></Error>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(503, xml.length);
        ex.getResponseBody().write(xml);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
