package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema generated from the config keys ({@link ConfigReference#schema()}) accepts every
 * sample, which names it on its first line, and rejects what the loader rejects for an unknown
 * key, a bad duration and a value out of range.
 */
class ConfigSchemaTest {
    static final String SCHEMA_LINE = "# yaml-language-server: $schema=./selfheal.schema.json";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final SchemaValidator validator;

    ConfigSchemaTest() throws IOException {
        validator = new SchemaValidator(new ObjectMapper().readTree(ConfigReference.schema()));
    }

    private List<String> errors(String yaml) throws IOException {
        return validator.validate(YAML.readTree(yaml));
    }

    @Test
    void everySampleNamesTheSchemaOnItsFirstLineAndIsValid() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("selfheal.samples.dir", "../config-samples")))) {
            samples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(samples.size() >= 5, "samples found: " + samples);
        for (Path p : samples) {
            String text = Files.readString(p);
            assertEquals(SCHEMA_LINE, text.lines().findFirst().orElse(""), p + ": first line");
            assertEquals(List.of(), errors(text), p.toString());
        }
        assertEquals(List.of(), errors(BadConfigCorpus.VALID), "the corpus's valid config");
    }

    @Test
    void rejectsAnUnknownKeyAtTheTopAndInABlock() throws IOException {
        String top = "evnets:\n  file: x.jsonl\ntargets:\n  - class: a.B\n";
        assertEquals(List.of("$.evnets: unknown key 'evnets'"), errors(top));
        String inRetry = "targets:\n  - class: a.B\n    retry: { max-attempts: 3, max-atempts: 4 }\n";
        assertEquals(List.of("$.targets[0].retry.max-atempts: unknown key 'max-atempts'"), errors(inRetry));
        assertLoaderRejects(top, "unknown top-level key 'evnets'");
        assertLoaderRejects(inRetry, "unknown key 'max-atempts'; did you mean 'max-attempts'?");
    }

    @Test
    void rejectsABadDuration() throws IOException {
        for (String bad : List.of("20 parsecs", "20", "20msec", "-20ms", "1.5.2s")) {
            String yaml = "targets:\n  - class: a.B\n    retry: { backoff: { initial: " + bad + " } }\n";
            List<String> errors = errors(yaml);
            assertEquals(1, errors.size(), bad + ": " + errors);
            assertTrue(errors.get(0).startsWith("$.targets[0].retry.backoff.initial: "), errors.get(0));
            assertLoaderRejects(yaml, "targets[0].retry.backoff.initial");
        }
        assertEquals(List.of(), errors("targets:\n  - class: a.B\n    timeout: 1.5s\n    retry: { backoff: { initial: 250 ms } }\n"));
    }

    @Test
    void rejectsValuesOutOfRangeOrOfTheWrongKind() throws IOException {
        assertEquals(1, errors("targets:\n  - class: a.B\n    retry: { max-attempts: 0 }\n").size());
        assertEquals(1, errors("targets:\n  - class: a.B\n    retry: { max-attempts: 1.5 }\n").size());
        assertEquals(1, errors("targets:\n  - class: a.B\n    restore: { depth: medium }\n").size());
        assertEquals(List.of(), errors("targets:\n  - name: used-from-code\n"));   // a target used only from code
        assertEquals(1, errors("targets:\n  - retry: { max-attempts: 2 }\n").size());   // no class, supertype or name
        assertEquals(1, errors("strategies:\n  java.io.IOException: [ retry, pray ]\n").size());
        assertEquals(List.of(), errors("strategies:\n  java.io.IOException: [ retry, fallback ]\n"
                + "targets:\n  - class: a.B\n    circuit-breaker: { window: 10s }\n  - class: c.D\n"
                + "    circuit-breaker: { window: 50 }\n    retry:\n"));
    }

    @Test
    void theValidatorRefusesKeywordsItDoesNotKnow() throws IOException {
        SchemaValidator v = new SchemaValidator(new ObjectMapper().readTree("{\"oneOf\": []}"));
        assertThrows(IllegalArgumentException.class, () -> v.validate(YAML.readTree("a: 1")));
    }

    private static void assertLoaderRejects(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "x.yaml"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
