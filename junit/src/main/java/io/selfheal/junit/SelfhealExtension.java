package io.selfheal.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(SelfhealExtension.class)}: makes the selfheal agent run in the test JVM with the
 * config {@link SelfhealConfig} names (attaching it when {@code -javaagent} did not), runs a method
 * marked {@link Drill} under that drill, and gives the verdict as a {@link DrillReport} parameter;
 * with {@code expectHealed = true} a fault that reached its caller fails the test.
 */
public class SelfhealExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SelfhealExtension.class);
    private final AgentPort agent;

    public SelfhealExtension() {
        this(InProcessAgent.INSTANCE);
    }

    SelfhealExtension(AgentPort agent) {
        this.agent = agent;
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        Path config = config(context);
        agent.use(config);
        Drill drill = drillOf(context);
        if (drill == null) {
            return;
        }
        agent.startDrill(drill.target(), options(drill));
        report(context, drill);   // made now, so that the body's parameter and the verdict are one report
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        Drill drill = drillOf(context);
        if (drill == null) {
            return;
        }
        String last = agent.stopDrill(drill.target());
        if (last == null) {
            last = agent.report(drill.target());   // it ended before the body did (max-duration)
        }
        DrillReport report = report(context, drill);
        if (last != null) {
            report.fix(last);
        }
        if (drill.expectHealed() && report.unhealed() > 0) {
            throw new AssertionError("drill on '" + drill.target() + "': " + report.unhealed() + " of "
                    + report.touched() + " touched calls were not healed (the fault reached the caller): " + report);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DrillReport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Drill drill = drillOf(context);
        if (drill == null) {
            throw new ParameterResolutionException("a DrillReport parameter needs @Drill on the test method");
        }
        return report(context, drill);
    }

    private DrillReport report(ExtensionContext context, Drill drill) {
        return context.getStore(NS).getOrComputeIfAbsent("report",
                k -> new DrillReport(() -> agent.report(drill.target())), DrillReport.class);
    }

    private static Drill drillOf(ExtensionContext context) {
        Optional<Method> m = context.getTestMethod();
        return m.isPresent() ? m.get().getAnnotation(Drill.class) : null;
    }

    /** The method's {@link SelfhealConfig}, else the class's (or an enclosing class's), as a file. */
    static Path config(ExtensionContext context) {
        List<AnnotatedElement> places = new ArrayList<>();
        context.getTestMethod().ifPresent(places::add);
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            places.add(c);
        }
        for (AnnotatedElement place : places) {
            SelfhealConfig named = place.getAnnotation(SelfhealConfig.class);
            if (named != null) {
                return resolve(named.value(), context.getRequiredTestClass());
            }
        }
        return null;
    }

    /** A file path, else a class-path resource (as a file: it is copied for the agent anyway). */
    static Path resolve(String path, Class<?> testClass) {
        Path file = Paths.get(path);
        if (Files.isRegularFile(file)) {
            return file;
        }
        String resource = path.startsWith("/") ? path.substring(1) : path;
        URL url = testClass.getClassLoader() == null ? null : testClass.getClassLoader().getResource(resource);
        if (url != null && url.getProtocol().equals("file")) {
            try {
                return Paths.get(url.toURI());
            } catch (URISyntaxException e) {
                // reported below
            }
        }
        throw new ExtensionConfigurationException("@SelfhealConfig(\"" + path + "\"): no such file (from "
                + Paths.get("").toAbsolutePath() + ") and no such class-path resource");
    }

    /** The drill's options as the command line writes them, each quoted. */
    static String options(Drill drill) {
        List<String> o = new ArrayList<>();
        int faults = 0;
        if (drill.fault() != Drill.NoFault.class) {
            o.add("--throw");
            o.add(drill.fault().getName() + (drill.message().isEmpty() ? "" : ":" + drill.message()));
            faults++;
        }
        if (!drill.latency().isEmpty()) {
            o.add("--latency");
            o.add(drill.latency());
            faults++;
        }
        if (!drill.returns().isEmpty()) {
            o.add("--return");
            o.add(drill.returns());
            faults++;
        }
        if (faults != 1) {
            throw new ExtensionConfigurationException("@Drill(target = \"" + drill.target() + "\") needs exactly one"
                    + " of fault, latency and returns; found " + faults);
        }
        o.add("--rate");
        o.add(Double.toString(drill.rate()));
        o.add("--for");
        o.add("1d");   // the test's body ends the drill; drills.max-duration caps it meanwhile
        StringBuilder sb = new StringBuilder();
        for (String s : o) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.toString();
    }
}
