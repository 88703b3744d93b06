package io.selfheal.agent.weave;

import io.selfheal.runtime.config.TargetConfig;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Says at weave time when a woven method returns a future-like type whose outcome the agent does
 * not heal (a {@code Future}, Reactor's {@code Mono}/{@code Flux}, RxJava's types, Guava's
 * {@code ListenableFuture}, a {@code CompletionStage} of the application's own class) or is a
 * Kotlin {@code suspend} function: a {@code config-problem} saying that only its synchronous
 * failures are healed, instead of silence. Read from class files ({@link Supertypes}), loading
 * nothing; the JDK's own names are known without reading.
 */
final class FutureLikeReturns {
    private static final String COMPLETION_STAGE = "java/util/concurrent/CompletionStage";
    private static final String FUTURE = "java/util/concurrent/Future";
    private static final String PUBLISHER = "org/reactivestreams/Publisher";
    private static final String CONTINUATION = "kotlin/coroutines/Continuation";
    /** The JDK's futures, known by name: no class file is read for them. */
    private static final Set<String> JDK_FUTURES = Set.of(FUTURE, "java/util/concurrent/FutureTask",
            "java/util/concurrent/RunnableFuture", "java/util/concurrent/ScheduledFuture",
            "java/util/concurrent/RunnableScheduledFuture", "java/util/concurrent/ForkJoinTask",
            "java/util/concurrent/RecursiveTask", "java/util/concurrent/RecursiveAction",
            "java/util/concurrent/CountedCompleter");
    private static final List<String> RX_PREFIXES = List.of("io/reactivex/", "rx/");

    private final WeaveProblems problems;
    private final Supertypes supertypes = new Supertypes();

    FutureLikeReturns(WeaveProblems problems) {
        this.problems = problems;
    }

    /** Reports the method when its outcome escapes healing; a method whose stage is healed is not asked. */
    void check(TargetConfig target, String className, MethodNode m, ClassLoader loader) {
        String problem = problem(m, loader);
        if (problem != null) {
            problems.report(new WeaveProblems.Problem(target.name(), null, "methods", className, m.name, null,
                    problem, null));
        }
    }

    private String problem(MethodNode m, ClassLoader loader) {
        Type[] params = Type.getArgumentTypes(m.desc);
        if (params.length > 0 && params[params.length - 1].getSort() == Type.OBJECT
                && params[params.length - 1].getInternalName().equals(CONTINUATION)) {
            return "is a Kotlin suspend function: only its synchronous failures are healed";
        }
        Type ret = Type.getReturnType(m.desc);
        if (ret.getSort() != Type.OBJECT) {
            return null;
        }
        String name = ret.getInternalName();
        String says = "returns " + ret.getClassName() + ": only its synchronous failures are healed";
        if (JDK_FUTURES.contains(name)) {
            return says;
        }
        if (name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/")) {
            return null;   // the JDK's other types: no future among them the agent does not know by name
        }
        for (String prefix : RX_PREFIXES) {
            if (name.startsWith(prefix)) {
                return says;
            }
        }
        if (name.equals("reactor/core/publisher/Mono") || name.equals("reactor/core/publisher/Flux")
                || supertypes.isSubtype(loader, name, PUBLISHER)) {
            return says;
        }
        if (supertypes.isSubtype(loader, name, COMPLETION_STAGE)) {
            return says + " (declare CompletionStage or CompletableFuture as the return type to heal its outcome)";
        }
        if (supertypes.isSubtype(loader, name, FUTURE)) {
            return says;   // Guava's ListenableFuture among them
        }
        return null;
    }
}
