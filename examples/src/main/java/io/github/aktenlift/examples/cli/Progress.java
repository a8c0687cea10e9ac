package io.github.aktenlift.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of long work on stderr: done / total and the rate. On a terminal one line is redrawn
 * in place a few times a second; elsewhere (a log, a pipe) a line is written every few seconds and
 * when the work ends. {@code --quiet} silences it. Results never go here: they go to stdout.
 */
final class Progress {

    private static final long TERMINAL_EVERY_NANOS = 150_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;

    Progress(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /**
     * @param what what is being done, such as {@code capture D-0001}
     * @param total how many units there are, or 0 if unknown
     * @param unit what is counted, such as {@code case files}
     * @return the task; close it when the work is done
     */
    Task start(String what, long total, String unit) {
        return new Task(what, total, unit);
    }

    /**
     * One piece of long work. Thread-safe: a poller may update it while the work runs. Call
     * {@link #done()} when it succeeded; closing it without shows no summary.
     */
    final class Task implements AutoCloseable {
        private final String what;
        private final long total;
        private final String unit;
        private final long started = System.nanoTime();
        private long done;
        private long shownAt;
        private int shownLength;
        private boolean closed;
        private boolean succeeded;
        private ScheduledExecutorService poller;

        private Task(String what, long total, String unit) {
            this.what = what;
            this.total = total;
            this.unit = unit;
            this.shownAt = started;
        }

        /** @param n units just finished */
        synchronized void advance(long n) {
            update(done + n);
        }

        /** @param count units finished so far */
        synchronized void update(long count) {
            done = count;
            long now = System.nanoTime();
            if (!quiet && !closed && now - shownAt >= (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
                show(now, false);
            }
        }

        /**
         * Asks {@code count} for the units done five times a second, for work that reports nothing
         * itself, until the task is closed.
         */
        synchronized void poll(LongSupplier count) {
            if (quiet || poller != null) {
                return;
            }
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aktenlift-progress");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleAtFixedRate(() -> update(count.getAsLong()), 200, 200, TimeUnit.MILLISECONDS);
        }

        /** Marks the work as finished: closing shows the final count and the time taken. */
        synchronized void done() {
            succeeded = true;
        }

        /** Stops polling; ends the progress line, with the final count if the work is {@link #done()}. */
        @Override
        public void close() {
            ScheduledExecutorService p;
            synchronized (this) {
                p = poller;
            }
            if (p != null) {
                p.shutdownNow();
                try {
                    p.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                if (!closed && !quiet && succeeded) {
                    show(System.nanoTime(), true);
                } else if (!closed && terminal && shownLength > 0) {
                    err.println(); // what follows (an error) starts on a line of its own
                    err.flush();
                }
                closed = true;
            }
        }

        private void show(long now, boolean last) {
            double seconds = (now - started) / 1e9;
            StringBuilder line = new StringBuilder(what).append(": ").append(done);
            if (total > 0) {
                line.append('/').append(total);
            }
            line.append(' ').append(unit);
            if (total > 0 && !last) {
                line.append(String.format(Locale.ROOT, " (%d %%)", Math.min(100, done * 100 / total)));
            }
            if (last) {
                // the time taken always; a rate only over a span long enough to mean something
                line.append(String.format(Locale.ROOT, " in %.1f s", seconds));
                if (seconds > 0.05) {
                    line.append(String.format(Locale.ROOT, ", %.1f/s", done / seconds));
                }
            } else if (seconds > 0.05) {
                line.append(String.format(Locale.ROOT, ", %.1f/s", done / seconds));
            }
            if (terminal) {
                String text = line.toString();
                err.print('\r' + text + " ".repeat(Math.max(0, shownLength - text.length())));
                shownLength = text.length();
                if (last) {
                    err.println();
                }
            } else {
                err.println(line);
            }
            err.flush();
            shownAt = now;
        }
    }
}
