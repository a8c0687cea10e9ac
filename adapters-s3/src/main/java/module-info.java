/**
 * Aktenlift's s3 adapter. Depends on the SPI only, never on the core.
 */
module io.github.aktenlift.adapters.s3 {
    requires io.github.aktenlift.spi;
    // The adapter package is exported once it holds its first type: javac refuses to export a
    // package that has nothing but package-info.
}
