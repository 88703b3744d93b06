package io.selfheal.agent.patch;

import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventSink;
import io.selfheal.runtime.events.EventType;
import io.selfheal.runtime.patch.PatchApplier;
import io.selfheal.runtime.patch.PatchInfo;
import io.selfheal.runtime.patch.PatchOrigin;
import io.selfheal.runtime.patch.PatchOutcome;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ProbationConfig;
import io.selfheal.runtime.probation.ProbationMonitor;
import io.selfheal.runtime.probation.ProbationStart;
import io.selfheal.runtime.probation.ProbationVerdicts;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Applies, stacks and rolls back patches. Every check runs before anything changes; all classes
 * of a patch, in every class loader that has them, are redefined in one
 * {@link Instrumentation#redefineClasses} call, so a patch is applied whole or not at all.
 *
 * <p>Each patched class keeps a stack of layers (the bytes before and after each patch), so a
 * rollback restores exactly the bytes the patch replaced, and only the newest patch of a class
 * can be rolled back.
 */
public final class PatchManager implements PatchApplier, ProbationVerdicts {

    /** One patch's change to one class. */
    private record Layer(String patchId, byte[] before, byte[] after) {
    }

    /** An applied patch and the classes it changed (load-time patches gain classes as they load). */
    private static final class Applied {
        final PatchJar jar;
        final PatchOrigin origin;
        final Instant at;
        final List<ClassKey> classes = new CopyOnWriteArrayList<>();
        final boolean atLoad;
        /** {@code on-probation}, {@code kept}, or null for a patch without probation. */
        volatile String verdict;
        /** How the probation stands, for the listing. */
        volatile String probationText;
        /** The probation as it began; null without one. */
        volatile ProbationStart probationStart;

        Applied(PatchJar jar, PatchOrigin origin, Instant at, boolean atLoad) {
            this.jar = jar;
            this.origin = origin;
            this.at = at;
            this.atLoad = atLoad;
        }
    }

    private final Instrumentation inst;
    private final PatchTransformer transformer;
    private final SignatureVerifier verifier;
    private final PatchJar.Limits limits;
    private final EventSink events;
    private final PatchStateStore state;
    private final Map<ClassKey, Deque<Layer>> layers = new HashMap<>();
    private final Map<String, Applied> applied = new LinkedHashMap<>();
    /**
     * The monitor that watches patches on probation, made at the first patch that has one (its
     * thread and history cost nothing until then); null: probation is not available (unit tests).
     */
    private Supplier<ProbationMonitor> probation;
    /** {@code hot-patch.probation}: the probation of a patch that brings none. */
    private ProbationConfig defaultProbation;
    /** Patches re-applied at start whose classes had not loaded yet, by internal class name. */
    private volatile Map<String, List<Applied>> atLoad = Map.of();

    /** @param state where applied patches are recorded for a restart, or {@code null} */
    public PatchManager(Instrumentation inst, PatchTransformer transformer, SignatureVerifier verifier,
            PatchJar.Limits limits, EventSink events, PatchStateStore state) {
        this.inst = inst;
        this.transformer = transformer;
        this.verifier = verifier;
        this.limits = limits;
        this.events = events;
        this.state = state;
        // An anonymous class, not a method reference: this runs at every agent start.
        transformer.loadTimePatcher(new PatchTransformer.LoadTimePatcher() {
            @Override
            public byte[] onLoad(ClassLoader loader, String internalName, byte[] classFile) {
                return PatchManager.this.onLoad(loader, internalName, classFile);
            }
        });
    }

    /** Patches may be put on probation, watched by {@code monitor}; {@code byDefault} for those that bring none. */
    public synchronized void probation(Supplier<ProbationMonitor> monitor, ProbationConfig byDefault) {
        this.probation = monitor;
        this.defaultProbation = byDefault;
    }

    // ---------------------------------------------------------------- apply

    @Override
    public PatchOutcome apply(Path jar, String via) {
        return apply(jar, PatchOrigin.of(via), null);
    }

    @Override
    public synchronized PatchOutcome apply(Path jar, PatchOrigin origin, String probationText) {
        long startNanos = System.nanoTime();
        Path path = jar.toAbsolutePath().normalize();
        String via = origin.via();
        String id = null;
        try {
            PatchJar patch = PatchJar.read(path, verifier, limits);
            id = patch.id();
            Map<ClassKey, Class<?>> loaded = checkApplicable(patch);
            Map<ClassKey, byte[]> before = checkAgainstCurrent(patch, loaded);
            ProbationConfig spec = probationOf(patch, probationText);
            List<String> judges = spec == null ? null : judgesOrNone(spec, patch, probationText);
            String unjudged = spec != null && judges == null ? unjudged(spec, patch) : null;
            spec = judges == null ? null : spec;
            // before: read now, as the patch goes in
            Map<String, Map<String, Object>> beforeFigures = spec == null ? null : probation.get().before(spec, judges);
            Applied a = new Applied(patch, origin, Instant.now(), false);
            redefine(loaded, patch, before, a);
            // from the request to the classes redefined: the jar read and checked, the JVM's work
            long tookMicros = (System.nanoTime() - startNanos) / 1_000;
            applied.put(id, a);
            if (state != null) {
                state.record(patch);
            }
            ProbationStart start = spec == null ? null : probation.get().watch(id, spec, judges, beforeFigures);
            if (start != null) {
                onProbation(a, start);
                if (state != null) {
                    state.recordProbation(start, "on-probation", null);
                }
            }
            String message = "patch " + id + " applied: " + describe(loaded.keySet())
                    + (start == null ? "" : "; on probation " + spec.describe());
            publish(provenance(Event.of(EventType.PATCH_APPLIED), a).with("loaders", loaded.size())
                    .with("tookMicros", tookMicros).with("probationSkipped", unjudged)
                    .with("probation", start == null ? null : probationFields(start)).message(message));
            System.err.println("[selfheal] " + message + " (via " + origin.describe() + ")");
            return PatchOutcome.done(id, message);
        } catch (PatchRejectedException e) {
            return rejected(id, path, via, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return rejected(id, path, via, "unexpected failure, nothing changed: " + e);
        }
    }

    /**
     * Every check {@link #apply} makes, and nothing changed: no class redefined, no event, no
     * record. Done with what would be patched, or refused with the reason apply would give.
     */
    @Override
    public synchronized PatchOutcome check(Path jar) {
        Path path = jar.toAbsolutePath().normalize();
        String id = null;
        try {
            PatchJar patch = PatchJar.read(path, verifier, limits);
            id = patch.id();
            Map<ClassKey, Class<?>> loaded = checkApplicable(patch);
            Map<ClassKey, byte[]> before = checkAgainstCurrent(patch, loaded);
            ProbationConfig spec = probationOf(patch, null);
            if (spec != null) {
                judgesOrNone(spec, patch, null);
            }
            List<String> lines = new ArrayList<>();
            Map<String, Boolean> summarised = new LinkedHashMap<>();
            for (Map.Entry<ClassKey, byte[]> e : before.entrySet()) {
                String name = e.getKey().internalName();
                if (summarised.put(name, true) == null) {
                    lines.add(PatchCheck.summary(e.getKey().className(), e.getValue(), patch.classes().get(name)));
                }
            }
            return PatchOutcome.done(id, "patch " + id + " would apply (dry run, nothing changed): "
                    + describe(loaded.keySet()) + System.lineSeparator() + String.join(System.lineSeparator(), lines));
        } catch (PatchRejectedException e) {
            return PatchOutcome.refused(id, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return PatchOutcome.refused(id, "unexpected failure, nothing changed: " + e);
        }
    }

    /**
     * The probation of a patch: the one given with the request (YAML text), else the jar's own,
     * else the config's default; null for none.
     */
    private ProbationConfig probationOf(PatchJar patch, String requested) throws PatchRejectedException {
        ProbationConfig spec;
        if (requested != null) {
            try {
                spec = ProbationConfig.parse(requested, "the probation given with the patch");
            } catch (ConfigException e) {
                throw new PatchRejectedException(ProbationText.problems(e));
            }
        } else {
            spec = patch.probation() != null ? patch.probation() : defaultProbation;
        }
        if (spec != null && probation == null) {
            throw new PatchRejectedException("this JVM's agent cannot watch a patch on probation");
        }
        return spec;
    }

    private List<String> judges(ProbationConfig spec, PatchJar patch) throws PatchRejectedException {
        try {
            return probation.get().judges(spec, patch.classNames());
        } catch (IllegalArgumentException e) {
            throw new PatchRejectedException(e.getMessage());
        }
    }

    /**
     * The judging targets; null when the probation is the config's default and no target is on
     * the patch's classes: a default is for the patches it can judge, and the others go in
     * without one (the event says so). A probation asked for with the patch, or in its jar, that
     * cannot be judged rejects it.
     */
    private List<String> judgesOrNone(ProbationConfig spec, PatchJar patch, String requested)
            throws PatchRejectedException {
        boolean isDefault = requested == null && patch.probation() == null;
        if (isDefault && spec.targets().isEmpty() && unjudged(spec, patch) != null) {
            return null;
        }
        return judges(spec, patch);
    }

    /** Why the default probation cannot judge this patch, or null when it can. */
    private String unjudged(ProbationConfig spec, PatchJar patch) {
        try {
            probation.get().judges(spec, patch.classNames());
            return null;
        } catch (IllegalArgumentException e) {
            return "hot-patch.probation: " + e.getMessage();
        }
    }

    private static void onProbation(Applied a, ProbationStart start) {
        a.probationStart = start;
        a.verdict = "on-probation";
        a.probationText = "on probation until " + Instant.ofEpochMilli(start.untilMillis()) + ": "
                + start.spec().describe() + "; judged by " + String.join(", ", start.targets());
    }

    /** The probation of an event: its keys, the judging targets, its end and the figures before the patch. */
    private static Map<String, Object> probationFields(ProbationStart start) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("for", start.spec().period().toMillis() + "ms");
        out.put("rollback-if", start.spec().rollbackIf().text());
        out.put("min-calls", start.spec().minCalls());
        out.put("targets", start.targets());
        out.put("until", Instant.ofEpochMilli(start.untilMillis()).toString());
        out.put("before", start.before());
        return out;
    }

    // ---------------------------------------------------------------- probation verdicts

    @Override
    public synchronized void rollBack(String patchId, String decidedBy, Map<String, Object> figures) {
        Applied a = applied.get(patchId);
        if (a == null) {
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rollback-if", a.probationStart == null ? null : a.probationStart.spec().rollbackIf().text());
        extra.put("decidedBy", decidedBy);
        extra.put("figures", figures);
        PatchOutcome outcome = rollback(patchId, PatchOrigin.of("probation"), extra, "; rollback-if held: " + decidedBy);
        if (!outcome.done()) {
            // a newer patch on the same class: the verdict stands, the operator decides
            a.verdict = "rollback-refused";
            a.probationText = "rollback-if held (" + decidedBy + ") but the rollback was refused: " + outcome.message();
        }
    }

    @Override
    public synchronized void keep(String patchId, boolean verdict, String message, Map<String, Object> figures) {
        Applied a = applied.get(patchId);
        if (a == null) {
            return;
        }
        a.verdict = "kept";
        a.probationText = "kept at " + Instant.now() + ": " + message;
        if (state != null && a.probationStart != null) {
            state.recordProbation(a.probationStart, "kept", a.probationText);
        }
        publish(Event.of(EventType.PATCH_KEPT).with("id", patchId).with("sha256", a.jar.sha256())
                .with("classes", a.jar.classNames()).with("by", "probation").with("verdict", verdict)
                .with("figures", figures).message("patch " + patchId + " " + message));
        System.err.println("[selfheal] patch " + patchId + " " + message);
    }

    /** Not applied already, and every class loaded: the loaded classes, in every loader. */
    private Map<ClassKey, Class<?>> checkApplicable(PatchJar patch) throws PatchRejectedException {
        if (applied.containsKey(patch.id())) {
            throw new PatchRejectedException("patch " + patch.id() + " is already applied");
        }
        return loaded(patch, true);
    }

    /** The fields that say where a patch came from: jar, hash, signer, who applied it. */
    private static Event provenance(Event e, Applied a) {
        PatchJar p = a.jar;
        return e.with("id", p.id()).with("description", emptyToNull(p.description())).with("classes", p.classNames())
                .with("jar", p.path().toString()).with("sha256", p.sha256())
                .with("signerSubject", p.signer() == null ? null : p.signer().subject())
                .with("signerFingerprint", p.signer() == null ? null : p.signer().fingerprint())
                .with("via", a.origin.via()).with("by", a.origin.by()).with("user", a.origin.user());
    }

    /**
     * The classes of the patch that are loaded, in every loader. With {@code all}, a class that
     * is not loaded anywhere rejects the patch, naming it.
     */
    private Map<ClassKey, Class<?>> loaded(PatchJar patch, boolean all) throws PatchRejectedException {
        Map<ClassKey, Class<?>> found = new LinkedHashMap<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (!c.isArray() && patch.classes().containsKey(c.getName().replace('.', '/'))) {
                if (!inst.isModifiableClass(c)) {
                    throw new PatchRejectedException("class " + c.getName() + " cannot be redefined by this JVM");
                }
                found.put(ClassKey.of(c), c);
            }
        }
        if (all) {
            List<String> missing = new ArrayList<>();
            for (String name : patch.classes().keySet()) {
                if (found.keySet().stream().noneMatch(k -> k.internalName().equals(name))) {
                    missing.add(name.replace('/', '.'));
                }
            }
            if (!missing.isEmpty()) {
                throw new PatchRejectedException(PatchCheck.notLoaded(missing));
            }
        }
        return found;
    }

    /** Checks every class against its current bytes; returns those bytes (the rollback target). */
    private Map<ClassKey, byte[]> checkAgainstCurrent(PatchJar patch, Map<ClassKey, Class<?>> loaded)
            throws PatchRejectedException {
        Map<ClassKey, byte[]> before = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<ClassKey, Class<?>> e : loaded.entrySet()) {
            byte[] current = currentBytes(e.getKey(), e.getValue());
            before.put(e.getKey(), current);
            PatchCheck.addDifferences(problems, current, patch.classes().get(e.getKey().internalName()));
        }
        if (!problems.isEmpty()) {
            throw new PatchRejectedException(PatchCheck.notRedefinable(problems));
        }
        return before;
    }

    /** The class file the class was last defined from: the newest patch's, else the original. */
    private byte[] currentBytes(ClassKey key, Class<?> c) throws PatchRejectedException {
        Deque<Layer> stack = layers.get(key);
        if (stack != null && !stack.isEmpty()) {
            return stack.peek().after();
        }
        byte[] rolledBackTo = transformer.patchBytes(key);
        if (rolledBackTo != null) {
            return rolledBackTo; // patched before and rolled back: what the JVM replays is stale
        }
        try {
            byte[] bytes = transformer.capture(inst, c);
            if (bytes == null) {
                throw new PatchRejectedException("cannot read the current class file of " + c.getName());
            }
            return bytes;
        } catch (PatchRejectedException e) {
            throw e;
        } catch (Exception e) {
            throw new PatchRejectedException("cannot read the current class file of " + c.getName() + ": " + e);
        }
    }

    /** One redefinition for every class of the patch; on failure the transformer is put back. */
    private void redefine(Map<ClassKey, Class<?>> loaded, PatchJar patch, Map<ClassKey, byte[]> before, Applied a)
            throws PatchRejectedException {
        Map<ClassKey, byte[]> target = new LinkedHashMap<>();
        for (ClassKey k : loaded.keySet()) {
            target.put(k, patch.classes().get(k.internalName()));
        }
        redefineTo(loaded, target, target);
        for (ClassKey k : loaded.keySet()) {
            layers.computeIfAbsent(k, x -> new ArrayDeque<>()).push(new Layer(patch.id(), before.get(k), target.get(k)));
            a.classes.add(k);
        }
    }

    /**
     * Redefines {@code classes} to {@code bytes}; {@code handOut} is what the patch transformer
     * gives out afterwards for each (null: the class is back to its original bytes).
     */
    private void redefineTo(Map<ClassKey, Class<?>> classes, Map<ClassKey, byte[]> bytes, Map<ClassKey, byte[]> handOut)
            throws PatchRejectedException {
        Map<ClassKey, byte[]> previous = new HashMap<>();
        for (ClassKey k : classes.keySet()) {
            Deque<Layer> stack = layers.get(k);
            previous.put(k, transformer.patchBytes(k));
            transformer.patchBytes(k, handOut.get(k));
        }
        List<ClassDefinition> definitions = new ArrayList<>();
        for (Map.Entry<ClassKey, Class<?>> e : classes.entrySet()) {
            definitions.add(new ClassDefinition(e.getValue(), bytes.get(e.getKey())));
        }
        try {
            inst.redefineClasses(definitions.toArray(new ClassDefinition[0]));
        } catch (Throwable t) {
            previous.forEach(transformer::patchBytes);
            throw new PatchRejectedException("the JVM refused the redefinition, nothing changed: " + t);
        }
    }

    // ---------------------------------------------------------------- rollback

    @Override
    public synchronized PatchOutcome rollback(String id, String via) {
        return rollback(id, PatchOrigin.of(via), Map.of(), "");
    }

    /** {@code extra}: fields the rolled-back event carries besides the patch's ({@code by: probation}'s figures). */
    private PatchOutcome rollback(String id, PatchOrigin origin, Map<String, Object> extra, String why) {
        String via = origin.via();
        Applied a = applied.get(id);
        if (a == null) {
            String reason = "no applied patch has the id '" + id + "'" + (applied.isEmpty() ? " (none is applied)"
                    : " (applied: " + String.join(", ", applied.keySet()) + ")");
            return refusedRollback(id, via, reason);
        }
        for (ClassKey k : a.classes) {
            Layer top = layers.get(k).peek();
            if (!top.patchId().equals(id)) {
                return refusedRollback(id, via, "patch " + top.patchId() + ", applied after " + id
                        + ", also changes class " + k.className() + "; roll " + top.patchId() + " back first");
            }
        }
        Map<ClassKey, Class<?>> classes = new LinkedHashMap<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            ClassKey k = c.isArray() ? null : ClassKey.of(c);
            if (k != null && a.classes.contains(k)) {
                classes.put(k, c);
            }
        }
        Map<ClassKey, byte[]> bytes = new HashMap<>();
        Map<ClassKey, byte[]> handOut = new HashMap<>();
        for (ClassKey k : classes.keySet()) {
            Layer top = layers.get(k).peek();
            bytes.put(k, top.before());
            // Even back at the original bytes the transformer keeps handing them out: HotSpot keeps
            // the class file it cached at the first redefinition as the start of every later
            // retransformation, which would otherwise bring the rolled-back patch back.
            handOut.put(k, top.before());
        }
        try {
            if (!classes.isEmpty()) {
                redefineTo(classes, bytes, handOut);
            }
        } catch (PatchRejectedException e) {
            return refusedRollback(id, via, e.getMessage());
        }
        for (ClassKey k : a.classes) {
            Deque<Layer> stack = layers.get(k);
            stack.pop();
            if (stack.isEmpty()) {
                layers.remove(k);
            }
        }
        applied.remove(id);
        if (probation != null && a.probationStart != null) {
            probation.get().forget(id);
        }
        dropFromLoadTime(id);
        if (state != null) {
            state.remove(id);
        }
        String message = "patch " + id + " rolled back: " + describe(a.classes) + why;
        Event e = Event.of(EventType.PATCH_ROLLED_BACK).with("id", id).with("classes", a.jar.classNames())
                .with("via", via).with("by", origin.by()).with("sha256", a.jar.sha256());
        extra.forEach(e::with);
        publish(e.message(message));
        System.err.println("[selfheal] " + message + " (via " + via + ")");
        return PatchOutcome.done(id, message);
    }

    // ---------------------------------------------------------------- list

    @Override
    public synchronized List<PatchInfo> patches() {
        List<PatchInfo> out = new ArrayList<>();
        for (Applied a : applied.values()) {
            PatchSigner signer = a.jar.signer();
            out.add(new PatchInfo(a.jar.id(), a.jar.description(), a.jar.classNames(), a.jar.path().toString(),
                    a.at.toString(), a.verdict != null ? a.verdict : a.atLoad ? "applied at load" : "applied",
                    a.jar.sha256(), signer == null ? null : signer.subject(), signer == null ? null : signer.fingerprint(),
                    a.origin.via(), a.origin.user(), a.probationText));
        }
        return out;
    }

    // ---------------------------------------------------------------- re-apply after a restart

    /**
     * Applies the recorded patches again, with the same checks. Classes already loaded are
     * redefined now; the others get the patch bytes as they load (checked against the bytes they
     * load with), so the fixed code runs from their first call.
     */
    public synchronized void reapply(List<Path> jars) {
        Map<String, List<Applied>> pending = new HashMap<>(atLoad);
        for (Path jar : jars) {
            String id = null;
            try {
                PatchJar patch = PatchJar.read(jar, verifier, limits);
                id = patch.id();
                Map<ClassKey, Class<?>> loaded = loaded(patch, false);
                Applied a = new Applied(patch, PatchOrigin.of("restart"), Instant.now(), true);
                if (!loaded.isEmpty()) {
                    redefine(loaded, patch, checkAgainstCurrent(patch, loaded), a);
                }
                for (String name : patch.classes().keySet()) {
                    // patches of one class stack at load as they did when applied, oldest first
                    List<Applied> stack = new ArrayList<>(pending.getOrDefault(name, List.of()));
                    stack.add(a);
                    pending.put(name, List.copyOf(stack));
                }
                applied.put(id, a);
                restoreProbation(a);
                publish(provenance(Event.of(EventType.PATCH_APPLIED), a)
                        .message("patch " + id + " re-applied at start; classes not loaded yet are patched as they load"));
            } catch (PatchRejectedException | RuntimeException e) {
                rejected(id, jar, "restart", (e instanceof PatchRejectedException ? e.getMessage() : e.toString())
                        + "; it is dropped from the recorded patches");
                if (state != null) {
                    state.remove(PatchStateStore.idOf(jar));
                }
            }
        }
        atLoad = Map.copyOf(pending);
    }

    /** A re-applied patch keeps its verdict: kept stays kept, one still on probation resumes it. */
    private void restoreProbation(Applied a) {
        PatchStateStore.RecordedProbation r = state == null ? null : state.probation(a.jar.id());
        if (r == null) {
            return;
        }
        if ("kept".equals(r.verdict())) {
            a.probationStart = r.start();
            a.verdict = "kept";
            a.probationText = r.message();
        } else if (probation != null) {
            probation.get().resume(r.start());
            onProbation(a, r.start());
        }
    }

    /** Called by the transformer for every class that loads; cheap unless a re-applied patch names it. */
    private byte[] onLoad(ClassLoader loader, String internalName, byte[] classFile) {
        Map<String, List<Applied>> pending = atLoad;
        if (pending.isEmpty()) {
            return null;
        }
        List<Applied> stack = pending.get(internalName);
        if (stack == null) {
            return null;
        }
        ClassKey key = new ClassKey(loader, internalName);
        byte[] current = classFile;
        for (Applied a : stack) {
            byte[] patch = a.jar.classes().get(key.internalName());
            List<String> problems = RedefinitionChecker.differences(current, patch);
            if (!problems.isEmpty()) {
                String id = a.jar.id();
                rejected(id, a.jar.path(), "restart", "at load of " + key.className() + ": " + String.join("; ", problems)
                        + "; the patch is rolled back");
                Thread t = new Thread(() -> rollback(id, "load-time check"), "selfheal-patch-rollback");
                t.setDaemon(true);
                t.start();
                dropFromLoadTime(id);
                break;   // the patches above it were made on top of it
            }
            synchronized (this) {
                layers.computeIfAbsent(key, x -> new ArrayDeque<>()).push(new Layer(a.jar.id(), current.clone(), patch));
                a.classes.add(key);
                transformer.patchBytes(key, patch);
            }
            current = patch;
        }
        return current == classFile ? null : current;
    }

    private void dropFromLoadTime(String id) {
        Map<String, List<Applied>> pending = new HashMap<>();
        boolean dropped = false;
        for (Map.Entry<String, List<Applied>> e : atLoad.entrySet()) {
            List<Applied> kept = new ArrayList<>(e.getValue());
            dropped |= kept.removeIf(a -> a.jar.id().equals(id));
            if (!kept.isEmpty()) {
                pending.put(e.getKey(), List.copyOf(kept));
            }
        }
        if (dropped) {
            atLoad = Map.copyOf(pending);
        }
    }

    // ---------------------------------------------------------------- helpers

    private PatchOutcome rejected(String id, Path jar, String via, String reason) {
        publish(Event.of(EventType.PATCH_REJECTED).with("id", id).with("jar", jar.toString()).with("via", via)
                .with("reason", reason).message("patch " + (id == null ? jar.getFileName() : id) + " rejected: " + reason));
        System.err.println("[selfheal] patch " + jar + " rejected (via " + via + "): " + reason);
        return PatchOutcome.refused(id, reason);
    }

    private PatchOutcome refusedRollback(String id, String via, String reason) {
        publish(Event.of(EventType.PATCH_REJECTED).with("id", id).with("operation", "rollback").with("via", via)
                .with("reason", reason).message("rollback of " + id + " refused: " + reason));
        return PatchOutcome.refused(id, reason);
    }

    private static String describe(java.util.Collection<ClassKey> keys) {
        Map<String, Integer> perClass = new LinkedHashMap<>();
        for (ClassKey k : keys) {
            perClass.merge(k.className(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        perClass.forEach((name, loaders) -> parts.add(name + (loaders > 1 ? " (in " + loaders + " class loaders)" : "")));
        return String.join(", ", parts);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void publish(Event e) {
        try {
            events.publish(e);
        } catch (RuntimeException ignored) {
            // the event writer reports its own faults; a patch outcome does not depend on it
        }
    }
}
