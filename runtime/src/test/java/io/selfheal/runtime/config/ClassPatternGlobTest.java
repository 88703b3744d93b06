package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Class globs are matched by hand for start-up speed; this holds them to the regular expression
 * they were matched with before, over hand-picked and generated globs and internal names.
 */
class ClassPatternGlobTest {

    private static List<String> all(String alphabet, int length) {
        List<String> out = new ArrayList<>();
        List<String> level = List.of("");
        for (int n = 0; n < length; n++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    @Test
    void globsMatchAsTheirRegularExpressionsDid() {
        List<String> globs = new ArrayList<>(List.of("com.acme.**.*Client", "org.example.*.repo.*Repository",
                "net.example.gateway.**", "org.example.legacy.Dao?", "com.**", "**.X", "a.**.**.b", "a**b",
                "a.*.*", "a.?.b", "𝒜.*", "a.*𝒷", "***", "a.***.b", "**"));
        for (String g : all("a.*?", 5)) {
            if (g.indexOf('*') >= 0 || g.indexOf('?') >= 0) {
                globs.add(g);
            }
        }
        List<String> names = new ArrayList<>(List.of("com/acme/Client", "com/acme/x/y/PayClient",
                "com/acme/PayClient/Inner", "org/example/shop/repo/OrderRepository", "org/example/repo/X",
                "net/example/gateway/Gate", "net/example/gateway", "org/example/legacy/Dao1",
                "org/example/legacy/Dao", "a/\n/b", "a/b\nc", "a/\u2028", "a/\uD835\uDC9C", "\uD835\uDC9C/x",
                "a/\uD835", "a/x\uD835\uDC9Bb", "a//b", "", "/", "a/Foo/0x0000000800c01234"));
        names.addAll(all("ab/", 5));
        for (String g : globs) {
            String internal = g.trim().replace('.', '/');
            Pattern regex = Pattern.compile(ClassPattern.toRegex(internal));
            ClassPattern pattern = ClassPattern.parse(g);
            for (String name : names) {
                String prefix = internal.substring(0, Math.max(0, firstWildcard(internal)));
                boolean expected = name.startsWith(prefix) && regex.matcher(name).matches();
                assertEquals(expected, pattern.matchesInternalName(name),
                        "glob " + g + " on " + name.replace("\n", "\\n"));
            }
        }
    }

    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '*' || s.charAt(i) == '?') {
                return i;
            }
        }
        return -1;
    }
}
