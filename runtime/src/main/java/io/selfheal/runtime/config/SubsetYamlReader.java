package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the plain YAML that configs are written in (block and single-line flow maps and lists,
 * plain and quoted scalars, comments) into the same {@link YamlNode} tree, with the same lines,
 * columns and scalar types, as the Jackson reader, without loading Jackson and SnakeYAML: their
 * first use is most of the agent's start-up time.
 *
 * <p>Anything outside that subset (anchors, tags, block scalars, multi-line plain scalars or flow
 * collections, empty values, document markers, tabs, numbers in any form but plain decimals, the
 * YAML 1.1 words in unusual spellings) and any syntax error make {@link #read} answer
 * {@code null}: the caller then reads the text with Jackson, which also reports syntax errors
 * exactly as before. This reader never reports a syntax error itself.
 */
final class SubsetYamlReader {
    /** Thrown inside the reader when the text leaves the subset. */
    private static final class NotInSubset extends Exception {
        NotInSubset() {
            super(null, null, false, false);
        }
    }

    private static final NotInSubset NOT_IN_SUBSET = new NotInSubset();

    /** A duplicated key, reported only once the whole text is known to be in the subset. */
    private record Duplicate(int line, int column, String path, String message) {
    }

    /** The result of a read: the root ({@code null} for an empty document). */
    static final class Tree {
        final YamlNode root;

        private Tree(YamlNode root) {
            this.root = root;
        }
    }

    /**
     * The text as an array: this runs once in every JVM the agent starts in, in the interpreter,
     * where an array load is one bytecode and {@code String.charAt} four calls.
     */
    private final char[] s;
    private final int n;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final List<Duplicate> duplicates = new ArrayList<>();

    private SubsetYamlReader(String text) {
        this.s = text.toCharArray();
        this.n = s.length;
    }

    /**
     * @return the tree, or {@code null} when the text is not in the subset (read it with Jackson);
     *     duplicated keys are added to {@code problems} as the Jackson reader adds them
     */
    static Tree read(String text, Problems problems) {
        SubsetYamlReader r = new SubsetYamlReader(text);
        YamlNode root;
        try {
            r.checkCharacters();
            root = r.document();
        } catch (NotInSubset e) {
            return null;
        }
        for (Duplicate d : r.duplicates) {
            problems.add(d.line, d.column, d.path, d.message);
        }
        return new Tree(root);
    }

    private void checkCharacters() throws NotInSubset {
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c >= ' ' && c < '\u007F' || c == '\n') {
                continue;   // printable ASCII: nearly every character of a config
            }
            if (c == '\t' || c == '\r' || c == '\uFEFF' || Character.isSurrogate(c) || c < ' ' && c != '\n'
                    || c >= '\u007F' && c <= '\u009F' || c == '\u2028' || c == '\u2029') {
                throw NOT_IN_SUBSET;
            }
        }
    }

    private YamlNode document() throws NotInSubset {
        int indent = nextContentLine();
        if (indent < 0) {
            return null;
        }
        if (indent != 0) {
            throw NOT_IN_SUBSET;
        }
        YamlNode root = blockNode(0, "");
        if (nextContentLine() >= 0) {
            throw NOT_IN_SUBSET;   // something after the root that is not part of it
        }
        return root;
    }

    // ---------------------------------------------------------------- lines

    private boolean startsWith(String marker) {
        if (pos + marker.length() > n) {
            return false;
        }
        for (int k = 0; k < marker.length(); k++) {
            if (s[pos + k] != marker.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int column() {
        return pos - lineStart;
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i < n ? s[i] : '\n';
    }

    /**
     * Moves to the first character of the next line with content (skipping blank and comment-only
     * lines), starting with the rest of the current line.
     *
     * @return that line's indentation, or -1 at the end of the text
     */
    private int nextContentLine() throws NotInSubset {
        while (true) {
            skipSpaces();
            if (pos >= n) {
                return -1;
            }
            char c = s[pos];
            if (c == '#') {
                skipToLineEnd();
                continue;
            }
            if (c == '\n') {
                newLine();
                continue;
            }
            if (column() == 0 && (startsWith("---") || startsWith("...") || c == '%')) {
                throw NOT_IN_SUBSET;
            }
            return column();
        }
    }

    private void skipSpaces() {
        while (pos < n && s[pos] == ' ') {
            pos++;
        }
    }

    private void skipToLineEnd() {
        while (pos < n && s[pos] != '\n') {
            pos++;
        }
    }

    private void newLine() {
        pos++;
        line++;
        lineStart = pos;
    }

    /** After a node on a line: only spaces and a comment may follow; moves to the next line. */
    private void endOfLine() throws NotInSubset {
        int before = pos;
        skipSpaces();
        if (pos < n && s[pos] == '#') {
            if (pos == before) {
                throw NOT_IN_SUBSET;   // '#' glued to a value
            }
            skipToLineEnd();
        }
        if (pos < n && s[pos] != '\n') {
            throw NOT_IN_SUBSET;
        }
        if (pos < n) {
            newLine();
        }
    }

    // ---------------------------------------------------------------- block nodes

    /** The node starting at the cursor, the first of its line's content, at column {@code indent}. */
    private YamlNode blockNode(int indent, String path) throws NotInSubset {
        char c = peek(0);
        if (c == '-' && isBlank(peek(1))) {
            return blockSequence(indent, path);
        }
        if (startsMappingKey()) {
            return blockMapping(indent, path);
        }
        YamlNode node = flowOrScalar(path, false);
        endOfLine();
        return node;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\n';
    }

    /** True when the cursor's line holds {@code key:} (plain or quoted key) from the cursor on. */
    private boolean startsMappingKey() throws NotInSubset {
        int save = pos;
        try {
            char c = peek(0);
            if (c == '"' || c == '\'') {
                quoted();
            } else if (isPlainStart(c, false)) {
                plainText(false);
            } else {
                return false;
            }
            skipSpaces();
            return peek(0) == ':' && isBlank(peek(1));
        } finally {
            pos = save;
        }
    }

    /**
     * Adds {@code entry} to {@code map}; a repeated key is kept, to be reported once the whole text is
     * known to be in the subset.
     */
    private void put(YamlNode.MapNode map, YamlNode.Entry entry, String path) {
        YamlNode.Entry earlier = map.put(entry);
        if (earlier != null) {
            duplicates.add(new Duplicate(entry.line(), entry.column(), path, YamlNode.MapNode.duplicatedKey(earlier)));
        }
    }

    private YamlNode.MapNode blockMapping(int indent, String path) throws NotInSubset {
        YamlNode.MapNode map = new YamlNode.MapNode(line, column() + 1);
        while (true) {
            int keyLine = line;
            int keyColumn = column() + 1;
            String key = peek(0) == '"' || peek(0) == '\'' ? quoted() : plainText(false);
            skipSpaces();
            if (peek(0) != ':') {
                throw NOT_IN_SUBSET;
            }
            pos++;
            String childPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = blockValue(indent, childPath, true);
            put(map, new YamlNode.Entry(key, keyLine, keyColumn, value), childPath);
            int next = nextContentLine();
            if (next < indent) {
                return map;
            }
            if (next > indent || !startsMappingKey()) {
                throw NOT_IN_SUBSET;
            }
        }
    }

    /**
     * The value after a mapping's {@code key:} or a sequence's {@code -}: on the same line, or on
     * the following lines, indented more than {@code indent} (or, for a mapping value, a sequence
     * at the same indentation).
     */
    private YamlNode blockValue(int indent, String path, boolean mappingValue) throws NotInSubset {
        skipSpaces();
        char c = peek(0);
        if (c != '\n' && c != '#') {
            if (c == '-' && isBlank(peek(1)) || !mappingValue && startsMappingKey()) {
                if (mappingValue) {
                    throw NOT_IN_SUBSET;
                }
                return blockNode(column(), path);   // "- key: value": a mapping inside the sequence
            }
            if (mappingValue && startsMappingKey()) {
                throw NOT_IN_SUBSET;   // "a: b: c" is not valid YAML
            }
            YamlNode node = flowOrScalar(path, false);
            endOfLine();
            return node;
        }
        int next = nextContentLine();
        if (next > indent) {
            return blockNode(next, path);
        }
        if (mappingValue && next == indent && peek(0) == '-' && isBlank(peek(1))) {
            return blockSequence(indent, path);
        }
        throw NOT_IN_SUBSET;   // an empty value (the whole text goes to Jackson)
    }

    private YamlNode.ListNode blockSequence(int indent, String path) throws NotInSubset {
        YamlNode.ListNode list = new YamlNode.ListNode(line, column() + 1);
        int i = 0;
        while (true) {
            pos++;   // the '-'
            if (peek(0) == ' ') {
                skipSpaces();
                if (peek(0) == '-' && isBlank(peek(1))) {
                    throw NOT_IN_SUBSET;   // "- - x"
                }
            }
            list.add(blockValue(indent, path + "[" + i++ + "]", false));
            int next = nextContentLine();
            if (next < indent) {
                return list;
            }
            if (next > indent || !(peek(0) == '-' && isBlank(peek(1)))) {
                if (next == indent) {
                    return list;   // the parent mapping's next key after an indentless sequence
                }
                throw NOT_IN_SUBSET;
            }
        }
    }

    // ---------------------------------------------------------------- flow nodes and scalars

    private YamlNode flowOrScalar(String path, boolean inFlow) throws NotInSubset {
        char c = peek(0);
        int l = line;
        int col = column() + 1;
        if (c == '{') {
            return flowMapping(path);
        }
        if (c == '[') {
            return flowSequence(path);
        }
        if (c == '"' || c == '\'') {
            String text = quoted();
            return new YamlNode.ScalarNode(l, col, text, text);
        }
        if (!isPlainStart(c, inFlow)) {
            throw NOT_IN_SUBSET;
        }
        String text = plainText(inFlow);
        return new YamlNode.ScalarNode(l, col, text, typed(text));
    }

    private YamlNode.MapNode flowMapping(String path) throws NotInSubset {
        YamlNode.MapNode map = new YamlNode.MapNode(line, column() + 1);
        pos++;
        skipFlowSpaces();
        if (peek(0) == '}') {
            pos++;
            return map;
        }
        while (true) {
            int keyLine = line;
            int keyColumn = column() + 1;
            char c = peek(0);
            String key;
            if (c == '"' || c == '\'') {
                key = quoted();
            } else if (isPlainStart(c, true)) {
                key = plainText(true);
            } else {
                throw NOT_IN_SUBSET;
            }
            skipFlowSpaces();
            if (peek(0) != ':' || !(isBlank(peek(1)))) {
                throw NOT_IN_SUBSET;
            }
            pos++;
            skipFlowSpaces();
            String childPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = flowOrScalar(childPath, true);
            put(map, new YamlNode.Entry(key, keyLine, keyColumn, value), childPath);
            skipFlowSpaces();
            char after = peek(0);
            pos++;
            if (after == '}') {
                return map;
            }
            if (after != ',') {
                throw NOT_IN_SUBSET;
            }
            skipFlowSpaces();
            if (peek(0) == '}') {
                throw NOT_IN_SUBSET;   // a trailing comma: leave its reading to Jackson
            }
        }
    }

    private YamlNode.ListNode flowSequence(String path) throws NotInSubset {
        YamlNode.ListNode list = new YamlNode.ListNode(line, column() + 1);
        pos++;
        skipFlowSpaces();
        if (peek(0) == ']') {
            pos++;
            return list;
        }
        int i = 0;
        while (true) {
            YamlNode item = flowOrScalar(path + "[" + i++ + "]", true);
            skipFlowSpaces();
            if (peek(0) == ':') {
                throw NOT_IN_SUBSET;   // a single-pair mapping inside a flow sequence
            }
            list.add(item);
            char after = peek(0);
            pos++;
            if (after == ']') {
                return list;
            }
            if (after != ',') {
                throw NOT_IN_SUBSET;
            }
            skipFlowSpaces();
            if (peek(0) == ']') {
                throw NOT_IN_SUBSET;
            }
        }
    }

    /** Spaces inside a flow collection; a line break or a comment there leaves the subset. */
    private void skipFlowSpaces() throws NotInSubset {
        skipSpaces();
        if (peek(0) == '\n' || peek(0) == '#') {
            throw NOT_IN_SUBSET;
        }
    }

    /** Can a plain scalar start with {@code c}? Indicators and everything unusual leave the subset. */
    private boolean isPlainStart(char c, boolean inFlow) {
        if (c == '-' || c == ':' || c == '?') {
            char next = peek(1);
            return !isBlank(next) && !(inFlow && (next == ',' || next == ']' || next == '}'));
        }
        return c != '\n' && "{}[],#&*!|>'\"%@`".indexOf(c) < 0 && c != ' ';
    }

    /** A plain scalar's text: to the end of the line, a comment, a {@code ": "}, or (in flow) an indicator. */
    private String plainText(boolean inFlow) throws NotInSubset {
        int start = pos;
        int end = pos;
        while (pos < n) {
            char c = s[pos];
            if (c == '\n') {
                break;
            }
            if (c == ':' && isBlank(peek(1)) || c == ':' && inFlow && ",[]{}".indexOf(peek(1)) >= 0) {
                break;
            }
            if (c == '#' && pos > start && s[pos - 1] == ' ') {
                break;
            }
            if (inFlow && ",[]{}".indexOf(c) >= 0) {
                break;
            }
            pos++;
            if (c != ' ') {
                end = pos;
            }
        }
        pos = end;
        if (end == start) {
            throw NOT_IN_SUBSET;
        }
        return new String(s, start, end - start);
    }

    /** A single- or double-quoted scalar on one line; escapes beyond the common ones leave the subset. */
    private String quoted() throws NotInSubset {
        char quote = s[pos++];
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= n) {
                throw NOT_IN_SUBSET;
            }
            char c = s[pos++];
            if (c == '\n') {
                throw NOT_IN_SUBSET;
            }
            if (c == quote) {
                if (quote == '\'' && pos < n && s[pos] == '\'') {
                    sb.append('\'');
                    pos++;
                    continue;
                }
                return sb.toString();
            }
            if (c == '\\' && quote == '"') {
                if (pos >= n) {
                    throw NOT_IN_SUBSET;
                }
                char e = s[pos++];
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    default: throw NOT_IN_SUBSET;
                }
                continue;
            }
            sb.append(c);
        }
    }

    /**
     * The value Jackson gives a plain scalar: Long for plain decimal integers, Double for plain
     * decimals with a fraction, Boolean and null for the usual words, else the text. Spellings
     * whose typing needs YAML 1.1's full rules (signs, leading zeros, exponents, hex, underscores,
     * sexagesimals, {@code .inf}, {@code Yes}) leave the subset.
     */
    private static Object typed(String t) throws NotInSubset {
        switch (t) {
            case "true": case "True": case "TRUE": case "yes": case "on":
                return Boolean.TRUE;
            case "false": case "False": case "FALSE": case "no": case "off":
                return Boolean.FALSE;
            case "null": case "Null": case "NULL": case "~":
                return null;
            default:
                break;
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || lower.equals("yes") || lower.equals("no")
                || lower.equals("on") || lower.equals("off") || lower.equals("null") || lower.equals("y")
                || lower.equals("n")) {
            throw NOT_IN_SUBSET;
        }
        char c = t.charAt(0);
        if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.')) {
            return t;
        }
        if (isPlainLong(t)) {
            return Long.parseLong(t);
        }
        if (isPlainDecimal(t)) {
            return Double.parseDouble(t);
        }
        if (isDottedDigitGroups(t)) {
            return t;   // an address or a version (0.0.0.0, 1.2.3): never a number
        }
        for (int i = 0; i < t.length(); i++) {
            if ("0123456789abcdefABCDEF_+-.:xXoOiInN".indexOf(t.charAt(i)) < 0) {
                return t;   // a character no YAML number has: text (a duration such as 30s, 100ms)
            }
        }
        throw NOT_IN_SUBSET;
    }

    // The three checks below are hand-written rather than String.matches: each matches() compiles
    // a Pattern, and a config's numbers and durations run through here at every agent start.

    /** {@code -?(0|[1-9][0-9]{0,17})}: a decimal integer that fits a long, no leading zero. */
    static boolean isPlainLong(String t) {
        int from = t.startsWith("-") ? 1 : 0;
        int n = Durations.digitsFrom(t, from);
        return from + n == t.length() && isIntegerPart(t, from, n, 18);
    }

    /** {@code -?(0|[1-9][0-9]{0,14})\.[0-9]{1,15}}: a decimal with a fraction. */
    static boolean isPlainDecimal(String t) {
        int from = t.startsWith("-") ? 1 : 0;
        int n = Durations.digitsFrom(t, from);
        int dot = from + n;
        if (!isIntegerPart(t, from, n, 15) || dot >= t.length() || t.charAt(dot) != '.') {
            return false;
        }
        int fraction = Durations.digitsFrom(t, dot + 1);
        return fraction >= 1 && fraction <= 15 && dot + 1 + fraction == t.length();
    }

    /** {@code [0-9]+(\.[0-9]+){2,}}: three or more groups of digits joined by dots. */
    static boolean isDottedDigitGroups(String t) {
        int groups = 0;
        int i = 0;
        while (true) {
            int n = Durations.digitsFrom(t, i);
            if (n == 0) {
                return false;
            }
            groups++;
            i += n;
            if (i == t.length()) {
                return groups >= 3;
            }
            if (t.charAt(i) != '.') {
                return false;
            }
            i++;
        }
    }

    /** {@code 0} or {@code [1-9][0-9]*}, of at most {@code maxDigits} digits, given the run of {@code n} digits at {@code from}. */
    private static boolean isIntegerPart(String t, int from, int n, int maxDigits) {
        return n >= 1 && n <= maxDigits && (n == 1 || t.charAt(from) != '0');
    }
}
