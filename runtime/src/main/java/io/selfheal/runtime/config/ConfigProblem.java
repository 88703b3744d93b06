package io.selfheal.runtime.config;

/** One thing wrong with a config file, at a place in it. */
public record ConfigProblem(String file, int line, int column, String key, String message)
        implements Comparable<ConfigProblem> {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<config>" : file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        if (key != null && !key.isEmpty()) {
            sb.append(": ").append(key);
        }
        return sb.append(": ").append(message).toString();
    }

    @Override
    public int compareTo(ConfigProblem o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }
}
