package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, point 2 (the bulk, in-process): every generated broken config is rejected with a
 * {@link ConfigException} (never another exception), and each of its problems names a line and a
 * key. The child-JVM half is in the integration tests (BadConfigTest).
 */
class BadConfigCorpusTest {
    private static final Pattern LINE_AND_KEY = Pattern.compile("^x\\.yaml:\\d+:\\d+: \\S+.*: .+");

    @Test
    void theValidBaseLoads() {
        assertDoesNotThrow(() -> ConfigLoader.parse(BadConfigCorpus.VALID, "x.yaml"));
    }

    @Test
    void everyBrokenConfigIsRejectedWithLineAndKey() {
        Map<String, String> corpus = BadConfigCorpus.generate();
        assertTrue(corpus.size() >= 200, "only " + corpus.size() + " broken configs");
        List<String> wrong = new ArrayList<>();
        int problems = 0;
        for (Map.Entry<String, String> e : corpus.entrySet()) {
            try {
                ConfigLoader.parse(e.getValue(), "x.yaml");
                wrong.add(e.getKey() + ": ACCEPTED\n" + e.getValue());
            } catch (ConfigException ce) {
                if (ce.problems().isEmpty()) {
                    wrong.add(e.getKey() + ": no problem listed");
                }
                for (ConfigProblem p : ce.problems()) {
                    problems++;
                    if (p.line() <= 0 || p.key() == null || p.key().isBlank()
                            || !LINE_AND_KEY.matcher(p.toString()).matches()) {
                        wrong.add(e.getKey() + ": no line or key: " + p);
                    }
                }
            } catch (Throwable t) {
                wrong.add(e.getKey() + ": threw " + t);
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " of " + corpus.size() + " broken configs were not reported well:\n"
                    + String.join("\n", wrong));
        }
        System.out.println("bad-config corpus: " + corpus.size() + " files, " + problems + " problems, all with line and key");
    }
}
