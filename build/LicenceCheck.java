import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Fails when a component of a CycloneDX SBOM (XML) has no licence or one outside the allow-list.
 *
 * <p>Usage: {@code java build/LicenceCheck.java SBOM.xml ALLOW-LIST [offline=true|false]}. With
 * {@code offline=true} (Maven's {@code ${settings.offline}}) nothing is checked, which is said:
 * the CycloneDX plugin makes no SBOM when Maven runs offline, and one left by an earlier build may
 * be stale. A licence expression passes
 * when every {@code AND} part and at least one {@code OR} alternative of each is allowed.
 *
 * <p>Exit codes: 0 all allowed, 1 a component without an allowed licence (each is listed), 2 usage
 * or input error. A single-file program on the JDK alone, so that the check needs no plugin of its
 * own and can be tried by hand on any SBOM (.ci/run does so on a planted one).
 */
public final class LicenceCheck {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java LicenceCheck.java SBOM.xml ALLOW-LIST [offline=true|false]");
            System.exit(2);
        }
        Path sbom = Path.of(args[0]);
        boolean offline = args.length > 2 && args[2].equals("offline=true");
        if (offline) {
            // the CycloneDX plugin makes no SBOM offline; one left by an earlier build may be stale
            System.out.println("[licence check] Maven is offline, so no SBOM was made: not checked");
            return;
        }
        if (!Files.isRegularFile(sbom)) {
            System.err.println("[licence check] no SBOM at " + sbom);
            System.exit(2);
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String entry = line.replaceAll("#.*", "").trim();
            if (!entry.isEmpty()) {
                allowed.add(normal(entry));
            }
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(sbom.toFile()).getDocumentElement();
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (Element components : children(root, "components")) {
            for (Element component : children(components, "component")) {
                checked++;
                String name = text(component, "purl");
                if (name == null) {
                    name = text(component, "group") + ":" + text(component, "name");
                }
                List<String> licences = licences(component);
                if (licences.isEmpty()) {
                    refused.add(name + ": no licence");
                } else if (!licences.stream().allMatch(l -> allowedExpression(l, allowed))) {
                    refused.add(name + ": " + String.join(", ", licences));
                }
            }
        }
        if (!refused.isEmpty()) {
            System.err.println("[licence check] " + refused.size() + " of " + checked
                    + " components lack a licence on the allow-list (build/licence-allow-list.txt):");
            refused.forEach(r -> System.err.println("  " + r));
            System.exit(1);
        }
        System.out.println("[licence check] " + checked + " components, every licence on the allow-list");
    }

    /** Each licence of a component: an id, a name or an expression. */
    private static List<String> licences(Element component) {
        List<String> out = new ArrayList<>();
        for (Element licences : children(component, "licenses")) {
            for (Element l : children(licences, "license")) {
                String id = text(l, "id");
                out.add(id != null ? id : String.valueOf(text(l, "name")));
            }
            for (Element e : children(licences, "expression")) {
                out.add(e.getTextContent().trim());
            }
        }
        return out;
    }

    private static boolean allowedExpression(String expression, Set<String> allowed) {
        for (String all : expression.replaceAll("[()]", " ").split("\\s+AND\\s+")) {
            boolean any = false;
            for (String alternative : all.split("\\s+OR\\s+")) {
                any |= allowed.contains(normal(alternative.replaceAll("\\s+WITH\\s+.*", "")));
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static String normal(String licence) {
        return licence.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }
}
