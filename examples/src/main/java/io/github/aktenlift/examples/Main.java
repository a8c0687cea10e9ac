package io.github.aktenlift.examples;

import java.io.PrintStream;
import java.util.Arrays;

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
            out.println("usage: aktenlift demo [case-files]   run the office scenario (default 200 case files)");
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("demo")) {
            err.println("aktenlift: unknown command '" + args[0] + "' (try --help)");
            return 2;
        }
        int files = 200;
        if (args.length > 1) {
            try {
                files = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                files = -1;
            }
            if (files < 25 || files > 100_000) {
                err.println("aktenlift: case-files must be a number from 25 to 100000, got '" + args[1] + "'");
                return 2;
            }
        }
        if (args.length > 2) {
            err.println("aktenlift: unexpected arguments " + Arrays.toString(Arrays.copyOfRange(args, 2, args.length)));
            return 2;
        }
        return new Demo(files, out).run();
    }
}
