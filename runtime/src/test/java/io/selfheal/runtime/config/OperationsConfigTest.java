package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationsConfigTest {

    @Test
    void healthHttpAndWatchAreReadWithTheirDefaults() throws ConfigException {
        AgentConfig none = ConfigLoader.parse("targets: []\n", "t.yaml");
        assertEquals(HealthConfig.DEFAULT, none.health());
        assertNull(none.http(), "no http block: the endpoint is off");
        assertFalse(none.watchConfig());

        AgentConfig all = ConfigLoader.parse("""
                watch-config: true
                health: { window: 30s, thresholds: { degraded: 0.1, unhealthy: 0.3, critical: 0.6 } }
                http: { port: 9404, bind: 0.0.0.0, token-file: /etc/selfheal/token }
                targets:
                  - { class: com.acme.A, latency: true }
                """, "t.yaml");
        assertTrue(all.watchConfig());
        assertEquals(new HealthConfig(Duration.ofSeconds(30), 0.1, 0.3, 0.6), all.health());
        assertEquals(new HttpConfig(9404, "0.0.0.0", "/etc/selfheal/token"), all.http());
        assertTrue(all.targets().get(0).latency());
    }

    @Test
    void aNonLoopbackBindWithoutATokenFileIsAProblemAtItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                http:
                  port: 9404
                  bind: 0.0.0.0
                """, "t.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        assertEquals(3, p.line());
        assertEquals("http.bind", p.key());
        assertTrue(p.message().contains("token-file"), p.message());
    }

    @Test
    void loopbackNeedsNoToken() throws ConfigException {
        for (String bind : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertEquals(bind, ConfigLoader.parse("http: { bind: \"" + bind + "\" }\n", "t.yaml").http().bind());
        }
    }

    @Test
    void thresholdsMustRiseAndUnknownKeysAreErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                health:
                  window: 50ms
                  thresholds: { degraded: 0.5, unhealthy: 0.2, critcal: 0.9 }
                """, "t.yaml"));
        String report = e.getMessage();
        assertTrue(report.contains("health.window"), report);
        assertTrue(report.contains("thresholds must rise"), report);
        assertTrue(report.contains("did you mean 'critical'"), report);
    }

    @Test
    void aTargetIsTheSameWhereverItIsWrittenAndDifferentWhenAKeyChanges() throws ConfigException {
        TargetConfig a = ConfigLoader.parse("targets:\n  - { name: a, class: com.acme.A, retry: { max-attempts: 2 } }\n",
                "t.yaml").targets().get(0);
        TargetConfig moved = ConfigLoader.parse("""
                # a comment moves it down
                targets:
                  - name: a
                    class: com.acme.A
                    retry:
                      max-attempts: 2
                """, "t.yaml").targets().get(0);
        TargetConfig changed = ConfigLoader.parse("targets:\n  - { name: a, class: com.acme.A, retry: { max-attempts: 3 } }\n",
                "t.yaml").targets().get(0);
        assertTrue(a.sameAs(moved));
        assertFalse(a.sameAs(changed));
    }
}
