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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP proxy in front of a real S3Proxy that injects faults into chosen requests: a 503
 * instead of forwarding, a 503 after forwarding (the write landed, the answer is lost), or a hang.
 * The S3Proxy behind it checks no signatures, since the Host header changes on the way.
 */
final class FaultProxy implements AutoCloseable {

    enum Fault { NONE, FAIL_503, FORWARD_THEN_503, HANG, NOT_IMPLEMENTED_501 }

    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "expect",
            "keep-alive", "upgrade");

    private final HttpServer server;
    private final URI target;
    private final AtomicReference<String> faultMethod = new AtomicReference<>("");
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

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
        faultMethod.set(method);
        fault.set(f);
        faultsLeft.set(times);
    }

    /** @return "METHOD path?query" of every request so far */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        requests.add(method + " " + ex.getRequestURI());
        Fault f = Fault.NONE;
        if (method.equals(faultMethod.get()) && faultsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
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
