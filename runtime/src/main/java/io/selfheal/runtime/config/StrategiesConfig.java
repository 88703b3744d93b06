package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-level {@code strategies:}: which strategies act on an exception type when a target does not
 * say. A target "says" through the {@code on:}/{@code ignore:} lists of a strategy block: a block
 * with such lists decides for itself; a block without them follows this map. The most specific
 * mapped type wins (the thrown class, then each superclass). Values are one strategy or a list:
 * {@code retry}, {@code circuit-breaker}, {@code isolate}, {@code fallback}, or {@code rethrow}
 * (none of them).
 */
public record StrategiesConfig(Map<String, List<String>> byType) {

    public static final List<String> NAMES = Strategy.mappableNames();
    public static final StrategiesConfig NONE = new StrategiesConfig(Map.of());


    /**
     * The strategies mapped for {@code thrown}'s most specific listed type, or {@code null} when
     * none of its types is listed.
     */
    public List<String> strategiesFor(Class<?> thrown) {
        if (byType.isEmpty()) {
            return null;
        }
        for (Class<?> c = thrown; c != null; c = c.getSuperclass()) {
            List<String> s = byType.get(c.getName());
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    static StrategiesConfig read(Section s) {
        if (!s.isPresent()) {
            return NONE;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String type : s.mapNode().entries().keySet()) {
            if (!NameSyntax.isDottedName(type, "")) {
                s.problem(type, "'" + type + "' is not a class name (write it in full: java.io.IOException)");
            }
            List<String> names = s.strings(type);
            List<String> valid = new ArrayList<>();
            for (String n : names) {
                if (NAMES.contains(n)) {
                    valid.add(n);
                } else {
                    s.problem(type, "'" + n + "' is not a strategy; use one of " + String.join(", ", NAMES));
                }
            }
            if (names.isEmpty()) {
                s.problem(type, "names no strategy; use one of " + String.join(", ", NAMES));
            }
            out.put(type, List.copyOf(valid));
        }
        s.rejectUnknownKeys("exception type");
        return new StrategiesConfig(Collections.unmodifiableMap(out));
    }
}
