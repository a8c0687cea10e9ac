package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.NotifierProvider;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageProvider;

import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The {@code memory:} providers: every {@code open} gives a new, empty in-memory adapter. The part
 * after the scheme is a free label ({@code memory:test}); {@link java.net.URI} needs one.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class MemoryProviders {

    /** The scheme these providers serve. */
    public static final String SCHEME = "memory";

    private MemoryProviders() {
    }

    /**
     * {@code memory:} storage.
     *
     * @since 0.1
     */
    public static final class Storages implements StorageProvider {
        /** Creates the provider (for {@link java.util.ServiceLoader}). */
        public Storages() {
        }

        @Override
        public String scheme() {
            return SCHEME;
        }

        @Override
        public Storage open(URI location, Map<String, String> settings) {
            return new InMemoryStorage();
        }
    }

    /**
     * {@code memory:} specialist procedure.
     *
     * @since 0.1
     */
    public static final class Procedures implements SpecialistProcedureProvider {
        /** Creates the provider (for {@link java.util.ServiceLoader}). */
        public Procedures() {
        }

        @Override
        public String scheme() {
            return SCHEME;
        }

        @Override
        public SpecialistProcedure open(URI location, Map<String, String> settings) {
            return new InMemorySpecialistProcedure();
        }
    }

    /**
     * {@code memory:} notifier.
     *
     * @since 0.1
     */
    public static final class Notifiers implements NotifierProvider {
        /** Creates the provider (for {@link java.util.ServiceLoader}). */
        public Notifiers() {
        }

        @Override
        public String scheme() {
            return SCHEME;
        }

        @Override
        public Notifier open(URI location, Map<String, String> settings) {
            return new InMemoryNotifier();
        }
    }
}
