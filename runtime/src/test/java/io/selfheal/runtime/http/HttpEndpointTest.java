package io.selfheal.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.ManualClock;
import io.selfheal.runtime.health.HealthMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpEndpointTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(HttpEndpoint endpoint, String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + path));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpEndpoint start(String yaml) throws Exception {
        AgentConfig config = ConfigLoader.parse(yaml + "targets:\n  - { name: a, class: com.acme.A }\n", "t.yaml");
        HealingEngine engine = new HealingEngine(config, e -> { }, new ManualClock());
        return HttpEndpoint.start(config.http(), engine, new HealthMonitor(engine, config.health()), "9.9");
    }

    @Test
    void loopbackWithoutATokenFileAnswersEveryone() throws Exception {
        try (HttpEndpoint endpoint = start("http: { port: 0 }\n")) {
            assertTrue(endpoint.address().startsWith("127.0.0.1:"), endpoint.address());
            HttpResponse<String> metrics = get(endpoint, "/metrics", null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("selfheal_calls_total{target=\"a\"} 0"), metrics.body());
            assertTrue(metrics.body().contains("selfheal_info{version=\"9.9\"} 1"), metrics.body());
            HttpRequest om = HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + "/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build();
            HttpResponse<String> openMetrics = client.send(om, HttpResponse.BodyHandlers.ofString());
            assertEquals(OpenMetricsText.CONTENT_TYPE, openMetrics.headers().firstValue("Content-Type").orElse(""));
            assertTrue(openMetrics.body().endsWith("# EOF\n"), openMetrics.body());
            assertTrue(openMetrics.body().contains("# TYPE selfheal_calls counter\n"), openMetrics.body());
            assertEquals(PrometheusText.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> health = get(endpoint, "/health", null);
            assertTrue(health.body().startsWith("{\"health\":\"HEALTHY\""), health.body());
            assertEquals(404, get(endpoint, "/nothing", null).statusCode());
        }
    }

    @Test
    void withATokenFileOnlyTheExactBearerTokenGetsIn() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "  abc123\n");
        try (HttpEndpoint endpoint = start("http: { port: 0, token-file: " + token + " }\n")) {
            for (String bad : new String[] {null, "Bearer", "Bearer abc12", "Bearer abc1234", "Basic abc123", "abc123"}) {
                HttpResponse<String> r = get(endpoint, "/metrics", bad);
                assertEquals(401, r.statusCode(), String.valueOf(bad));
                assertEquals("", r.body());
            }
            assertEquals(401, get(endpoint, "/nothing", null).statusCode(), "not even a 404 without the token");
            assertEquals(200, get(endpoint, "/metrics", "Bearer abc123").statusCode());
        }
    }
}
