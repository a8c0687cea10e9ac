package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SealingKeyProvider;

import javax.security.auth.login.LoginException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Opens a sealing key on a PKCS#11 token (an HSM, a smart card, SoftHSM) through the JDK's
 * SunPKCS11 provider, addressed by an RFC 7512 URI:
 * {@code pkcs11:object=seal;slot-id=0?module-path=/usr/lib/softhsm/libsofthsm2.so}.
 *
 * <p>Path attributes: {@code object} (the key's label, which SunPKCS11 uses as its alias;
 * required), {@code slot-id} (the PKCS#11 slot id) or {@code slot-index} (an index into the list
 * of slots with a token, default 0; an Aktenlift extension, since SunPKCS11 cannot select by
 * token label). Query attributes: {@code module-path} (the PKCS#11 library, else the setting
 * {@link SealingSettings#PKCS11_LIBRARY}) and {@code pin-source} (a file holding the user PIN,
 * else the setting {@link SealingSettings#PKCS11_PIN}). {@code pin-value} in the URI is refused:
 * URIs get logged.
 *
 * <p>The token must hold the certificate (and ideally its chain) under the same label as the
 * private key, as SunPKCS11 requires to see a key entry. Opening logs in, checks the certificate
 * and proves with a probe signature that key and certificate belong together. Signing uses
 * {@code NONEwithRSA} over a DigestInfo or {@code NONEwithECDSA}, so only the digest reaches the
 * token. SunPKCS11 keeps a session pool; signing is thread-safe. {@link SealingKey#close()} logs
 * out; since a PKCS#11 login holds for the whole process, open one key per token and JVM (a second
 * key on the same token would lose its login when the first is closed, and a wrong PIN goes
 * unnoticed while another key is logged in).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Pkcs11SealingKeyProvider implements SealingKeyProvider {

    /** The scheme served. */
    public static final String SCHEME = "pkcs11";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** For {@link java.util.ServiceLoader}. */
    public Pkcs11SealingKeyProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public SealingKey open(URI location, Map<String, String> settings) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        String ssp = location.getRawSchemeSpecificPart();
        int q = ssp.indexOf('?');
        Map<String, String> path = KeyUris.attributes(q < 0 ? ssp : ssp.substring(0, q), ";", location);
        Map<String, String> query = KeyUris.attributes(q < 0 ? null : ssp.substring(q + 1), "&", location);
        if (query.containsKey("pin-value")) {
            throw new IllegalArgumentException("pin-value in a pkcs11 URI is refused; use pin-source or the setting "
                    + SealingSettings.PKCS11_PIN);
        }
        String object = path.remove("object");
        if (object == null || object.isEmpty()) {
            throw new IllegalArgumentException("a pkcs11 URI names the key: pkcs11:object=<label>");
        }
        String slotId = path.remove("slot-id");
        String slotIndex = path.remove("slot-index");
        path.remove("token");
        if (!path.isEmpty()) {
            throw new IllegalArgumentException("unsupported pkcs11 URI attribute(s) " + path.keySet()
                    + " (supported: object, slot-id, slot-index, token)");
        }
        String library = query.remove("module-path");
        if (library == null) {
            library = settings.get(SealingSettings.PKCS11_LIBRARY);
        }
        if (library == null) {
            throw new IllegalArgumentException("no PKCS#11 library: module-path in the URI or setting "
                    + SealingSettings.PKCS11_LIBRARY);
        }
        if (!Files.isReadable(Path.of(library))) {
            throw new IllegalArgumentException("PKCS#11 library " + library + " is not readable");
        }
        String pinSource = query.remove("pin-source");
        if (!query.isEmpty()) {
            throw new IllegalArgumentException("unsupported pkcs11 URI query attribute(s) " + query.keySet()
                    + " (supported: module-path, pin-source)");
        }
        char[] pin = pin(pinSource, settings);
        String slot = slotId != null ? "slot = " + Integer.parseInt(slotId)
                : "slotListIndex = " + (slotIndex == null ? 0 : Integer.parseInt(slotIndex));
        String id = SCHEME + ":object=" + object + (slotId != null ? ";slot-id=" + slotId : ";slot-index="
                + (slotIndex == null ? "0" : slotIndex));
        Supplier<RevocationData> revocation = JcaSealingKey.crlFiles(id, SealingSettings.paths(settings, SealingSettings.PKCS11_CRLS));
        return open(id, library, slot, object, pin, revocation, SealingSettings.flag(settings, SealingSettings.PKCS11_QUALIFIED));
    }

    private static char[] pin(String pinSource, Map<String, String> settings) {
        if (pinSource != null) {
            Path file = Path.of(pinSource.startsWith("file:") ? URI.create(pinSource).getPath() : pinSource);
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the PIN file " + file, e);
            }
        }
        String pin = settings.get(SealingSettings.PKCS11_PIN);
        if (pin == null) {
            throw new IllegalArgumentException("no PIN: pin-source in the URI or setting " + SealingSettings.PKCS11_PIN);
        }
        return pin.toCharArray();
    }

    private static SealingKey open(String id, String library, String slot, String alias, char[] pin,
            Supplier<RevocationData> revocation, boolean qualified) {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new IllegalStateException("this JDK has no SunPKCS11 provider");
        }
        String config = "--name = aktenlift" + INSTANCES.incrementAndGet() + "\nlibrary = " + library + "\n" + slot + "\n";
        Provider p;
        try {
            p = base.configure(config);
        } catch (RuntimeException e) {
            throw new UnavailableException("cannot load PKCS#11 library " + library + " for " + id + ": " + e.getMessage(), e);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", p);
            ks.load(null, pin);
            if (!ks.isKeyEntry(alias)) {
                throw new IllegalArgumentException("token of " + id + " has no key entry '" + alias
                        + "' (a private key with a certificate under that label)");
            }
            Key k = ks.getKey(alias, null);
            if (!(k instanceof PrivateKey pk)) {
                throw new IllegalArgumentException("'" + alias + "' on the token of " + id + " is no private key");
            }
            Certificate[] certs = ks.getCertificateChain(alias);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            JcaSealingKey key = new Pkcs11Key(id, pk, p, chain, qualified, revocation);
            key.checkUsable();
            return key;
        } catch (IOException e) {
            if (pinRefused(e)) {
                throw new IllegalArgumentException("login to the token of " + id + " failed (wrong PIN?)", e);
            }
            throw new UnavailableException("cannot open the token of " + id + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the token of " + id + " is unusable: " + e.getMessage(), e);
        }
    }

    private static boolean pinRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LoginException || String.valueOf(t.getMessage()).contains("CKR_PIN")) {
                return true;
            }
        }
        return false;
    }

    /** Logs out of the token on close. */
    private static final class Pkcs11Key extends JcaSealingKey {
        private final Provider provider;

        Pkcs11Key(String id, PrivateKey key, Provider provider, List<X509Certificate> chain, boolean qualified,
                Supplier<RevocationData> revocation) {
            super(id, key, provider, chain, qualified, revocation, false);
            this.provider = provider;
        }

        @Override
        public void close() {
            super.close();
            if (provider instanceof AuthProvider a) {
                try {
                    a.logout();
                } catch (LoginException e) {
                    throw new SealingException(id(), SealingException.Reason.UNAVAILABLE, "logout failed", e);
                }
            }
        }
    }
}
