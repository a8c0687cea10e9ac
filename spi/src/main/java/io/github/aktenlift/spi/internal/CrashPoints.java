package io.github.aktenlift.spi.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Named crash points: a call to {@link #reach(String)} at every durable step of a storage adapter
 * (and later of the core), so that a crash test can kill a process at exactly that step and show
 * what a restart finds there.
 *
 * <p><b>Unarmed</b> — the normal case — {@code reach} tests one {@code static final boolean} that
 * is {@code false}, which the JIT folds away: it costs nothing.
 *
 * <p><b>Armed</b> by system properties of the JVM, read once when this class is loaded:
 * <ul>
 * <li>{@value #POINT}{@code =<name>} or {@code <name>@<n>}: the first (or the {@code n}-th)
 *     time the point is reached, the thread writes the name into the file named by
 *     {@value #SIGNAL} (created, written, forced to disk) and then blocks forever, holding
 *     whatever locks it holds; the test, which watches for the file, kills the JVM with SIGKILL.
 *     {@value #SIGNAL} is required with {@value #POINT}.</li>
 * <li>{@value #TRACE}{@code =<file>}: every point reached is appended to the file, one name per
 *     line, in the order reached, so that a test can enumerate the points a workload passes.</li>
 * </ul>
 *
 * <p>Point names are lowercase dotted words, such as {@code fs.log.append.fsynced}; each module
 * keeps its names as constants in one place. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CrashPoints {

    /** The system property naming the point to stop at: {@code <name>} or {@code <name>@<n>}. */
    public static final String POINT = "aktenlift.crashpoint";

    /** The system property naming the file written when the armed point is reached. */
    public static final String SIGNAL = "aktenlift.crashpoint.signal";

    /** The system property naming the file every reached point is appended to. */
    public static final String TRACE = "aktenlift.crashpoint.trace";

    private static final boolean ARMED = System.getProperty(POINT) != null || System.getProperty(TRACE) != null;

    private CrashPoints() {
    }

    /**
     * Marks that the calling thread has reached the named point. Does nothing unless armed.
     *
     * @param name the point's name, never {@code null}
     */
    public static void reach(String name) {
        if (ARMED) {
            Armed.INSTANCE.arrive(name);
        }
    }

    /** {@code <name>} or {@code <name>@<n>}, parsed. */
    record Target(String name, int occurrence) {

        Target {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.indexOf('@') >= 0) {
                throw new IllegalArgumentException("crash point name must be non-empty and without '@': " + name);
            }
            if (occurrence < 1) {
                throw new IllegalArgumentException("crash point occurrence must be >= 1: " + occurrence);
            }
        }

        static Target parse(String text) {
            int at = text.lastIndexOf('@');
            if (at < 0) {
                return new Target(text, 1);
            }
            try {
                return new Target(text.substring(0, at), Integer.parseInt(text.substring(at + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("crash point must be <name> or <name>@<n>: " + text, e);
            }
        }
    }

    /** The armed state, loaded only when a property asks for it. */
    private static final class Armed {
        static final Armed INSTANCE = new Armed(System.getProperty(POINT), System.getProperty(SIGNAL),
                System.getProperty(TRACE));

        private final Target target;
        private final Path signal;
        private final FileChannel trace;
        private int seen;

        private Armed(String point, String signal, String trace) {
            this.target = point == null ? null : Target.parse(point);
            if (point != null && signal == null) {
                throw new IllegalStateException(POINT + " needs " + SIGNAL);
            }
            this.signal = signal == null ? null : Path.of(signal);
            try {
                this.trace = trace == null ? null : FileChannel.open(Path.of(trace), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void arrive(String name) {
            boolean stop;
            synchronized (this) {
                if (trace != null) {
                    write(trace, name + "\n");
                }
                stop = target != null && target.name().equals(name) && ++seen == target.occurrence();
                if (stop) {
                    try (FileChannel ch = FileChannel.open(signal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        write(ch, name + "\n");
                        ch.force(true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            if (stop) {
                blockForever();
            }
        }

        private static void write(FileChannel ch, String text) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            try {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void blockForever() {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // a crash point holds until the process is killed; an interrupt does not release it
                }
            }
        }
    }
}
