package io.github.aktenlift.adapters.sealing;

import org.apiguardian.api.API;

/**
 * The settings the sealing adapter's providers read, in one place. Secrets (passwords, PINs) are
 * settings, never part of a URI, so that a URI can be logged.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SealingSettings {

    /** Password of a {@code pkcs12:} store (and of its key, unless {@link #PKCS12_KEY_PASSWORD} is set). Required. */
    public static final String PKCS12_PASSWORD = "aktenlift.pkcs12.password";
    /** Password of the key entry in a {@code pkcs12:} store, if it differs from the store's. */
    public static final String PKCS12_KEY_PASSWORD = "aktenlift.pkcs12.key-password";
    /** Comma-separated DER CRL files embedded into long-term seals of a {@code pkcs12:} key. */
    public static final String PKCS12_CRLS = "aktenlift.pkcs12.crls";
    /** {@code true} if the operator declares a {@code pkcs12:} key qualified. Default {@code false}. */
    public static final String PKCS12_QUALIFIED = "aktenlift.pkcs12.qualified";

    /** User PIN of a {@code pkcs11:} token. Required unless the URI's {@code pin-source} names a file. */
    public static final String PKCS11_PIN = "aktenlift.pkcs11.pin";
    /** The PKCS#11 module (shared library) path, if the URI has no {@code module-path}. */
    public static final String PKCS11_LIBRARY = "aktenlift.pkcs11.library";
    /** Comma-separated DER CRL files embedded into long-term seals of a {@code pkcs11:} key. */
    public static final String PKCS11_CRLS = "aktenlift.pkcs11.crls";
    /** {@code true} if the operator declares a {@code pkcs11:} key qualified. Default {@code false}. */
    public static final String PKCS11_QUALIFIED = "aktenlift.pkcs11.qualified";

    /** Timeout of one RFC 3161 exchange in milliseconds (connect plus answer). Default 10000. */
    public static final String TSA_TIMEOUT_MILLIS = "aktenlift.tsa.timeout-millis";
    /** TSA policy OID to request. Default: the authority's default policy. */
    public static final String TSA_POLICY = "aktenlift.tsa.policy";

    private SealingSettings() {
    }

    static boolean flag(java.util.Map<String, String> settings, String name) {
        String v = settings.getOrDefault(name, "false").trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("setting " + name + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    static java.util.List<java.nio.file.Path> paths(java.util.Map<String, String> settings, String name) {
        String v = settings.getOrDefault(name, "").trim();
        if (v.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<java.nio.file.Path> out = new java.util.ArrayList<>();
        for (String part : v.split(",")) {
            java.nio.file.Path p = java.nio.file.Path.of(part.trim());
            if (!java.nio.file.Files.isReadable(p)) {
                throw new IllegalArgumentException("setting " + name + ": cannot read " + p);
            }
            out.add(p);
        }
        return out;
    }
}
