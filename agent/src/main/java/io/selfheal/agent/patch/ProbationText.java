package io.selfheal.agent.patch;

import io.selfheal.runtime.config.ConfigException;
import io.selfheal.runtime.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** The problems of a probation (read from a jar or given with a request) on one line: a rejection's reason. */
final class ProbationText {
    private ProbationText() {
    }

    /** {@code file:line:col: key: message; ...}: a rejection's reason. */
    static String problems(ConfigException e) {
        List<String> out = new ArrayList<>();
        for (ConfigProblem p : e.problems()) {
            out.add(p.toString());
        }
        return String.join("; ", out);
    }
}
