package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What a valid config says that is probably not what was meant. A warning never stops the agent
 * or changes what is woven: it is printed by {@code validate} after the file passed, and reported
 * at start as a {@code config-problem} event and a stderr line.
 */
public final class ConfigWarnings {
    private ConfigWarnings() {
    }

    /** Every warning about {@code config}, in file order. */
    public static List<ConfigProblem> of(AgentConfig config) {
        List<ConfigProblem> out = new ArrayList<>();
        for (TargetConfig t : config.targets()) {
            if (!t.hasStrategy()) {
                out.add(noStrategy(config, t));
            }
        }
        return out;
    }

    /** The warning for a target without a strategy: it is woven, and only observes. */
    public static ConfigProblem noStrategy(AgentConfig config, TargetConfig target) {
        YamlNode at = target.location();
        return new ConfigProblem(config.source(), at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                "targets." + target.name(), "target '" + target.name() + "' has no strategy: it only observes");
    }
}
