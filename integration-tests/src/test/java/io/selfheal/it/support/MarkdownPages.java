package io.selfheal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's Markdown pages (README.md, RELIABILITY.md, docs/, benchmarks/README.md) as a
 * reader sees them: their links, their headings' anchors, and the blocks marked for
 * {@code QuickStartAndDocCommandsTest}. Fenced code and inline code are text, not links.
 */
public final class MarkdownPages {
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*doc-test:\\s*(.*?)\\s*-->\\s*$");

    private MarkdownPages() {
    }

    /** The repository's root: the parent of this module's directory. */
    public static Path repoRoot() {
        return Paths.get(System.getProperty("selfheal.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** Every Markdown page of the repository, outside build output. */
    public static List<Path> all() {
        Path root = repoRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String s = part.toString();
                            if (s.equals("target") || s.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A link as written on a page, with the line it is on. */
    public record Link(Path page, int line, String target) {
        @Override
        public String toString() {
            return repoRoot().relativize(page) + ":" + line + ": " + target;
        }
    }

    /** The links of {@code page}, outside code. */
    public static List<Link> links(Path page) {
        List<Link> out = new ArrayList<>();
        boolean inFence = false;
        List<String> lines = lines(page);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher def = REFERENCE_DEFINITION.matcher(line);
            if (def.matches()) {
                out.add(new Link(page, i + 1, def.group(1)));
                continue;
            }
            Matcher m = INLINE_LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (m.find()) {
                out.add(new Link(page, i + 1, m.group(1)));
            }
        }
        return out;
    }

    /**
     * The anchors a page offers: its headings as GitHub makes them (lower case, punctuation but
     * hyphens and underscores dropped, spaces to hyphens, a repeated one numbered -1, -2, ...)
     * and any {@code <a name=...>} or {@code <a id=...>}.
     */
    public static Set<String> anchors(Path page) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : lines(page)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                out.add(a.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                out.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return out;
    }

    /** A heading's anchor, as GitHub writes it. */
    public static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");   // a link in a heading: its text
        StringBuilder sb = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                sb.append(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    /** A block marked for the doc commands test: {@code <!-- doc-test: KIND ARGS -->} just before a fence. */
    public record MarkedBlock(Path page, int line, String marker, List<String> content) {
        /** The marker's first word: {@code file} or {@code run}. */
        public String kind() {
            return marker.split("\\s+")[0];
        }

        /** The value of {@code name=value} in the marker, or the word after the kind for {@code file NAME}. */
        public String argument(String name) {
            String[] words = marker.split("\\s+");
            for (String w : words) {
                if (w.startsWith(name + "=")) {
                    return w.substring(name.length() + 1);
                }
            }
            return name.isEmpty() && words.length > 1 ? words[1] : null;
        }

        @Override
        public String toString() {
            return repoRoot().relativize(page) + ":" + line;
        }
    }

    /** The marked blocks of {@code page}, in page order. */
    public static List<MarkedBlock> markedBlocks(Path page) {
        List<MarkedBlock> out = new ArrayList<>();
        List<String> lines = lines(page);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.size() || !FENCE.matcher(lines.get(fence)).find()) {
                throw new AssertionError(page + ":" + (i + 1) + ": a doc-test marker must be followed by a fenced block");
            }
            List<String> content = new ArrayList<>();
            int j = fence + 1;
            while (j < lines.size() && !FENCE.matcher(lines.get(j)).find()) {
                content.add(lines.get(j));
                j++;
            }
            out.add(new MarkedBlock(page, i + 1, m.group(1), content));
            i = j;
        }
        return out;
    }

    private static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
