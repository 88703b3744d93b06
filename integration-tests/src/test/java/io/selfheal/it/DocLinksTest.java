package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.it.support.MarkdownPages;
import io.selfheal.it.support.MarkdownPages.Link;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and the docs leads somewhere: the file or directory exists, and
 * an anchor names a heading of the page it points into. External links (http, mailto) are not
 * followed: the build must not need the network.
 */
class DocLinksTest {

    @Test
    void everyRelativeLinkAndAnchorOfThePagesExists() {
        List<Path> pages = MarkdownPages.all();
        assertTrue(pages.contains(MarkdownPages.repoRoot().resolve("README.md")), "README.md found: " + pages);
        assertTrue(pages.contains(MarkdownPages.repoRoot().resolve("docs/architecture.md")), "docs found: " + pages);
        List<String> dead = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (Link link : MarkdownPages.links(page)) {
                String problem = problem(link);
                checked++;
                if (problem != null) {
                    dead.add(link + " (" + problem + ")");
                }
            }
        }
        assertTrue(checked > 50, "links checked: " + checked);
        assertTrue(dead.isEmpty(), dead.size() + " dead links:\n" + String.join("\n", dead));
    }

    @Test
    void aDeadLinkAndADeadAnchorAreFound(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.md");
        Files.writeString(page, "# A title\n\n[ok](page.md#a-title) [gone](nowhere.md) [bad](page.md#no-such)\n"
                + "`[code](not-a-link.md)`\n```\n[fenced](not-a-link.md)\n```\n");
        List<String> problems = new ArrayList<>();
        for (Link link : MarkdownPages.links(page)) {
            problems.add(link.target() + " " + problem(link));
        }
        assertTrue(problems.equals(List.of("page.md#a-title null", "nowhere.md no such file",
                "page.md#no-such no heading 'no-such' in page.md")), problems.toString());
    }

    /** Why the link is dead, or null. */
    private static String problem(Link link) {
        String target = link.target();
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;   // http:, https:, mailto:
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        Path resolved = file.isEmpty() ? link.page() : link.page().getParent().resolve(
                URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !MarkdownPages.anchors(resolved).contains(anchor)) {
            return "no heading '" + anchor + "' in " + resolved.getFileName();
        }
        return null;
    }
}
