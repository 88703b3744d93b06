package io.selfheal.junit;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The selfheal agent in this JVM, through its MBeans on the platform MBean server. When the agent
 * was not given with {@code -javaagent}, it is attached through byte-buddy-agent with a copy of the
 * config, so that a test naming another config reloads the copy instead of needing a new JVM. The
 * agent's jar: the system property {@code selfheal.agent.jar}, else a {@code selfheal-agent*.jar}
 * on the class path.
 */
final class InProcessAgent implements AgentPort {
    static final InProcessAgent INSTANCE = new InProcessAgent();
    private static final String AGENT = "io.selfheal:type=Agent";
    private static final String LOADED = "selfheal.agent.loaded";

    /** The config copy the agent was attached with, or null when it came with -javaagent. */
    private Path copy;
    private Path inForce;

    @Override
    public synchronized void use(Path config) throws Exception {
        Path wanted = config == null ? null : config.toAbsolutePath().normalize();
        if (!Boolean.getBoolean(LOADED)) {
            if (wanted == null) {
                throw new IllegalStateException("the selfheal agent is not in this JVM and no @SelfhealConfig names"
                        + " a config: name one, or add -javaagent:selfheal-agent.jar=config=... to Surefire's argLine");
            }
            copy = Files.createTempFile("selfheal-junit-", ".yaml");
            copy.toFile().deleteOnExit();
            Files.copy(wanted, copy, StandardCopyOption.REPLACE_EXISTING);
            ByteBuddyAgent.attach(agentJar(), String.valueOf(ProcessHandle.current().pid()), "config=" + copy);
            inForce = wanted;
        }
        MBeanServer server = server();
        if (wanted == null || wanted.equals(inForce)) {
            return;
        }
        if (copy == null) {
            String path = (String) server.getAttribute(name(AGENT), "ConfigPath");
            if (path != null && Path.of(path).toAbsolutePath().normalize().equals(wanted)) {
                inForce = wanted;
                return;
            }
            throw new IllegalStateException("the selfheal agent runs with the config " + path + " (from -javaagent),"
                    + " not " + wanted + ": name that file in @SelfhealConfig, or leave the agent to the extension");
        }
        Files.copy(wanted, copy, StandardCopyOption.REPLACE_EXISTING);
        String answer = (String) server.invoke(name(AGENT), "reloadConfig", new Object[0], new String[0]);
        if (!answer.startsWith("reloaded")) {
            throw new IllegalStateException("the config " + wanted + " was not taken: " + answer);
        }
        inForce = wanted;
    }

    @Override
    public void startDrill(String target, String options) throws Exception {
        try {
            server().invoke(targetName(target), "startDrill", new Object[] {options},
                    new String[] {String.class.getName()});
        } catch (MBeanException | RuntimeMBeanException e) {
            throw new IllegalStateException("drill on '" + target + "' refused: " + innermost(e), e);
        }
    }

    @Override
    public String stopDrill(String target) throws Exception {
        return (String) server().invoke(targetName(target), "stopDrill", new Object[0], new String[0]);
    }

    @Override
    public String report(String target) {
        try {
            return (String) server().getAttribute(targetName(target), "DrillReport");
        } catch (Exception e) {
            return null;
        }
    }

    /** The platform MBean server once the agent's beans are on it (they are registered just after it is made). */
    private static MBeanServer server() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(name(AGENT))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the selfheal agent did not register its MBeans within 10s");
            }
            Thread.sleep(20);
        }
        return server;
    }

    private static ObjectName targetName(String target) throws Exception {
        ObjectName on = new ObjectName("io.selfheal:type=Target,name=" + ObjectName.quote(target));
        ObjectName plain;
        try {
            plain = new ObjectName("io.selfheal:type=Target,name=" + target);
        } catch (javax.management.MalformedObjectNameException quotedOnly) {
            plain = on;
        }
        MBeanServer server = server();
        if (server.isRegistered(plain)) {
            return plain;
        }
        if (server.isRegistered(on)) {
            return on;
        }
        throw new IllegalStateException("no target named '" + target + "' in the selfheal config in force");
    }

    private static ObjectName name(String text) throws Exception {
        return new ObjectName(text);
    }

    static File agentJar() {
        String property = System.getProperty("selfheal.agent.jar");
        if (property != null) {
            return new File(property);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = new File(entry).getName();
            if (file.startsWith("selfheal-agent") && file.endsWith(".jar")) {
                return new File(entry);
            }
        }
        throw new IllegalStateException("the selfheal agent jar was not found: add io.selfheal:selfheal-agent as a"
                + " test dependency, set -Dselfheal.agent.jar=PATH, or give -javaagent in Surefire's argLine");
    }

    private static String innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
