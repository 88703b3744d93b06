package io.selfheal.runtime.config;

/**
 * Parses YAML text into a {@link YamlNode} tree that keeps every value's line and column. Configs
 * in the plain subset of YAML ({@link SubsetYamlReader}) are read without Jackson, whose first use
 * costs the agent's start about a tenth of a second; everything else, syntax errors included, is
 * read by Jackson ({@link JacksonTreeReader}). Both give the same tree and the same problems.
 */
public final class YamlTreeReader {
    private YamlTreeReader() {
    }

    /**
     * @return the document's root, or {@code null} for an empty document; a syntax error and a
     *     duplicated key are added to {@code problems}
     */
    public static YamlNode read(String text, Problems problems) {
        SubsetYamlReader.Tree tree = SubsetYamlReader.read(text, problems);
        return tree != null ? tree.root : JacksonTreeReader.read(text, problems);
    }
}
