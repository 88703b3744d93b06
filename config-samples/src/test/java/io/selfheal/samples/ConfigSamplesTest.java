package io.selfheal.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.ConfigWarnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Assertions;

/** Every sample config in this module loads without a single problem, and without a warning. */
class ConfigSamplesTest {

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Paths.get("."))) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everySampleLoadsAndValidates() throws IOException {
        List<Path> samples = samples();
        assertFalse(samples.isEmpty(), "no sample configs found in " + Paths.get(".").toAbsolutePath());
        Assertions.assertAll(samples.stream().map(p -> (Executable) () -> {
            try {
                // The config itself, as parse reads it: load also opens the files it names on this
                // machine (hot-patch.yaml's trust store is an example path, /etc/acme/...).
                AgentConfig c = ConfigLoader.parse(Files.readString(p), p.toString());
                assertFalse(c.targets().isEmpty(), p + " names no target");
                Assertions.assertEquals(List.of(), ConfigWarnings.of(c), p + ": a sample shows healing");
            } catch (ConfigException e) {
                Assertions.fail(p + ": " + e.getMessage());
            }
        }));
    }
}
