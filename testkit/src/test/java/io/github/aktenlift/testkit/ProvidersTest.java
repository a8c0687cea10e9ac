package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Provider discovery by URI scheme")
class ProvidersTest {

    @Test
    @DisplayName("finds the memory: adapters through ServiceLoader")
    void memory() {
        try (Storage s = Providers.storage(URI.create("memory:test"), Map.of())) {
            assertThat(s).isInstanceOf(InMemoryStorage.class);
        }
        assertThat(Providers.specialistProcedure(URI.create("MEMORY:x"), Map.of()))
                .isInstanceOf(InMemorySpecialistProcedure.class);
        assertThat(Providers.notifier(URI.create("memory:test"), Map.of())).isInstanceOf(InMemoryNotifier.class);
    }

    @Test
    @DisplayName("an unknown scheme for storage is an error naming what is available; for notifications none:all is the fallback")
    void unknownScheme() {
        assertThatThrownBy(() -> Providers.storage(URI.create("ftp://host/x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp").hasMessageContaining("memory");
        assertThatThrownBy(() -> Providers.storage(URI.create("relative/path"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme");
        Notifier none = Providers.notifier(URI.create("none:all"), Map.of());
        none.deliver(new Notification("n", NotificationType.OVERDUE, Recipient.role("r"), Instant.EPOCH, Map.of()));
        assertThatThrownBy(() -> Providers.notifier(URI.create("smtp://mail"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("two providers for one scheme are an error naming both; a broken one is skipped")
    void ambiguityAndBrokenProviders() {
        StorageProvider a = new MemoryProviders.Storages();
        StorageProvider b = new StorageProvider() {
            @Override
            public String scheme() {
                return "memory";
            }

            @Override
            public Storage open(URI location, Map<String, String> settings) {
                throw new AssertionError("not to be opened");
            }
        };
        assertThatThrownBy(() -> Providers.find(StorageProvider.class, List.of(a, b), URI.create("memory:test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MemoryProviders.Storages.class.getName())
                .hasMessageContaining(b.getClass().getName());

        Iterable<StorageProvider> withBroken = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 2;
            }

            @Override
            public StorageProvider next() {
                if (i >= 2) {
                    throw new NoSuchElementException();
                }
                if (i++ == 0) {
                    throw new ServiceConfigurationError("com.example.Broken could not be instantiated");
                }
                return a;
            }
        };
        assertThat(Providers.find(StorageProvider.class, withBroken, URI.create("memory:test"))).isSameAs(a);
    }
}
