package io.selfheal.agent.weave;

import io.selfheal.runtime.config.ExceptionFilter;
import io.selfheal.runtime.config.TargetConfig;
import io.selfheal.runtime.events.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The config checks that cannot be made when the file is read, because they depend on the
 * application's classes: an exception class named in {@code on:}/{@code ignore:} that the woven
 * class's loader cannot find (checked when a target is first woven in a loader), and a target
 * that wove nothing during the whole run (a class glob or method selector that matched nothing,
 * reported at shutdown). Each is a {@code config-problem} event and a stderr line naming the
 * target's line and the key; none changes what the application does.
 */
public final class LateConfigChecks {
    private final WeaveProblems problems;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final Set<String> wovenTargets = ConcurrentHashMap.newKeySet();

    /** Made before the engine exists: the targets that matched nothing are reported even when none ever loaded. */
    public LateConfigChecks(EventSink events) {
        this.problems = new WeaveProblems(events);
    }

    /** Called for each target that wove a method of a class defined by {@code loader}. */
    void woven(TargetConfig target, ClassLoader loader) {
        wovenTargets.add(target.name());
        if (target.retry() == null || !checked.add(target.name() + "@" + System.identityHashCode(loader))) {
            return;
        }
        ExceptionFilter f = target.retry().filter();
        check(target, "retry.on", f.on(), loader);
        check(target, "retry.ignore", f.ignore(), loader);
    }

    private void check(TargetConfig target, String key, List<String> names, ClassLoader loader) {
        for (String name : names) {
            if (!exists(name, loader)) {
                report(target, key, "exception class " + name + " is not found by the class loader of the woven"
                        + " class; it can never match (check the spelling and the package)");
            }
        }
    }

    /** At shutdown: the targets that matched nothing in this run. */
    public void reportTargetsThatMatchedNothing(Collection<TargetConfig> targets) {
        for (TargetConfig t : targets) {
            if (!t.codeOnly() && !wovenTargets.contains(t.name())) {
                report(t, "class", "matched no method during this run (class " + t.classPattern() + selectors(t)
                        + ", methods " + t.methods() + "); no class it names was loaded, or none has such a method");
            }
        }
    }

    private static String selectors(TargetConfig t) {
        io.selfheal.runtime.config.ClassSelectors s = t.selectors();
        return (s.exclude().isEmpty() ? "" : ", exclude " + s.exclude())
                + (s.implementsType() == null ? "" : ", implements " + s.implementsType().replace('/', '.'))
                + (s.extendsType() == null ? "" : ", extends " + s.extendsType().replace('/', '.'))
                + (s.annotationName() == null ? "" : ", annotated " + s.annotationName());
    }

    private static boolean exists(String className, ClassLoader loader) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in != null;
        } catch (IOException | RuntimeException e) {
            return true;   // cannot tell: say nothing rather than something wrong
        }
    }

    private void report(TargetConfig target, String key, String problem) {
        problems.report(new WeaveProblems.Problem(target.name(), target.location(), key, null, null, null, problem,
                null));
    }
}
