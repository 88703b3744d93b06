package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects config problems, so a file reports all of them at once. Duplicates are dropped. */
public final class Problems {
    private final String file;
    private final Set<ConfigProblem> problems = new LinkedHashSet<>();
    /** A problem in {@code defaults:} is met again in every target it is laid under: report it once. */
    private final Set<String> seenPlaces = new java.util.HashSet<>();

    public Problems(String file) {
        this.file = file;
    }

    public void add(YamlNode at, String key, String message) {
        add(at == null ? 0 : at.line(), at == null ? 0 : at.column(), key, message);
    }

    public void add(int line, int column, String key, String message) {
        if (line > 0 && !seenPlaces.add(line + ":" + column + ":" + message)) {
            return;
        }
        // A problem with the document as a whole still names where it is.
        String named = key == null || key.isEmpty() ? "(document)" : key;
        problems.add(new ConfigProblem(file, line, column, named, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<ConfigProblem> sorted() {
        List<ConfigProblem> list = new ArrayList<>(problems);
        Collections.sort(list);
        return list;
    }

    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(sorted());
        }
    }
}
