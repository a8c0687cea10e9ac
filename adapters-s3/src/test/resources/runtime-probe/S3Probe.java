import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Run by RuntimeClassPathTest as a single source file in a child JVM whose class path is exactly the
 * adapter's classes and its declared runtime dependencies: opens the adapter through ServiceLoader,
 * writes an object, a record and a log entry, reads them back. Arguments: location, endpoint,
 * access key, secret key.
 */
public class S3Probe {
    public static void main(String[] args) throws Exception {
        Map<String, String> settings = Map.of("aktenlift.s3.endpoint", args[1], "aktenlift.s3.region", "us-east-1",
                "aktenlift.s3.pathStyle", "true", "aktenlift.s3.accessKey", args[2], "aktenlift.s3.secretKey", args[3]);
        try (Storage storage = Providers.storage(URI.create(args[0]), settings)) {
            byte[] hello = "runtime class path".getBytes(StandardCharsets.UTF_8);
            storage.content().put(Key.of("probe/object"), new ByteArrayInputStream(hello));
            byte[] back;
            try (InputStream in = storage.content().get(Key.of("probe/object"))) {
                back = in.readAllBytes();
            }
            storage.records().compareAndSet(Key.of("probe/record"), 0, hello);
            storage.logs().append(Key.of("probe/log"), 0, java.util.List.of(hello));
            if (!java.util.Arrays.equals(back, hello) || storage.logs().length(Key.of("probe/log")) != 1
                    || storage.records().get(Key.of("probe/record")).isEmpty()) {
                System.out.println("mismatch");
                System.exit(2);
            }
            System.out.println("ok " + storage.getClass().getName());
        }
    }
}
