package io.github.aktenlift.adapters.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 in the two spellings S3 and the SPI use: Base64 on the wire, lowercase hex in the SPI. */
final class Hashing {

    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static byte[] sha256(byte[] data, int off, int len) {
        MessageDigest md = sha256();
        md.update(data, off, len);
        return md.digest();
    }

    static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
