package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampAuthorityProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Opens an RFC 3161 HTTP client: {@code tsa:https://tsa.example.org/tsr}. Settings:
 * {@link SealingSettings#TSA_TIMEOUT_MILLIS} (default 10000) and {@link SealingSettings#TSA_POLICY}.
 * Opening does no I/O.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HttpTimestampAuthorityProvider implements TimestampAuthorityProvider {

    /** The scheme served. */
    public static final String SCHEME = "tsa";

    /** For {@link java.util.ServiceLoader}. */
    public HttpTimestampAuthorityProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public TimestampAuthority open(URI location, Map<String, String> settings) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        URI endpoint;
        try {
            endpoint = URI.create(location.getRawSchemeSpecificPart()
                    + (location.getRawFragment() == null ? "" : "#" + location.getRawFragment()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a tsa URI wraps an http(s) URL: tsa:https://tsa.example.org/tsr", e);
        }
        String t = settings.getOrDefault(SealingSettings.TSA_TIMEOUT_MILLIS, "10000").trim();
        long millis;
        try {
            millis = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + SealingSettings.TSA_TIMEOUT_MILLIS + " is not a number: " + t, e);
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("setting " + SealingSettings.TSA_TIMEOUT_MILLIS + " must be positive");
        }
        return new HttpTimestampAuthority(endpoint, Duration.ofMillis(millis),
                Optional.ofNullable(settings.get(SealingSettings.TSA_POLICY)));
    }
}
