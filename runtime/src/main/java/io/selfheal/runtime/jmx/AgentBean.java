package io.selfheal.runtime.jmx;

import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.rules.JvmMemory;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOrigin;
import io.selfheal.runtime.patch.PatchOutcome;
import java.nio.file.Paths;
import java.util.List;

import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.state.Checkpoints;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.engine.TargetStats;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.engine.ThreadCellCounter;
import java.util.function.Function;
import java.util.function.Supplier;

/** The implementation behind {@code io.selfheal:type=Agent}. */
public class AgentBean implements AgentMXBean {
    private final String version;
    private final Supplier<String> configPath;
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final long startMillis;
    private final Supplier<String> reload;
    private final Supplier<String> eventsFile;
    private final Supplier<String> httpAddress;

    /**
     * @param startMillis when the agent started ({@code agent-started}), on the engine's clock: the
     *     bean itself is made later, at the first use of JMX
     */
    public AgentBean(String version, Supplier<String> configPath, HealingEngine engine, HealthMonitor health,
            Supplier<String> reload, Supplier<String> eventsFile, Supplier<String> httpAddress, long startMillis) {
        this.version = version;
        this.configPath = configPath;
        this.engine = engine;
        this.health = health;
        this.startMillis = startMillis;
        this.reload = reload;
        this.eventsFile = eventsFile;
        this.httpAddress = httpAddress;
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getConfigPath() {
        return configPath.get();
    }

    @Override
    public int getTargets() {
        return engine.targets().size();
    }

    @Override
    public String[] getTargetNames() {
        return engine.targets().stream().map(TargetRuntime::name).toArray(String[]::new);
    }

    @Override
    public long getTotalCalls() {
        return sum(s -> s.calls);
    }

    @Override
    public long getFailures() {
        return sum(s -> s.failures);
    }

    @Override
    public long getHealed() {
        return sum(s -> s.healed);
    }

    @Override
    public long getUnhealed() {
        return sum(s -> s.unhealed);
    }

    @Override
    public long getAgentFaults() {
        return engine.faults().count();
    }

    @Override
    public String createCheckpoint() {
        return checkpoints().create("jmx").id();
    }

    @Override
    public void restoreCheckpoint(String id) {
        checkpoints().restore(id, "jmx");
    }

    private Checkpoints checkpoints() {
        Checkpoints c = engine.checkpoints();
        if (c == null) {
            throw new IllegalStateException("the config has no 'checkpoints:' block; there is nothing to checkpoint");
        }
        return c;
    }

    @Override
    public String applyPatch(String path) {
        PatchOutcome outcome = patchApplier().apply(Paths.get(path), "jmx");
        return answer(outcome);
    }

    @Override
    public String applyPatch(String path, String probation) {
        return answer(patchApplier().apply(Paths.get(path), PatchOrigin.of("jmx"), emptyToNull(probation)));
    }

    @Override
    public String applyPatchFromCli(String path, String probation, String user) {
        return answer(patchApplier().apply(Paths.get(path), PatchOrigin.cli(user), emptyToNull(probation)));
    }

    @Override
    public String checkPatch(String path) {
        return answer(patchApplier().check(Paths.get(path)));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String rollbackPatch(String id) {
        return answer(patchApplier().rollback(id, "jmx"));
    }

    @Override
    public List<PatchInfo> patches() {
        return patchApplier().patches();
    }

    private PatchApplier patchApplier() {
        PatchApplier applier = engine.patchApplier();
        if (applier == null) {
            throw new IllegalStateException("hot patching is not available in this JVM (the agent could not set it up)");
        }
        return applier;
    }

    /** A refusal becomes an exception of a JDK type, so any JMX client can read its reason. */
    private static String answer(PatchOutcome outcome) {
        if (!outcome.done()) {
            throw new IllegalArgumentException(outcome.message());
        }
        return outcome.message();
    }

    @Override
    public long getUptimeMillis() {
        return engine.clock().currentTimeMillis() - startMillis;
    }

    @Override
    public String getHealth() {
        return health.agentHealth().name();
    }

    @Override
    public String getEventsFile() {
        return eventsFile.get();
    }

    @Override
    public String getHttpAddress() {
        return httpAddress.get();
    }

    @Override
    public String reloadConfig() {
        return reload.get();
    }

    private long sum(Function<TargetStats, ThreadCellCounter> counter) {
        long n = 0;
        for (TargetRuntime t : engine.targets()) {
            n += counter.apply(t.stats()).sum();
        }
        return n;
    }

    @Override
    public boolean isMemoryWatched() {
        return JvmMemory.installed() != null;
    }

    @Override
    public double getHeapAfterGc() {
        JvmMemory m = JvmMemory.installed();
        return m == null ? Double.NaN : m.heapAfterGc();
    }

    @Override
    public double getGcTime() {
        JvmMemory m = JvmMemory.installed();
        return m == null ? Double.NaN : m.gcTime();
    }

    @Override
    public long getHeapAfterGcBytes() {
        JvmMemory m = JvmMemory.installed();
        return m == null ? -1 : m.heapAfterGcBytes();
    }

    @Override
    public long getMemoryReclaims() {
        JvmMemory m = JvmMemory.installed();
        return m == null ? 0 : m.reclaims();
    }

    @Override
    public long getMemoryEventsDropped() {
        JvmMemory m = JvmMemory.installed();
        return m == null ? 0 : m.droppedEvents();
    }

    @Override
    public String reclaim(String name) {
        JvmMemory m = JvmMemory.installed();
        if (m == null) {
            throw new IllegalStateException("the config has no 'memory:' block");
        }
        String one = name == null || name.isBlank() ? null : name.trim();
        m.reclaim(one, "operator");
        return "reclaim requested: " + (one == null ? String.join(", ", m.reclaimerNames()) : one);
    }
}
