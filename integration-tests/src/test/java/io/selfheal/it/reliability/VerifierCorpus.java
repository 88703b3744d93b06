package io.selfheal.it.reliability;

import io.selfheal.agent.weave.ClassWeaver;
import io.selfheal.agent.weave.TargetIndex;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.time.Clock;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.events.EventBus;
import io.selfheal.runtime.events.EventType;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The verifier corpus runner, for {@link VerifierCorpusTest}: test code, kept out of the agent jar.
 * It runs in a child JVM against the weaver of the built agent jar (on that JVM's class path), so
 * the weaver under test is exactly the one users get. It weaves every weavable
 * method of every class of the given jars or class directories with the given config, defines the
 * woven classes in a fresh class loader, links each one (which runs the JVM's verifier) and links
 * the unwoven class in a second loader as the reference. A woven class must link whenever its
 * unwoven original does; a class whose original cannot link either (an optional dependency that
 * is absent) is counted apart, not as a weaver failure.
 *
 * <p>Run as {@code java -javaagent:selfheal-agent.jar -cp selfheal-agent.jar:TEST_CLASSES
 * io.selfheal.it.reliability.VerifierCorpus CONFIG JAR_OR_DIR...} (the agent without a config only
 * puts the bootstrap classes on the boot class path, which woven code needs). It prints one
 * {@code CORPUS} line per input and a {@code CORPUS-TOTAL} line; every failure is printed as a
 * {@code CORPUS-FAILURE} line. Exit status 0 only when nothing failed. Each line also counts the
 * woven methods with {@code restore:} on ({@code restoreSites}) and the classes whose constructors
 * were hooked for {@code checkpoints.state} ({@code constructorsHooked}), so a test can see that
 * those blocks of its config took effect.
 */
public final class VerifierCorpus {
    private VerifierCorpus() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VerifierCorpus CONFIG JAR_OR_DIR...");
            System.exit(2);
        }
        AgentConfig config = ConfigLoader.load(Paths.get(args[0]));
        EventBus events = new EventBus();
        HealingEngine engine = new HealingEngine(config, events, Clock.SYSTEM);
        AtomicInteger hooked = new AtomicInteger(); // classes whose constructors were hooked, for the input being woven
        events.subscribe(e -> {
            if (e.type() == EventType.TARGET_WOVEN && Boolean.TRUE.equals(e.get("checkpointInstances"))) {
                hooked.incrementAndGet();
            }
        });
        ClassWeaver weaver = new ClassWeaver(engine);
        Totals total = new Totals("TOTAL");
        List<Path> all = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            all.add(Paths.get(args[i]));
        }
        for (Path input : all) {
            Totals t = run(input, all, weaver, config, engine, hooked);
            System.out.println("CORPUS " + t);
            total.add(t);
        }
        System.out.println("CORPUS-" + total + " sites=" + engine.siteCount());
        System.exit(total.failures == 0 ? 0 : 1);
    }

    private static Totals run(Path input, List<Path> all, ClassWeaver weaver, AgentConfig config,
            HealingEngine engine, AtomicInteger hooked) throws IOException {
        Totals t = new Totals(input.getFileName().toString());
        Map<String, byte[]> originals = readClasses(input);
        Map<String, byte[]> others = new LinkedHashMap<>();
        for (Path p : all) {
            if (!p.equals(input)) {
                readClasses(p).forEach(others::putIfAbsent);
            }
        }
        Map<String, byte[]> woven = new LinkedHashMap<>();
        ByteLoader wovenLoader = new ByteLoader("woven " + t.name, woven, others);
        ByteLoader plainLoader = new ByteLoader("plain " + t.name, originals, others);
        TargetIndex index = new TargetIndex(config.targets());
        for (Map.Entry<String, byte[]> e : originals.entrySet()) {
            String internal = e.getKey().replace('.', '/');
            byte[] out = e.getValue();
            try {
                var targets = index.lookup(internal);
                int before = engine.siteCount();
                byte[] w = targets == null ? null : weaver.weave(e.getValue(), wovenLoader, targets);
                if (w != null) {
                    out = w;
                    t.classesWoven++;
                    t.methodsWoven += engine.siteCount() - before;
                    for (int site = before; site < engine.siteCount(); site++) {
                        t.restoreSites += engine.site(site).restores() ? 1 : 0;
                    }
                }
            } catch (Throwable fault) {
                t.fail(e.getKey(), "weaving threw " + fault);
            }
            woven.put(e.getKey(), out);
        }
        t.constructorsHooked = hooked.getAndSet(0);
        for (String name : originals.keySet()) {
            Throwable plain = link(plainLoader, name);
            Throwable wovenResult = link(wovenLoader, name);
            if (wovenResult == null) {
                t.linked++;
            } else if (wovenResult instanceof VerifyError || wovenResult instanceof ClassFormatError) {
                t.fail(name, wovenResult.toString());
            } else if (plain == null) {
                t.fail(name, "links unwoven but not woven: " + wovenResult);
            } else {
                t.unlinkableEitherWay++;
            }
        }
        return t;
    }

    /** Loads and links (verifies) without running static initialisers; null when it links. */
    private static Throwable link(ClassLoader loader, String name) {
        try {
            Class<?> c = Class.forName(name, false, loader);
            // HotSpot links a class (verifying it and its supertypes) before reflecting on its
            // methods; static initialisers do not run.
            c.getDeclaredMethods();
            c.getDeclaredConstructors();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static Map<String, byte[]> readClasses(Path input) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.walk(input)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String rel = input.relativize(p).toString().replace(File.separatorChar, '/');
                    if (isClass(rel)) {
                        out.put(className(rel), Files.readAllBytes(p));
                    }
                }
            }
            return out;
        }
        try (JarFile jar = new JarFile(input.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (isClass(e.getName())) {
                    try (InputStream in = jar.getInputStream(e)) {
                        out.put(className(e.getName()), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")
                && !path.endsWith("package-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    /** Defines classes from bytes, its own first, then the other inputs; the JDK for the rest. */
    private static final class ByteLoader extends ClassLoader {
        private final Map<String, byte[]> own;
        private final Map<String, byte[]> others;

        ByteLoader(String name, Map<String, byte[]> own, Map<String, byte[]> others) {
            super(name, ClassLoader.getPlatformClassLoader());
            this.own = own;
            this.others = others;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = own.get(name);
            if (b == null) {
                b = others.get(name);
            }
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] b = own.get(className(name));
                if (b == null) {
                    b = others.get(className(name));
                }
                if (b != null) {
                    return new java.io.ByteArrayInputStream(b);
                }
            }
            return super.getResourceAsStream(name);
        }
    }

    private static final class Totals {
        final String name;
        int classesWoven;
        int methodsWoven;
        int linked;
        int unlinkableEitherWay;
        int failures;
        int restoreSites;
        int constructorsHooked;

        Totals(String name) {
            this.name = name;
        }

        void fail(String className, String why) {
            failures++;
            System.out.println("CORPUS-FAILURE " + name + " " + className + ": " + why);
        }

        void add(Totals o) {
            classesWoven += o.classesWoven;
            methodsWoven += o.methodsWoven;
            linked += o.linked;
            unlinkableEitherWay += o.unlinkableEitherWay;
            failures += o.failures;
            restoreSites += o.restoreSites;
            constructorsHooked += o.constructorsHooked;
        }

        @Override
        public String toString() {
            return name + " classesWoven=" + classesWoven + " methodsWoven=" + methodsWoven + " linked=" + linked
                    + " unlinkableEitherWay=" + unlinkableEitherWay + " failures=" + failures
                    + " restoreSites=" + restoreSites + " constructorsHooked=" + constructorsHooked;
        }
    }
}
