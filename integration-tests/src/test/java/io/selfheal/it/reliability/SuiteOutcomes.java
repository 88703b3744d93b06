package io.selfheal.it.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Per-test outcomes of one test-suite run, read from the JUnit Platform launcher's legacy XML
 * report ({@code TEST-junit-jupiter.xml}): test id ({@code class#method()}) to outcome.
 */
final class SuiteOutcomes {
    /** A test's outcome: {@code passed}, {@code skipped} or {@code failed: <exception type>}, and what it said. */
    record Outcome(String kind, String detail) {
        boolean passedOrSkipped() {
            return kind.equals("passed") || kind.equals("skipped");
        }

        @Override
        public String toString() {
            return detail.isEmpty() ? kind : kind + " (" + detail + ")";
        }
    }

    private final Map<String, Outcome> byTest;

    private SuiteOutcomes(Map<String, Outcome> byTest) {
        this.byTest = byTest;
    }

    static SuiteOutcomes read(Path reportsDir) {
        Path report = reportsDir.resolve("TEST-junit-jupiter.xml");
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("no report " + report + ": the launcher did not finish its run");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            NodeList cases = builder.parse(report.toFile()).getElementsByTagName("testcase");
            Map<String, Outcome> byTest = new TreeMap<>();
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                String id = testCase.getAttribute("classname") + "#" + testCase.getAttribute("name");
                if (byTest.put(id, outcomeOf(testCase)) != null) {
                    throw new AssertionError("two tests with the id " + id + " in " + report);
                }
            }
            return new SuiteOutcomes(byTest);
        } catch (IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new AssertionError("cannot read " + report, e);
        }
    }

    private static Outcome outcomeOf(Element testCase) {
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                switch (e.getTagName()) {
                    case "failure", "error" -> {
                        return new Outcome("failed: " + e.getAttribute("type"), firstLine(e.getAttribute("message")));
                    }
                    case "skipped" -> {
                        return new Outcome("skipped", "");
                    }
                    default -> {
                        // system-out and the like: not an outcome
                    }
                }
            }
        }
        return new Outcome("passed", "");
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    Map<String, Outcome> byTest() {
        return byTest;
    }

    int size() {
        return byTest.size();
    }
}
