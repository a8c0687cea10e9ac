package io.github.aktenlift.examples.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.Notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Posts each notification as a JSON object to one URL, with the notification id as
 * {@code Idempotency-Key} header so that the receiver can drop repeats.
 *
 * <p>Body: {@code {"id":…,"type":…,"recipient":{"kind":…,"value":…},"createdAt":"2026-…Z","details":{…}}}.
 * A 2xx answer means delivered; anything else, a timeout or an I/O error throws
 * {@link UnavailableException} and the caller retries (the SPI's at-least-once contract).
 * Thread-safe: {@link HttpClient} is.
 *
 * @since 0.1
 */
public final class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param endpoint where to post, {@code http} or {@code https}
     * @param timeout how long one delivery may take
     */
    public WebhookNotifier(URI endpoint, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("webhook endpoint must be http or https, got " + scheme);
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void deliver(Notification n) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", n.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(n)))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the endpoint, not the notification, goes into the message: details never leave via logs
            throw new UnavailableException("webhook " + endpoint.getHost() + " did not take notification " + n.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while delivering notification " + n.id(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new UnavailableException("webhook " + endpoint.getHost() + " answered " + response.statusCode()
                    + " to notification " + n.id(), null);
        }
    }

    static byte[] toJson(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", n.id());
        o.put("type", n.type().name());
        ObjectNode r = o.putObject("recipient");
        r.put("kind", n.recipient().kind().name());
        r.put("value", n.recipient().value());
        o.put("createdAt", n.createdAt().toString());
        ObjectNode d = o.putObject("details");
        for (Map.Entry<String, String> e : n.details().entrySet()) {
            d.put(e.getKey(), e.getValue());
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
