package io.github.aktenlift.spi;

import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.NotifierProvider;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SealingKeyProvider;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampAuthorityProvider;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Finds adapters by the scheme of a URI: {@code Providers.storage(URI.create("file:/data"), Map.of())}.
 *
 * <p>Selection is deterministic: exactly one provider per type and scheme must be present.
 * Two providers for one scheme are an error naming both classes; a provider that fails to load is
 * reported (as a warning through {@link System.Logger}) and skipped; no provider for a storage,
 * specialist-procedure, sealing-key or timestamp-authority scheme is an error. Only notifications have a fallback: the scheme
 * {@code none} ({@code none:all}) gives {@link Notifier#none()}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Providers {

    private static final System.Logger LOG = System.getLogger(Providers.class.getName());

    private Providers() {
    }

    /**
     * @param location the storage URI, for example {@code file:/var/lib/aktenlift}
     * @param settings further settings
     * @return the opened storage
     * @throws IllegalArgumentException if no provider serves the scheme, or several do
     */
    public static Storage storage(URI location, Map<String, String> settings) {
        return find(StorageProvider.class, ServiceLoader.load(StorageProvider.class), location).open(location, settings);
    }

    /**
     * @param location the procedure URI
     * @param settings further settings
     * @return the opened specialist procedure
     * @throws IllegalArgumentException if no provider serves the scheme, or several do
     */
    public static SpecialistProcedure specialistProcedure(URI location, Map<String, String> settings) {
        return find(SpecialistProcedureProvider.class, ServiceLoader.load(SpecialistProcedureProvider.class), location)
                .open(location, settings);
    }

    /**
     * @param location the notifier URI; {@code none:all} for no notifications
     * @param settings further settings
     * @return the opened notifier
     * @throws IllegalArgumentException if no provider serves the scheme, or several do
     */
    public static Notifier notifier(URI location, Map<String, String> settings) {
        if ("none".equals(scheme(location))) {
            return Notifier.none();
        }
        return find(NotifierProvider.class, ServiceLoader.load(NotifierProvider.class), location).open(location, settings);
    }

    /**
     * @param location the key URI, for example {@code pkcs12:/etc/aktenlift/seal.p12?alias=seal}
     * @param settings further settings, among them secrets such as {@code aktenlift.pkcs12.password}
     * @return the opened key; the caller closes it
     * @throws IllegalArgumentException if no provider serves the scheme, or several do
     */
    public static SealingKey sealingKey(URI location, Map<String, String> settings) {
        return find(SealingKeyProvider.class, ServiceLoader.load(SealingKeyProvider.class), location).open(location, settings);
    }

    /**
     * @param location the authority URI, for example {@code tsa:https://tsa.example.org/tsr}
     * @param settings further settings
     * @return the opened timestamp authority; the caller closes it
     * @throws IllegalArgumentException if no provider serves the scheme, or several do
     */
    public static TimestampAuthority timestampAuthority(URI location, Map<String, String> settings) {
        return find(TimestampAuthorityProvider.class, ServiceLoader.load(TimestampAuthorityProvider.class), location)
                .open(location, settings);
    }

    /**
     * @param location the sealer URI, for example {@code pades:}
     * @param settings further settings: the key, the timestamp authority and trust anchors, and
     *     the key's secrets
     * @return the opened sealer; the caller closes it
     * @throws IllegalArgumentException if no provider serves the scheme, or several do
     * @since 0.2
     */
    public static io.github.aktenlift.spi.sealing.EvidenceSealer evidenceSealer(URI location, Map<String, String> settings) {
        return find(io.github.aktenlift.spi.sealing.EvidenceSealerProvider.class,
                ServiceLoader.load(io.github.aktenlift.spi.sealing.EvidenceSealerProvider.class), location)
                .open(location, settings);
    }

    /**
     * The provider of a type for a URI's scheme, among those a loader finds.
     *
     * @param <P> the provider type
     * @param type the provider type, for messages
     * @param loader where to look
     * @param location the URI whose scheme selects
     * @return the one provider serving the scheme
     * @throws IllegalArgumentException if none or several serve it
     */
    public static <P extends AdapterProvider<?>> P find(Class<P> type, Iterable<P> loader, URI location) {
        String scheme = scheme(location);
        List<P> matching = new ArrayList<>();
        List<String> available = new ArrayList<>();
        var it = loader.iterator();
        while (true) {
            P p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError broken) {
                LOG.log(System.Logger.Level.WARNING, "skipping a broken " + type.getSimpleName() + ": "
                        + broken.getMessage());
                continue;
            }
            String s = Optional.ofNullable(p.scheme()).map(x -> x.toLowerCase(Locale.ROOT)).orElse("");
            available.add(s);
            if (s.equals(scheme)) {
                matching.add(p);
            }
        }
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " for scheme '" + scheme
                    + "' (available: " + (available.isEmpty() ? "none" : String.join(", ", available.stream().sorted().toList()))
                    + ")");
        }
        if (matching.size() > 1) {
            throw new IllegalArgumentException("several " + type.getSimpleName() + "s for scheme '" + scheme + "': "
                    + matching.stream().map(p -> p.getClass().getName()).sorted().collect(Collectors.joining(", ")));
        }
        return matching.get(0);
    }

    private static String scheme(URI location) {
        Objects.requireNonNull(location, "location");
        if (location.getScheme() == null) {
            throw new IllegalArgumentException("adapter location needs a scheme such as file:, s3:// or memory:");
        }
        return location.getScheme().toLowerCase(Locale.ROOT);
    }
}
