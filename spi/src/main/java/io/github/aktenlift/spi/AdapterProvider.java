package io.github.aktenlift.spi;

import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A factory for one kind of adapter, found by {@link java.util.ServiceLoader} and chosen by the URI
 * scheme it serves. Implementations have a public no-argument constructor, are registered both in
 * {@code META-INF/services} and with {@code provides … with …} in their {@code module-info}, and
 * are stateless.
 *
 * @param <T> the adapter type: {@code Storage}, {@code SpecialistProcedure}, {@code Notifier},
 *     {@code SealingKey} or {@code TimestampAuthority}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface AdapterProvider<T> {

    /**
     * @return the URI scheme this provider serves, lowercase, for example {@code file}, {@code s3}
     *     or {@code memory}; never {@code null}, and unique among providers of the same type
     */
    String scheme();

    /**
     * Opens an adapter. Fails fast: a missing or malformed setting raises
     * {@link IllegalArgumentException} naming the setting, before any I/O.
     *
     * @param location where, for example {@code file:/var/lib/aktenlift} or {@code s3://bucket/prefix}
     * @param settings further settings, named {@code aktenlift.<scheme>.<name>}; never {@code null}
     * @return the adapter; the caller closes it where it is closeable
     * @throws IllegalArgumentException if the location or a setting is unusable
     * @throws UnsupportedCapabilityException if the backing system lacks something the adapter needs
     * @throws UnavailableException if the backing system cannot be reached
     */
    T open(URI location, Map<String, String> settings);
}
