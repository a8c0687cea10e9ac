package io.github.aktenlift.examples;

import java.io.PrintStream;

/**
 * The Aktenlift command line. {@code demo [files]} runs the office scenario end to end and prints a
 * status table.
 *
 * @since 0.1
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        // The library logs through SLF4J; the demo shows warnings only, so that its table stays readable.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println("usage: aktenlift demo [case-files] [--dir <empty or new directory>]");
            out.println("       runs the office scenario on the filesystem adapter (default 200 case files, a new");
            out.println("       temporary directory)");
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("demo")) {
            err.println("aktenlift: unknown command '" + args[0] + "' (try --help)");
            return 2;
        }
        int files = 200;
        java.nio.file.Path dir = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dir") && i + 1 < args.length) {
                dir = java.nio.file.Path.of(args[++i]);
            } else if (args[i].matches("[0-9]{1,6}")) {
                files = Integer.parseInt(args[i]);
            } else {
                err.println("aktenlift: unexpected argument '" + args[i] + "' (try --help)");
                return 2;
            }
        }
        if (files < 25 || files > 100_000) {
            err.println("aktenlift: case-files must be a number from 25 to 100000, got " + files);
            return 2;
        }
        try {
            if (dir == null) {
                dir = java.nio.file.Files.createTempDirectory("aktenlift-demo-");
            } else if (java.nio.file.Files.isDirectory(dir)) {
                try (var entries = java.nio.file.Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        err.println("aktenlift: " + dir + " is not empty; the demo starts a new office in an empty directory");
                        return 2;
                    }
                }
            }
        } catch (java.io.IOException e) {
            err.println("aktenlift: cannot use the working directory: " + e.getMessage());
            return 2;
        }
        return new Demo(files, dir, out).run();
    }
}
