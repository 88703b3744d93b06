package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code events.max-size} and {@code events.keep}, the size parser behind the first, and the no-strategy warning. */
class EventsConfigTest {

    @Test
    void sizesAreAByteCountOrAWholeNumberAndAUnitInPowersOf1024() {
        assertEquals(100L * 1024 * 1024, Sizes.parse("100MB"));
        assertEquals(512L * 1024, Sizes.parse("512KB"));
        assertEquals(1024L * 1024 * 1024, Sizes.parse("1GB"));
        assertEquals(10L * 1024 * 1024, Sizes.parse(" 10 MB "));
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(4096, Sizes.parse("4096B"));
        assertEquals(8L * 1024 * 1024 * 1024 * 1024, Sizes.parse("8192GB"));
        for (String bad : List.of("", "MB", "10mb", "1.5GB", "-1MB", "10 TB", "ten", "10MBs", "99999999999999999999",
                "9999999999GB")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sizes.parse("10mb")).getMessage()
                .contains("512KB, 10MB, 1GB"));
        assertEquals("100MB", Sizes.format(100L * 1024 * 1024));
        assertEquals("2KB", Sizes.format(2048));
        assertEquals("1GB", Sizes.format(1024L * 1024 * 1024));
        assertEquals("1000", Sizes.format(1000));
    }

    @Test
    void maxSizeAndKeepDefaultTo100MbAnd3() throws ConfigException {
        EventsConfig events = ConfigLoader.parse("targets: []\n", "f.yaml").events();
        assertEquals(100L * 1024 * 1024, events.maxSize());
        assertEquals(3, events.keep());
    }

    @Test
    void maxSizeAndKeepAreRead() throws ConfigException {
        EventsConfig events = ConfigLoader.parse("events: { max-size: 512KB, keep: 5 }\n", "f.yaml").events();
        assertEquals(512L * 1024, events.maxSize());
        assertEquals(5, events.keep());
        assertEquals(2048, ConfigLoader.parse("events: { max-size: 2048, keep: 0 }\n", "f.yaml").events().maxSize());
    }

    @Test
    void aBadSizeOrKeepIsAProblemWithLineColumnAndKey() {
        String text = """
                events:
                  file: e.jsonl
                  max-size: 10 furlongs
                  keep: -1
                """;
        String all = assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, "f.yaml")).getMessage();
        assertTrue(all.contains("f.yaml:3:13: events.max-size: '10 furlongs' is not a size; write a byte count"
                + " or a whole number and a unit: 512KB, 10MB, 1GB"), all);
        assertTrue(all.contains("f.yaml:4:9: events.keep: must be between 0 and 1000, found -1"), all);

        for (String[] bad : new String[][] {{"max-size: 12", "events.max-size: must be at least 1KB, found '12'"},
                {"max-size: true", "events.max-size: expected a size such as 512KB, 10MB or 1GB, found 'true'"},
                {"max-size: [ 1MB ]", "events.max-size: expected a size such as 512KB, 10MB or 1GB, found a list"},
                {"max-size:", "events.max-size: has no value"},
                {"keep: lots", "events.keep: expected a whole number, found 'lots'"},
                {"max-sise: 1MB", "unknown key 'max-sise'; did you mean 'max-size'?"}}) {
            String message = assertThrows(ConfigException.class,
                    () -> ConfigLoader.parse("events:\n  " + bad[0] + "\n", "f.yaml")).getMessage();
            assertTrue(message.contains("f.yaml:2:") && message.contains(bad[1]), bad[0] + " -> " + message);
        }
    }

    @Test
    void aTargetWithoutAStrategyIsAWarningNamingItsLineAndTheConfigStillLoads() throws ConfigException {
        String text = """
                strategies:
                  java.io.IOException: retry
                targets:
                  - name: watched
                    class: com.acme.Watched
                  - name: retried
                    class: com.acme.Retried
                    retry: {}
                  - name: emptyChain
                    class: com.acme.EmptyChain
                    fallback: []
                  - name: timed
                    class: com.acme.Timed
                    latency: true
                  - name: predictedOnly
                    class: com.acme.Predicted
                    prediction: { action: none }
                  - name: predictedAndActing
                    class: com.acme.Predicted
                    prediction: { action: isolate }
                """;
        AgentConfig config = ConfigLoader.parse(text, "f.yaml");
        List<String> warnings = ConfigWarnings.of(config).stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "f.yaml:4:5: targets.watched: target 'watched' has no strategy: it only observes",
                "f.yaml:9:5: targets.emptyChain: target 'emptyChain' has no strategy: it only observes",
                "f.yaml:15:5: targets.predictedOnly: target 'predictedOnly' has no strategy: it only observes"),
                warnings);
        assertEquals(6, config.targets().size(), "a warning leaves every target in");
    }

    @Test
    void everyStrategyBlockCountsAndDefaultsAndLevelsGiveOne() throws ConfigException {
        for (String block : List.of("retry: {}", "fallback: [ { empty: true } ]", "circuit-breaker: {}", "isolate: { after: 3 }",
                "timeout: 1s", "restore: {}", "hot-patch: { jar: p.jar }", "latency: true", "level: basic",
                "strategy: adaptive\n    candidates: [ retry, fallback ]\n    retry: {}\n    fallback: [ { empty: true } ]",
                "prediction: {}")) {
            AgentConfig c = ConfigLoader.parse("targets:\n  - class: com.acme.A\n    " + block + "\n", "f.yaml");
            assertTrue(c.targets().get(0).hasStrategy(), block);
        }
        AgentConfig withCheckpoint = ConfigLoader.parse("""
                checkpoints: { state: [ { class: com.acme.A, fields: [ x ] } ] }
                targets: [ { class: com.acme.A, restore-checkpoint: {} } ]
                """, "f.yaml");
        assertTrue(withCheckpoint.targets().get(0).hasStrategy());
        AgentConfig fromDefaults = ConfigLoader.parse("defaults: { retry: { max-attempts: 2 } }\n"
                + "targets: [ { class: com.acme.A } ]\n", "f.yaml");
        assertTrue(fromDefaults.targets().get(0).hasStrategy(), "defaults: are laid under the target");
        assertTrue(ConfigWarnings.of(fromDefaults).isEmpty());
        assertFalse(ConfigLoader.parse("targets: [ { class: com.acme.A, methods: [ run ] } ]\n", "f.yaml")
                .targets().get(0).hasStrategy());
    }
}
