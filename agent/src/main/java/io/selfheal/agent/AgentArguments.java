package io.selfheal.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's option string: {@code config=PATH[,key=value...]}. A bare value is the config path. */
final class AgentArguments {
    private final Map<String, String> values = new LinkedHashMap<>();

    AgentArguments(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                values.put("config", part.trim());
            } else {
                values.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
    }

    String get(String key) {
        return values.get(key);
    }

    /** The config path: the agent argument, else {@code -Dselfheal.config}, else {@code $SELFHEAL_CONFIG}. */
    String configPath() {
        String p = values.get("config");
        if (p == null || p.isEmpty()) {
            p = System.getProperty("selfheal.config");
        }
        if (p == null || p.isEmpty()) {
            p = System.getenv("SELFHEAL_CONFIG");
        }
        return p == null || p.isEmpty() ? null : p;
    }
}
