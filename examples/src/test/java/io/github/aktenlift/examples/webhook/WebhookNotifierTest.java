package io.github.aktenlift.examples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.testkit.contract.NotifierContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook notifier against a real HTTP server on loopback: the Notifier contract, and its failures. */
@DisplayName("The webhook notifier")
class WebhookNotifierTest extends NotifierContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Notification> arrived = new ArrayList<>();
    private final List<String> idempotencyKeys = new ArrayList<>();
    private final AtomicInteger failWith = new AtomicInteger();

    /** Started from {@link #createNotifier()}, which the contract's own {@code @BeforeEach} calls first. */
    private void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failWith.get();
            if (status == 0) {
                synchronized (arrived) {
                    arrived.add(parse(body));
                    idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                }
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    protected Notifier createNotifier() throws IOException {
        startServer();
        return Providers.notifier(URI.create("webhook:" + endpoint()), Map.of(WebhookNotifierProvider.TIMEOUT, "PT5S"));
    }

    @Override
    protected List<Notification> received() {
        synchronized (arrived) {
            return List.copyOf(arrived);
        }
    }

    private static Notification parse(byte[] body) throws IOException {
        JsonNode n = JSON.readTree(body);
        Map<String, String> details = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : n.get("details").properties()) {
            details.put(e.getKey(), e.getValue().asText());
        }
        return new Notification(n.get("id").asText(), NotificationType.valueOf(n.get("type").asText()),
                new Recipient(Recipient.Kind.valueOf(n.get("recipient").get("kind").asText()),
                        n.get("recipient").get("value").asText()),
                Instant.parse(n.get("createdAt").asText()), details);
    }

    private static Notification sample(String id) {
        return new Notification(id, NotificationType.RECALL_SERVED, Recipient.address("akten@example.org"),
                Instant.parse("2026-03-04T10:00:00Z"), Map.of("barcode", "F000000017X"));
    }

    @Test
    @DisplayName("sends the notification id as Idempotency-Key")
    void idempotencyKey() {
        notifier.deliver(sample("n-42"));
        assertThat(idempotencyKeys).containsExactly("n-42");
    }

    @Test
    @DisplayName("a non-2xx answer is UnavailableException naming the status and the notification, not its details")
    void serverError() {
        failWith.set(503);
        assertThatThrownBy(() -> notifier.deliver(sample("n-1"))).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("503").hasMessageContaining("n-1").hasMessageNotContaining("F000000017X");
        failWith.set(0);
        notifier.deliver(sample("n-1"));
        assertThat(received()).extracting(Notification::id).containsExactly("n-1");
    }

    @Test
    @DisplayName("an unreachable endpoint is UnavailableException within the timeout")
    void unreachable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        Notifier n = new WebhookNotifier(URI.create("http://127.0.0.1:" + port + "/hook"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> n.deliver(sample("n-2"))).isInstanceOf(UnavailableException.class);
    }

    @Test
    @DisplayName("a bad URI or setting fails fast, naming the setting")
    void badSettings() {
        assertThatThrownBy(() -> Providers.notifier(URI.create("webhook:ftp://x/y"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> Providers.notifier(URI.create("webhook:" + endpoint()),
                Map.of(WebhookNotifierProvider.TIMEOUT, "5 seconds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WebhookNotifierProvider.TIMEOUT);
    }
}
