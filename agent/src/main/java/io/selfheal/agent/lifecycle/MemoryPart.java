package io.selfheal.agent.lifecycle;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.memory.MemoryHealing;
import io.selfheal.runtime.time.Clock;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Objects;

/**
 * {@code memory:} and the memory metrics: the collections' notifications, the reclaimers'
 * thread, and a class-load hook that has each reclaimer checked when its class loads. Only when
 * the config has {@code memory:} or a condition on {@code heap-after-gc}/{@code gc-time}, and
 * then from {@code premain} on (the heap fills whether or not a target is woven yet). A reload
 * that changes {@code memory:} takes effect at the next start.
 */
final class MemoryPart implements AgentPart {
    /** Set by {@link #start}, read by the shutdown hook's thread. */
    private volatile MemoryHealing memory;
    private volatile ClassFileTransformer hook;
    private volatile Instrumentation inst;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String startsAtStart(AgentConfig config) {
        return config.watchesMemory() ? "memory" : null;
    }

    @Override
    public void start(SelfhealAgent agent) {
        if (!agent.config().watchesMemory()) {
            return;   // without touching the memory classes: nothing of them loads
        }
        try {
            MemoryHealing m = MemoryHealing.startIfConfigured(agent.config(), agent.engine().events(),
                    agent.engine().faults(), Clock.SYSTEM);
            memory = m;
            if (m != null && agent.config().memory() != null && !agent.config().memory().reclaimers().isEmpty()) {
                watchReclaimerClasses(agent.instrumentation(), m);
            }
        } catch (RuntimeException | LinkageError e) {
            agent.engine().fault("memory", e);
        }
    }

    /** The hook first, then the classes already loaded: a class loading in between is seen by both, harmlessly. */
    private void watchReclaimerClasses(Instrumentation instrumentation, MemoryHealing m) {
        ClassFileTransformer t = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                    ProtectionDomain protectionDomain, byte[] classfileBuffer) {
                if (className != null && classBeingRedefined == null && m.watches(className)) {
                    m.classLoaded(className, loader);
                }
                return null;
            }
        };
        instrumentation.addTransformer(t, false);
        inst = instrumentation;
        hook = t;
        m.alreadyLoaded(instrumentation.getAllLoadedClasses());
    }

    @Override
    public OnReload reload(AgentConfig previous, AgentConfig next) {
        return Objects.equals(describe(previous), describe(next)) ? OnReload.NOTHING : OnReload.RESTART_NEEDED;
    }

    /** What of the config this part follows, comparable across reads of the file. */
    private static String describe(AgentConfig c) {
        if (!c.watchesMemory()) {
            return null;
        }
        io.selfheal.runtime.config.MemoryConfig m = c.memory();
        return m == null ? "metrics" : m.reclaimers() + " " + m.when() + " " + m.cooldown() + " " + m.collectAfter()
                + " " + m.collectionWait();
    }

    @Override
    public void stop() {
        ClassFileTransformer t = hook;
        if (t != null) {
            inst.removeTransformer(t);
        }
        MemoryHealing m = memory;
        if (m != null) {
            m.stop();
        }
    }
}
