package io.selfheal.agent;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.OnConfigError;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Starts the agent once the bootstrap classes are in place: reads the config and hands it to
 * {@link AgentActivation}, which registers the class-load hook and builds the engine when it is
 * first needed. A bad config leaves the agent disabled (the application runs unwoven) unless
 * {@code on-config-error: fail}.
 */
final class AgentStarter {
    private AgentStarter() {
    }

    /** @param bootLoader how classes go into the boot loader, {@code null} when they cannot go there directly */
    static void start(String argumentText, Instrumentation inst, boolean atLaunch, BootLoaderDefiner bootLoader) {
        AgentArguments arguments = new AgentArguments(argumentText);
        String configPath = arguments.configPath();
        if (configPath == null) {
            System.err.println("[selfheal] no config given (-javaagent:selfheal-agent.jar=config=PATH,"
                    + " -Dselfheal.config or SELFHEAL_CONFIG); the agent is idle");
            return;
        }
        Path path = Paths.get(configPath);
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
            new AgentActivation(config, path, inst, bootLoader).begin(atLaunch);
        } catch (Throwable t) {
            AgentActivation.turnOff(t);
            t.printStackTrace();
        }
    }
}
