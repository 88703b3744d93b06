package io.selfheal.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension with a fake agent: what it asks of the agent, and the verdict it gives. */
class SelfhealExtensionTest {
    private static final String HEALED = "{\"target\":\"quotes\",\"ended\":\"drill-stop\",\"calls\":4,\"touched\":4,"
            + "\"healed\":4,\"healedBy\":{\"retry\":3,\"short-circuit\":1},\"unhealed\":0,\"healMillisP50\":12,"
            + "\"healMillisP99\":40,\"untouchedFailures\":0}";
    private static final String UNHEALED = HEALED.replace("\"healed\":4", "\"healed\":3").replace("\"unhealed\":0",
            "\"unhealed\":1");

    /** Records what the extension asks, in order, and answers with the report set. */
    static final class FakeAgent implements AgentPort {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        volatile String report = HEALED;

        @Override
        public void use(Path config) {
            asked.add("use " + (config == null ? null : config.getFileName()));
        }

        @Override
        public void startDrill(String target, String options) {
            asked.add("start " + target + " " + options);
        }

        @Override
        public String stopDrill(String target) {
            asked.add("stop " + target);
            return report;
        }

        @Override
        public String report(String target) {
            return report;
        }
    }

    static final FakeAgent AGENT = new FakeAgent();

    /** Run by the launcher below, never found on its own (a nested static class). */
    @SelfhealConfig("selfheal-test.yaml")
    static class Fixture {
        @RegisterExtension
        static final SelfhealExtension EXTENSION = new SelfhealExtension(AGENT);

        @Test
        @Drill(target = "quotes", fault = IOException.class, message = "boom", expectHealed = true)
        void healed(DrillReport report) {
            assertEquals(0, report.unhealed());
            assertEquals(3, report.healedBy("retry"));
        }

        @Test
        @Drill(target = "quotes", latency = "300ms", rate = 0.5, expectHealed = true)
        void expectedHealedButNot() {
        }

        @Test
        @Drill(target = "quotes", returns = "42")
        void notExpected(DrillReport report) {
            assertEquals(1, report.unhealed());
        }

        @Test
        void noDrill() {
        }
    }

    private static java.lang.reflect.Method fixtureMethod(String name) {
        for (java.lang.reflect.Method m : Fixture.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    private static TestExecutionSummary run(String method) {
        AGENT.asked.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(Fixture.class, fixtureMethod(method))).build(), listener);
        return listener.getSummary();
    }

    @Test
    void aDrillRunsAroundTheBodyAndTheReportIsItsParameter() {
        AGENT.report = HEALED;
        TestExecutionSummary s = run("healed");
        assertEquals(1, s.getTestsSucceededCount(), () -> String.valueOf(s.getFailures()));
        assertEquals(List.of("use selfheal-test.yaml",
                "start quotes \"--throw\" \"java.io.IOException:boom\" \"--rate\" \"1.0\" \"--for\" \"1d\"",
                "stop quotes"), AGENT.asked);
    }

    @Test
    void expectHealedFailsTheTestWhenAFaultReachedTheCaller() {
        AGENT.report = UNHEALED;
        TestExecutionSummary s = run("expectedHealedButNot");
        assertEquals(1, s.getTestsFailedCount());
        Throwable why = s.getFailures().get(0).getException();
        assertTrue(why instanceof AssertionError && why.getMessage().contains("1 of 4 touched calls were not healed"),
                String.valueOf(why));
        assertEquals("start quotes \"--latency\" \"300ms\" \"--rate\" \"0.5\" \"--for\" \"1d\"", AGENT.asked.get(1));
    }

    @Test
    void withoutExpectHealedTheTestDecidesOnTheReportAndATestWithoutDrillStartsNone() {
        AGENT.report = UNHEALED;
        assertEquals(1, run("notExpected").getTestsSucceededCount());
        run("noDrill");
        assertEquals(List.of("use selfheal-test.yaml"), AGENT.asked);
    }

    @Test
    void aDrillNeedsExactlyOneFault() throws Exception {
        Drill none = Fixture.class.getDeclaredMethod("noDrill").getAnnotation(Drill.class);
        assertEquals(null, none);
        Drill two = Bad.class.getDeclaredMethod("two").getAnnotation(Drill.class);
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> SelfhealExtension.options(two));
        assertTrue(e.getMessage().contains("exactly one of fault, latency and returns"), e.getMessage());
    }

    static class Bad {
        @Drill(target = "t", fault = IOException.class, latency = "1s")
        void two() {
        }
    }

    @Test
    void aMissingConfigSaysWhereItLooked() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> SelfhealExtension.resolve("no/such.yaml", getClass()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void theReportReadsTheAgentsFields() {
        DrillReport r = DrillReport.of(HEALED);
        assertEquals(4, r.calls());
        assertEquals(4, r.touched());
        assertEquals(4, r.healed());
        assertEquals(Map.of("retry", 3L, "short-circuit", 1L), r.healedBy());
        assertEquals(0, r.unhealed());
        assertEquals(12, r.healMillisP50());
        assertEquals(40, r.healMillisP99());
        assertEquals(0, r.untouchedFailures());
        assertEquals("drill-stop", r.ended());
        assertEquals(null, DrillReport.of("{\"ended\":null}").ended());
    }
}
