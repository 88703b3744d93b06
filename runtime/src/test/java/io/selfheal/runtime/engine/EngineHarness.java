package io.selfheal.runtime.engine;

import io.selfheal.bootstrap.Healing;
import io.selfheal.bootstrap.Retry;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** An engine from YAML, one site per target, and a loop that calls a body as woven code does. */
final class EngineHarness {
    final ManualClock clock = new ManualClock();
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final HealingEngine engine;

    EngineHarness(String yaml) {
        try {
            AgentConfig config = ConfigLoader.parse(yaml, "test.yaml");
            EventSink sink = events::add;
            engine = new HealingEngine(config, sink, clock);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Registers a {@code String call()} method of the named target. */
    int site(String target) {
        return engine.registerSite(target, "io.selfheal.test.Subject", "call", "()Ljava/lang/String;",
                getClass().getClassLoader(), engine.target(target).config().fallback());
    }

    TargetRuntime target(String name) {
        return engine.target(name);
    }

    /** What the woven method does around {@code body}. */
    Object call(int site, Callable<Object> body) throws Throwable {
        Object ctx = engine.enter(site, null);
        if (ctx == Healing.SHORT_CIRCUIT) {
            Object v = engine.shortCircuit(site, null, null);
            if (v == Healing.NEEDS_ARGUMENTS) {
                v = engine.shortCircuit(site, null, new Object[0]);
            }
            if (v != Healing.PROCEED) {
                return v;
            }
        }
        while (true) {
            Object result;
            try {
                result = body.call();
            } catch (Throwable t) {
                Object decision = engine.failure(site, ctx, null, t, new Object[0]);
                if (decision instanceof Retry) {
                    ctx = decision;
                    continue;
                }
                if (decision == Healing.RETHROW) {
                    throw t;
                }
                return decision;
            }
            engine.success(site, ctx);
            return result;
        }
    }

    /** The call's outcome as text: its value, or "threw Type". */
    String outcome(int site, Callable<Object> body) {
        try {
            return String.valueOf(call(site, body));
        } catch (Throwable t) {
            return "threw " + t.getClass().getSimpleName();
        }
    }

    List<String> types() {
        synchronized (events) {
            return events.stream().map(e -> e.type().wireName()).collect(Collectors.toList());
        }
    }

    List<Event> ofType(String wire) {
        synchronized (events) {
            return events.stream().filter(e -> e.type().wireName().equals(wire)).collect(Collectors.toList());
        }
    }

    static Callable<Object> failing(Exception e) {
        return () -> {
            throw e;
        };
    }

    static Callable<Object> ok() {
        return () -> "ok";
    }
}
