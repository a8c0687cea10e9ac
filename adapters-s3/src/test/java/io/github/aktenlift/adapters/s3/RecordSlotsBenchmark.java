package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new process pays to read one record that has been rewritten 10,000 times, with slots
 * reclaimed (the adapter's default) and with every slot kept (as before issue 13). Asserts
 * correctness and the bound on objects only, never timings. Left out of the default run (tag
 * {@code benchmark}; {@link RecordReclamationTest} checks the same bound up to 1,000 writes); run with
 *
 * <pre>
 * mvn -B -o -pl adapters-s3 -am test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=RecordSlotsBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The floor is one LIST and one GET: the least any read of a record kept as objects must do.
 * Requests and objects listed are counted by a proxy in front of S3Proxy; read times are the
 * median of five new adapter instances reading directly. With every slot kept, the writes after
 * the 1,000th are planted as raw PUTs of slot objects: S3Proxy's in-memory store scans the whole
 * bucket for every LIST, so 10,000 writes through the adapter take about 12 minutes there (one run
 * did: 10 LISTs, 10,000 objects listed), and for the listing cost only the number of slot objects
 * counts. Lines starting with {@code BENCH} are meant for grep.
 */
@Tag("benchmark")
@DisplayName("Record slots benchmark: a new process reads a record rewritten 10,000 times")
class RecordSlotsBenchmark {

    private static final List<Integer> CHECKPOINTS = List.of(10, 100, 1_000, 10_000);
    private static final int WRITTEN_THROUGH_ADAPTER_IF_KEPT = 1_000;

    @Test
    @DisplayName("prints LIST requests, objects listed, GETs and time of a new process's read, and write time, with and without reclamation")
    void rewrites() throws IOException {
        System.out.printf("BENCH RecordSlotsBenchmark on %d cores, %s %s; floor of a read: 1 LIST + 1 GET%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        run("reclaimed (keep 8, every 8)", S3Records.Reclamation.DEFAULT, true);
        run("kept (no reclamation)", new S3Records.Reclamation(8, Integer.MAX_VALUE), false);
    }

    private static void run(String label, S3Records.Reclamation reclamation, boolean reclaimed) throws IOException {
        try (S3ProxyServer server = S3ProxyServer.inMemoryUnsigned(); FaultProxy proxy = new FaultProxy(server.endpoint());
             S3Client raw = server.rawClient()) {
            URI location = URI.create("s3://" + server.newBucket() + "/bench");
            String bucket = location.getAuthority();
            Key key = Key.of("records/journal/head");
            ObjectNames names = new ObjectNames("bench");
            try (S3Storage writer = S3Storage.open(location, server.settings(), reclamation)) {
                int written = 0;
                for (int checkpoint : CHECKPOINTS) {
                    long t0 = System.nanoTime();
                    int phase = checkpoint - written;
                    String how = "";
                    if (!reclaimed && checkpoint > WRITTEN_THROUGH_ADAPTER_IF_KEPT) {
                        byte[] top = raw.getObjectAsBytes(b -> b.bucket(bucket).key(names.recordSlot(key, 999))).asByteArray();
                        for (; written < checkpoint; written++) {
                            String name = names.recordSlot(key, written);
                            raw.putObject(b -> b.bucket(bucket).key(name), RequestBody.fromBytes(top));
                        }
                        how = " (planted)";
                    }
                    for (; written < checkpoint; written++) {
                        writer.records().compareAndSet(key, written, ("value " + written).getBytes(StandardCharsets.UTF_8));
                    }
                    double writeMs = (System.nanoTime() - t0) / 1e6 / phase;
                    long slots = slots(raw, bucket, names.recordPrefix(key));
                    long lists;
                    long gets;
                    long objects;
                    try (S3Storage fresh = S3Storage.open(location, S3ProxyServer.settings(proxy.endpoint()), reclamation)) {
                        proxy.clearRequests();
                        assertThat(fresh.records().get(key)).isPresent();
                        List<String> requests = proxy.requests();
                        lists = requests.stream().filter(r -> r.startsWith("GET ") && r.contains("list-type=2")).count();
                        gets = requests.stream().filter(r -> r.startsWith("GET ") && !r.contains("list-type=2")).count();
                        objects = proxy.objectsListed();
                    }
                    double[] readMs = new double[5];
                    for (int i = 0; i < readMs.length; i++) {
                        try (S3Storage fresh = S3Storage.open(location, server.settings(), reclamation)) {
                            long r0 = System.nanoTime();
                            fresh.records().get(key).orElseThrow();
                            readMs[i] = (System.nanoTime() - r0) / 1e6;
                        }
                    }
                    Arrays.sort(readMs);
                    System.out.printf("BENCH %-28s after %,6d writes: %,6d slots stored; a new process's read: %2d LIST,"
                                    + " %,6d objects listed, %d GET, %,7.1f ms; these %,d writes %.2f ms each%s%n", label,
                            written, slots, lists, objects, gets, readMs[2], phase, writeMs, how);
                    if (reclaimed) {
                        assertThat(slots).isLessThanOrEqualTo(reclamation.keep() + reclamation.every());
                        assertThat(lists).isEqualTo(1);
                        assertThat(objects).isLessThanOrEqualTo(reclamation.keep() + reclamation.every());
                    }
                }
            }
        }
    }

    private static long slots(S3Client raw, String bucket, String prefix) {
        return raw.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> ObjectNames.batchStart(prefix, o.key()) >= 0).count();
    }
}
