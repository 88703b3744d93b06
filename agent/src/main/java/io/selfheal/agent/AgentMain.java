package io.selfheal.agent;

import io.selfheal.agent.cli.Cli;

/**
 * {@code main} for {@code java -jar selfheal-agent.jar COMMAND} (the jar's {@code Main-Class}).
 * Every selfheal agent jar has had this class under this name, and {@link AgentLauncher} looks
 * for it to tell whether another selfheal jar is on the boot class path: keep it.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.out, System.err));
    }
}
