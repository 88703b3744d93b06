package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The subset reader against Jackson: for every text it accepts, the same tree (kinds, lines,
 * columns, keys, scalar texts and types) and the same problems; real configs must be in the
 * subset, and what is not must be left to Jackson.
 */
class SubsetYamlReaderTest {

    @Test
    void theHandWrittenNumberChecksAgreeWithTheRegularExpressionsTheyReplace() {
        List<String> texts = new ArrayList<>(List.of("", "-", "0", "-0", "00", "01", "-01", "7", "10", "-10", "3s",
                "50ms", "1.", ".5", "0.5", "-0.5", "00.5", "1.5.", "1..2", "1.2.3", "0.0.0.0", "1.2", "1.2.3.",
                "127.0.0.1", "+1", "1e3", "0x1F", "1_000", "1:30", "2.5s", "-1.2.3",
                "123456789012345678", "1234567890123456789", "-123456789012345678",
                "123456789012345.123456789012345", "1234567890123456.1", "1.1234567890123456"));
        String alphabet = "0123-.";
        for (int a = 0; a < alphabet.length(); a++) {
            for (int b = 0; b < alphabet.length(); b++) {
                for (int c = 0; c < alphabet.length(); c++) {
                    for (int d = 0; d < alphabet.length(); d++) {
                        texts.add("" + alphabet.charAt(a) + alphabet.charAt(b) + alphabet.charAt(c) + alphabet.charAt(d));
                    }
                }
            }
        }
        for (String t : texts) {
            assertEquals(t.matches("-?(0|[1-9][0-9]{0,17})"), SubsetYamlReader.isPlainLong(t), "long: " + t);
            assertEquals(t.matches("-?(0|[1-9][0-9]{0,14})\\.[0-9]{1,15}"), SubsetYamlReader.isPlainDecimal(t),
                    "decimal: " + t);
            assertEquals(t.matches("[0-9]+(\\.[0-9]+){2,}"), SubsetYamlReader.isDottedDigitGroups(t), "dotted: " + t);
        }
    }

    @Test
    void theConfigSamplesAreInTheSubsetAndReadAsJacksonReadsThem() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("selfheal.samples.dir", "../config-samples")))) {
            samples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(true, samples.size() >= 5, "samples found: " + samples);
        for (Path p : samples) {
            String text = Files.readString(p);
            assertNotNull(SubsetYamlReader.read(text, new Problems("x.yaml")), p + " should be in the subset");
            assertSameAsJackson(p.toString(), text);
        }
        assertNotNull(SubsetYamlReader.read(BadConfigCorpus.VALID, new Problems("x.yaml")));
    }

    @Test
    void everyCorpusTextReadsAsJacksonReadsIt() {
        Map<String, String> corpus = new LinkedHashMap<>(BadConfigCorpus.generate());
        corpus.put("valid", BadConfigCorpus.VALID);
        int inSubset = 0;
        for (Map.Entry<String, String> e : corpus.entrySet()) {
            if (assertSameAsJackson(e.getKey(), e.getValue())) {
                inSubset++;
            }
        }
        assertEquals(true, inSubset > corpus.size() / 2, inSubset + " of " + corpus.size() + " in the subset");
    }

    @Test
    void scalarsAndShapesReadAsJacksonReadsThem() {
        List<String> texts = new ArrayList<>(List.of(
                "a: 1\nb: -1\nc: 1.5\nd: 0.25\ne: 0\nf: -0\ng: 30s\nh: 100ms\ni: 0.5s\nj: 1h\nk: abc\n",
                "a: true\nb: True\nc: TRUE\nd: false\ne: yes\nf: no\ng: on\nh: off\ni: null\nj: ~\nk: Null\n",
                "a: 'it''s'\nb: \"x\\\"y\\\\z\"\nc: \"\"\nd: ''\ne: \"1\"\nf: 'true'\n",
                "a: http://x.y/z\nb: a:b\nc: x # comment\nd: x#y\ne: com.acme.*\nf: -x\n",
                "list:\n  - a\n  - 1\n  - { k: v, n: 2 }\n  - [ x, y ]\n",
                "list:\n- a\n- b\nnext: 1\n",
                "targets:\n  - name: a\n    class: b\n    retry: { max-attempts: 3, backoff: { initial: 1ms } }\n  - name: c\n",
                "a:\n  b:\n    c: 1\n  d: [ ]\n  e: { }\n",
                "# only a comment\n\n",
                "",
                "a: 1\na: 2\nb: { x: 1, x: 2 }\n",
                "'quoted key': 1\n\"other\": 2\n",
                "a:\n  - - x\n",
                "a: [ 1, 2, ]\n",
                "a: 99999999999999999999\n",
                "- a\n- b\n",
                "scalar\n",
                "a:   spaced   \nb:\n  value on next line\n",
                "a: \u00e9t\u00e9\n",
                "a: 0.0.0.0\nb: 127.0.0.1\nc: 1.2.3\nd: 10.0.0.255\n"));
        for (String t : texts) {
            assertSameAsJackson(t, t);
        }
    }

    @Test
    void whatIsNotPlainYamlIsLeftToJackson() {
        for (String t : List.of("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n",
                "---\na: 1\n", "a:\n", "a: \n  b\n  c\n", "a: [ 1,\n  2 ]\n", "a: 0x1F\n", "a: 1_000\n",
                "a: 1e3\n", "a: +1\n", "a: 012\n", "a: .inf\n", "a: Yes\n", "a: y\n", "a:\tb\n", "a: 1\r\n",
                "a: b: c\n", "a: [unclosed\n", "a: \"\\u0041\"\n", "? a\n: b\n", "a: 1..2\n")) {
            assertNull(SubsetYamlReader.read(t, new Problems("x.yaml")), t);
        }
    }

    /** @return true when the subset reader read it (and gave Jackson's answer) */
    private static boolean assertSameAsJackson(String label, String text) {
        Problems subsetProblems = new Problems("x.yaml");
        SubsetYamlReader.Tree tree = SubsetYamlReader.read(text, subsetProblems);
        if (tree == null) {
            return false;
        }
        Problems jacksonProblems = new Problems("x.yaml");
        YamlNode expected = JacksonTreeReader.read(text, jacksonProblems);
        assertEquals(describe(expected), describe(tree.root), label);
        assertEquals(jacksonProblems.sorted().toString(), subsetProblems.sorted().toString(), label);
        return true;
    }

    private static String describe(YamlNode node) {
        if (node == null) {
            return "none";
        }
        String at = "@" + node.line() + ":" + node.column();
        if (node instanceof YamlNode.MapNode m) {
            StringBuilder sb = new StringBuilder("{" + at);
            m.entries().values().forEach(e -> sb.append(' ').append(e.key()).append('@').append(e.line())
                    .append(':').append(e.column()).append('=').append(describe(e.value())));
            return sb.append('}').toString();
        }
        if (node instanceof YamlNode.ListNode l) {
            StringBuilder sb = new StringBuilder("[" + at);
            l.items().forEach(i -> sb.append(' ').append(describe(i)));
            return sb.append(']').toString();
        }
        YamlNode.ScalarNode s = (YamlNode.ScalarNode) node;
        Object v = s.value();
        return "'" + s.text() + "'" + at + (v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
    }
}
