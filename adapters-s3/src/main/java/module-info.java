/**
 * Aktenlift's S3 adapter: storage on any S3-compatible object store. Depends on the SPI and the
 * AWS SDK for Java v2 only, never on the core. (The name ends in "s3", the store's name, hence
 * the suppressed lint on terminal digits.)
 */
@SuppressWarnings("module")
module io.github.aktenlift.adapters.s3 {
    requires transitive io.github.aktenlift.spi;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http.apache5;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;

    exports io.github.aktenlift.adapters.s3;

    provides io.github.aktenlift.spi.storage.StorageProvider with io.github.aktenlift.adapters.s3.S3StorageProvider;
}
