package io.github.aktenlift.examples.webhook;

import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.NotifierProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Opens a {@link WebhookNotifier} for {@code webhook:https://host/path} URIs. Setting
 * {@value #TIMEOUT} (ISO-8601 duration, default {@code PT10S}) bounds each delivery.
 *
 * @since 0.1
 */
public final class WebhookNotifierProvider implements NotifierProvider {

    /** Delivery timeout, an ISO-8601 duration such as {@code PT5S}. */
    public static final String TIMEOUT = "aktenlift.webhook.timeout";

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public WebhookNotifierProvider() {
    }

    @Override
    public String scheme() {
        return "webhook";
    }

    @Override
    public Notifier open(URI location, Map<String, String> settings) {
        String target = location.getSchemeSpecificPart();
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("webhook URI needs a target, as in webhook:https://host/path");
        }
        Duration timeout;
        try {
            timeout = Duration.parse(settings.getOrDefault(TIMEOUT, "PT10S"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(TIMEOUT + " must be an ISO-8601 duration such as PT5S");
        }
        return new WebhookNotifier(URI.create(target), timeout);
    }
}
