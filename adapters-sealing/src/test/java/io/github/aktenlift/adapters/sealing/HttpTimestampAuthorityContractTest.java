package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.testkit.contract.TimestampAuthorityContract;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The HTTP client passes the timestamp authority contract, opened by URI through the SPI. */
class HttpTimestampAuthorityContractTest extends TimestampAuthorityContract {

    @Override
    protected TimestampAuthority createAuthority(URI endpoint, Duration timeout) {
        return Providers.timestampAuthority(URI.create("tsa:" + endpoint),
                Map.of(SealingSettings.TSA_TIMEOUT_MILLIS, Long.toString(timeout.toMillis())));
    }
}
