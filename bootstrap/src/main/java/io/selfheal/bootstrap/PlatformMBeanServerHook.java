package io.selfheal.bootstrap;

import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;

/**
 * Registers the agent's MBeans when the platform MBean server is first created, by whoever asks
 * for it (the application, a JMX connector, {@code jcmd}, the agent's own command line), instead
 * of creating it at start-up: creating it loads about 300 JDK classes, a tenth of a second, in
 * every JVM, though most never use JMX. The beans are in before the server is handed to anyone,
 * so {@code io.selfheal:type=Agent} is there from the first request on.
 *
 * <p>The JDK creates the platform server through {@link MBeanServerFactory}, which asks the
 * builder named by {@value #PROPERTY}; this class is that builder until the platform server
 * exists, then the property is cleared again. It lives in the boot loader, where the factory can
 * always find it, whatever the requesting thread's context class loader.
 */
public final class PlatformMBeanServerHook extends MBeanServerBuilder {
    public static final String PROPERTY = "javax.management.builder.initial";

    private static Consumer<MBeanServer> pending;

    /**
     * Defers {@code registration} to the platform server's creation.
     *
     * @return false when it cannot be deferred (another builder is configured, or the platform
     *     server exists already): the caller registers now
     */
    public static boolean defer(Consumer<MBeanServer> registration) {
        synchronized (PlatformMBeanServerHook.class) {
            if (System.getProperty(PROPERTY) != null || !MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                return false;
            }
            pending = registration;
            System.setProperty(PROPERTY, PlatformMBeanServerHook.class.getName());
        }
        // A server created while the property was being set used the JDK's builder: register now.
        if (!MBeanServerFactory.findMBeanServer(null).isEmpty()) {
            Consumer<MBeanServer> r = take();
            if (r != null) {
                clearProperty();
                return false;
            }
        }
        return true;
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = super.newMBeanServer(defaultDomain, outer, delegate);
        if (outer == null && forPlatformServer()) {
            clearProperty();
            Consumer<MBeanServer> r = take();
            if (r != null) {
                try {
                    r.accept(server);
                } catch (Throwable ignored) {
                    // The registration reports its own faults; the server must be created whatever happens.
                }
            }
        }
        return server;
    }

    private static synchronized Consumer<MBeanServer> take() {
        Consumer<MBeanServer> r = pending;
        pending = null;
        return r;
    }

    private static void clearProperty() {
        synchronized (PlatformMBeanServerHook.class) {
            if (PlatformMBeanServerHook.class.getName().equals(System.getProperty(PROPERTY))) {
                System.clearProperty(PROPERTY);
            }
        }
    }

    /** True when this server is being created by {@code ManagementFactory.getPlatformMBeanServer}. */
    private static boolean forPlatformServer() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
                f.getClassName().equals("java.lang.management.ManagementFactory")
                        && f.getMethodName().equals("getPlatformMBeanServer")));
    }
}
