package io.selfheal.agent.lifecycle;

import io.selfheal.agent.boot.BootLoaderDefiner;
import io.selfheal.agent.boot.StartupTrace;
import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.OnConfigError;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds and reads the config the agent was given, once the bootstrap classes are in place, and
 * hands it to {@link OnDemandAgent}. The path is the agent option {@code config=PATH} (or a bare
 * option), else {@code -Dselfheal.config}, else {@code $SELFHEAL_CONFIG}. A bad config leaves the
 * agent disabled (the application runs unwoven) unless {@code on-config-error: fail}.
 */
public final class ConfigAtStart {
    private ConfigAtStart() {
    }

    /** @param bootLoader how classes go into the boot loader, {@code null} when they cannot go there directly */
    public static void start(String options, Instrumentation inst, boolean atLaunch, BootLoaderDefiner bootLoader) {
        String configPath = configPath(options);
        if (configPath == null) {
            System.err.println("[selfheal] no config given (-javaagent:selfheal-agent.jar=config=PATH,"
                    + " -Dselfheal.config or SELFHEAL_CONFIG); the agent is idle");
            return;
        }
        Path path = Paths.get(configPath);
        // For the attach command: the config a second attach would not replace.
        System.setProperty("selfheal.agent.config", path.toAbsolutePath().toString());
        AgentConfig config;
        try {
            config = ConfigLoader.load(path);
            StartupTrace.mark("config read");
        } catch (ConfigException e) {
            System.err.println("[selfheal] " + e.getMessage());
            if (ConfigLoader.onConfigErrorOf(path) == OnConfigError.FAIL) {
                // With -javaagent, an exception from premain stops the JVM: that is what 'fail' asks.
                throw new IllegalStateException("selfheal: invalid config " + path + " and on-config-error: fail");
            }
            System.err.println("[selfheal] the agent is disabled; the application runs without healing");
            return;
        }
        try {
            new OnDemandAgent(config, path, inst, bootLoader).begin(atLaunch);
        } catch (Throwable t) {
            OnDemandAgent.turnOff(t);
            t.printStackTrace();
        }
    }

    /**
     * The config path from the option string {@code config=PATH[,key=value...]} (a bare value is
     * the path), else {@code -Dselfheal.config}, else {@code $SELFHEAL_CONFIG}; {@code null} when
     * none is given.
     */
    static String configPath(String options) {
        String p = null;
        if (options != null) {
            for (String part : options.split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    p = part.trim();
                } else if (part.substring(0, eq).trim().equals("config")) {
                    p = part.substring(eq + 1).trim();
                }
            }
        }
        if (p == null || p.isEmpty()) {
            p = System.getProperty("selfheal.config");
        }
        if (p == null || p.isEmpty()) {
            p = System.getenv("SELFHEAL_CONFIG");
        }
        return p == null || p.isEmpty() ? null : p;
    }
}
