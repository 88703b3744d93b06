package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardConfigTest {

    @Test
    void readsEveryKey() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                strategies:
                  java.io.IOException: retry
                  java.lang.IllegalStateException: [ fallback, circuit-breaker ]
                targets:
                  - name: t
                    class: com.acme.Client
                    timeout: 2s
                    circuit-breaker:
                      window: 10s
                      failure-rate: 0.5
                      minimum-calls: 20
                      slow-call: { threshold: 2s, rate: 0.8 }
                      open-for: 30s
                      half-open-calls: 3
                      on: [ java.io.IOException ]
                      ignore: [ java.io.FileNotFoundException ]
                    isolate: { after: 20, for: 5m, max-concurrent: 16 }
                """, "t.yaml");
        TargetConfig t = c.target("t");
        assertEquals(Duration.ofSeconds(2), t.timeout());
        CircuitBreakerConfig cb = t.circuitBreaker();
        assertEquals(Duration.ofSeconds(10), cb.windowDuration());
        assertEquals(0.5, cb.failureRate());
        assertEquals(20, cb.minimumCalls());
        assertEquals(new SlowCallConfig(Duration.ofSeconds(2), 0.8), cb.slowCall());
        assertEquals(3, cb.halfOpenCalls());
        assertEquals(List.of("java.io.IOException"), cb.filter().on());
        assertEquals(new IsolateConfig(20, Duration.ofMinutes(5), 16, ExceptionFilter.ALL_EXCEPTIONS), t.isolate());
        assertEquals(List.of("retry"), c.strategies().byType().get("java.io.IOException"));
        assertEquals(List.of("fallback", "circuit-breaker"), c.strategies().strategiesFor(IllegalStateException.class));
    }

    @Test
    void countWindowDefaults() throws ConfigException {
        CircuitBreakerConfig cb = ConfigLoader.parse("""
                targets:
                  - class: com.acme.Client
                    circuit-breaker: {}
                """, "t.yaml").targets().get(0).circuitBreaker();
        assertEquals(5, cb.failureThreshold());
        assertEquals(100, cb.windowCalls());
        assertEquals(Duration.ofSeconds(30), cb.openFor());
        assertEquals(1, cb.halfOpenCalls());
    }

    @Test
    void badValuesAreReportedWithLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                strategies:
                  java.io.IOException: pray
                targets:
                  - class: com.acme.Client
                    timeout: soon
                    circuit-breaker:
                      failure-threshold: 50
                      window: 10
                      half-open-calls: 0
                      opn-for: 1s
                    isolate: { for: 1m }
                """, "t.yaml"));
        String report = e.getMessage();
        assertTrue(report.contains("t.yaml:2:24: strategies.java.io.IOException: 'pray' is not a strategy"), report);
        assertTrue(report.contains("targets[0].timeout: 'soon' is not a duration"), report);
        assertTrue(report.contains("targets[0].circuit-breaker.failure-threshold: is larger than the window"), report);
        assertTrue(report.contains("targets[0].circuit-breaker.half-open-calls: must be between 1 and 1000"), report);
        assertTrue(report.contains("unknown key 'opn-for'; did you mean 'open-for'?"), report);
        assertTrue(report.contains("targets[0].isolate: isolate needs 'after'"), report);
    }
}
