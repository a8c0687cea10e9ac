package io.github.aktenlift.adapters.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy 4.0.0 over its filesystem store in a child JVM on 127.0.0.1, for the tests that measure
 * this JVM's heap: a server in the same JVM buffers request bodies in the same heap and would be
 * charged to the adapter. Same jars as the test (the test's class path), loopback only.
 */
final class S3ProxyProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private S3ProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3ProxyProcess start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path props = Files.createTempFile("s3proxy", ".properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + S3ProxyServer.ACCESS_KEY,
                "s3proxy.credential=" + S3ProxyServer.SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir, ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.gaul.s3proxy.Main", "--properties", props.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("S3Proxy child process did not start");
                }
                Thread.sleep(100);
            }
        }
        return new S3ProxyProcess(p, port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put(S3Settings.ENDPOINT, endpoint().toString());
        s.put(S3Settings.REGION, "us-east-1");
        s.put(S3Settings.PATH_STYLE, "true");
        s.put(S3Settings.ACCESS_KEY, S3ProxyServer.ACCESS_KEY);
        s.put(S3Settings.SECRET_KEY, S3ProxyServer.SECRET_KEY);
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
