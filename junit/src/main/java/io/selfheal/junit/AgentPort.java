package io.selfheal.junit;

import java.nio.file.Path;

/** What the extension asks of the agent in the test JVM; {@link InProcessAgent} is the real one. */
interface AgentPort {
    /** Makes the agent run with {@code config} (null: as it is), attaching it when it is not there. */
    void use(Path config) throws Exception;

    /** Starts a drill; the options as the command line writes them. @throws Exception with the refusal */
    void startDrill(String target, String options) throws Exception;

    /** Ends the drill on the target; its final report (JSON), or null when none ran. */
    String stopDrill(String target) throws Exception;

    /** The drill's report so far (JSON), or null. */
    String report(String target);
}
