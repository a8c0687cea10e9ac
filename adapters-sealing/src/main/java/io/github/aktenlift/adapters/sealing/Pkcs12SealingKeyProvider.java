package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SealingKeyProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Opens a sealing key kept in a PKCS#12 file: {@code pkcs12:/etc/aktenlift/seal.p12?alias=seal}.
 * The alias may be left out if the store holds exactly one key. Settings:
 * {@link SealingSettings#PKCS12_PASSWORD} (required), {@link SealingSettings#PKCS12_KEY_PASSWORD},
 * {@link SealingSettings#PKCS12_CRLS}, {@link SealingSettings#PKCS12_QUALIFIED}.
 *
 * <p>Opening fails fast with {@link IllegalArgumentException} naming the file and alias if the file
 * is missing, the password wrong, the alias absent or ambiguous, the certificate expired or not for
 * signing, or the private key does not match the certificate (proved by a probe signature).
 *
 * <p>The key signs in the JVM (the JDK's providers); signing is thread-safe and concurrent.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Pkcs12SealingKeyProvider implements SealingKeyProvider {

    /** The scheme served. */
    public static final String SCHEME = "pkcs12";

    /** For {@link java.util.ServiceLoader}. */
    public Pkcs12SealingKeyProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public SealingKey open(URI location, Map<String, String> settings) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        if (location.getPath() == null || location.getPath().isEmpty()) {
            throw new IllegalArgumentException("a pkcs12 URI names an absolute file: pkcs12:/path/to/seal.p12?alias=seal");
        }
        Map<String, String> query = KeyUris.attributes(location.getRawQuery(), "&", location);
        String alias = query.remove("alias");
        if (!query.isEmpty()) {
            throw new IllegalArgumentException("unknown pkcs12 URI attribute(s) " + query.keySet() + " (known: alias)");
        }
        String password = settings.get(SealingSettings.PKCS12_PASSWORD);
        if (password == null) {
            throw new IllegalArgumentException("setting " + SealingSettings.PKCS12_PASSWORD + " is missing");
        }
        String keyPassword = settings.getOrDefault(SealingSettings.PKCS12_KEY_PASSWORD, password);
        Path file = Path.of(location.getPath());
        String id = SCHEME + ":" + file.getFileName() + "#" + (alias == null ? "" : alias);
        Supplier<RevocationData> revocation = JcaSealingKey.crlFiles(id, SealingSettings.paths(settings, SealingSettings.PKCS12_CRLS));
        return open(file, alias, password.toCharArray(), keyPassword.toCharArray(), revocation,
                SealingSettings.flag(settings, SealingSettings.PKCS12_QUALIFIED));
    }

    /**
     * Opens a PKCS#12 key in code.
     *
     * @param file the PKCS#12 file
     * @param alias the key entry's alias, or {@code null} if the store holds exactly one key
     * @param storePassword the store's password
     * @param keyPassword the key entry's password
     * @param revocation asked after each signing for revocation data to embed in long-term seals
     * @param qualified whether the operator declares the key qualified
     * @return the key, probed
     * @throws IllegalArgumentException if the file, password, alias or certificate is unusable
     * @throws UnavailableException if the file cannot be read
     */
    public static SealingKey open(Path file, String alias, char[] storePassword, char[] keyPassword,
            Supplier<RevocationData> revocation, boolean qualified) {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(file)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, storePassword);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("PKCS#12 file " + file + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("wrong password for PKCS#12 file " + file, e);
            }
            throw new UnavailableException("cannot read PKCS#12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PKCS#12 file " + file + " is unusable: " + e.getMessage(), e);
        }
        try {
            String chosen = alias == null ? onlyKey(ks, file) : alias;
            if (!ks.isKeyEntry(chosen)) {
                throw new IllegalArgumentException("PKCS#12 file " + file + " has no key under alias '" + chosen + "'");
            }
            Key k = ks.getKey(chosen, keyPassword);
            if (!(k instanceof PrivateKey pk)) {
                throw new IllegalArgumentException("alias '" + chosen + "' in " + file + " holds no private key");
            }
            Certificate[] certs = ks.getCertificateChain(chosen);
            if (certs == null || certs.length == 0) {
                throw new IllegalArgumentException("alias '" + chosen + "' in " + file + " has no certificate chain");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            JcaSealingKey key = new JcaSealingKey(SCHEME + ":" + file.getFileName() + "#" + chosen, pk, null, chain,
                    qualified, revocation, false);
            key.checkUsable();
            return key;
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("wrong key password for PKCS#12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PKCS#12 file " + file + " is unusable: " + e.getMessage(), e);
        }
    }

    private static String onlyKey(KeyStore ks, Path file) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("PKCS#12 file " + file + " holds " + keys.size()
                    + " keys " + keys + "; name one with ?alias=");
        }
        return keys.get(0);
    }
}
