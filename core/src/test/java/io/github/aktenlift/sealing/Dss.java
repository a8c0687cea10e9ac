package io.github.aktenlift.sealing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * (A copy of the sealing adapter's test helper of the same name: test classes are not shared between modules.)
 *
 * The EU's DSS as the independent judge of our seals: validates offline (no CRL, OCSP or AIA
 * fetching) with the test root as the only trust anchor.
 *
 * <p>DSS runs in its own class loader on the Bouncy Castle it was built with (1.83), because
 * Bouncy Castle 1.85 and later reject the zero padding after the CMS that every PDF signature's
 * /Contents carries, and DSS parses it with the strict constructor (see the parent POM). The loader
 * holds the test class path without our Bouncy Castle plus DSS's, and sees nothing of the test's
 * classes but through JDK types.
 */
final class Dss {

    /** What DSS said about one signature or timestamp. */
    record Verdict(String kind, String id, String format, String indication, String subIndication, boolean intact,
            boolean valid, String errors, String warnings) {

        boolean totalPassed() {
            return "TOTAL_PASSED".equals(indication);
        }

        @Override
        public String toString() {
            return kind + " " + format + " " + indication + ("null".equals(subIndication) ? "" : "/" + subIndication)
                    + " intact=" + intact + " valid=" + valid + (errors.isEmpty() ? "" : " errors=[" + errors + "]")
                    + (warnings.isEmpty() ? "" : " warnings=[" + warnings + "]");
        }
    }

    /** What DSS said about a document. */
    record Result(List<Verdict> signatures, List<Verdict> timestamps) {
        Verdict only() {
            if (signatures.size() != 1) {
                throw new AssertionError("expected one signature, DSS found " + signatures);
            }
            return signatures.get(0);
        }
    }

    private static final Method VALIDATE = judge();

    private Dss() {
    }

    /** Validates with what the document carries only. */
    static Result validate(Path pdf, X509Certificate trustAnchor) {
        return run(pdf, null, trustAnchor, null);
    }

    /** Validates as a relying party that has fetched the CA's current CRL. */
    static Result validate(Path pdf, X509Certificate trustAnchor, byte[] crl) {
        return run(pdf, null, trustAnchor, crl);
    }

    static Result validateDetached(Path signature, Path data, X509Certificate trustAnchor, byte[] crl) {
        return run(signature, data, trustAnchor, crl);
    }

    @SuppressWarnings("unchecked")
    private static Result run(Path document, Path detached, X509Certificate trustAnchor, byte[] crl) {
        List<List<String>> rows;
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(VALIDATE.getDeclaringClass().getClassLoader());
        try {
            rows = (List<List<String>>) VALIDATE.invoke(null, document.toString(),
                    detached == null ? null : detached.toString(), trustAnchor.getEncoded(), crl);
        } catch (ReflectiveOperationException | CertificateEncodingException e) {
            throw new AssertionError("DSS failed", e);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        List<Verdict> sigs = new ArrayList<>();
        List<Verdict> tss = new ArrayList<>();
        for (List<String> r : rows) {
            Verdict v = new Verdict(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), Boolean.parseBoolean(r.get(5)),
                    Boolean.parseBoolean(r.get(6)), r.get(7), r.get(8));
            (v.kind().equals("signature") ? sigs : tss).add(v);
        }
        return new Result(sigs, tss);
    }

    private static Method judge() {
        String dir = System.getProperty("aktenlift.dss.bouncycastle");
        if (dir == null) {
            throw new IllegalStateException("system property aktenlift.dss.bouncycastle is not set (the POM sets it)");
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        try {
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isEmpty() && !entry.contains("bouncycastle")) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            try (Stream<Path> jars = Files.list(Path.of(dir))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            URLClassLoader loader = new URLClassLoader("dss", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            return loader.loadClass(DssJudge.class.getName()).getMethod("validate", String.class, String.class, byte[].class, byte[].class);
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set up DSS's class loader", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
