package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A target without class: is one used only from code (SelfHeal.call): accepted, named, weaving nothing. */
class CodeOnlyTargetTest {

    @Test
    void aTargetWithANameAndNoClassIsAcceptedAndNamesNoClass() throws ConfigException {
        AgentConfig c = ConfigLoader.parse("""
                defaults:
                  fallback: [ { value: from-defaults } ]
                targets:
                  - name: quotes
                    retry: { max-attempts: 3 }
                  - name: woven
                    class: com.acme.Client
                """, "f.yaml");
        TargetConfig quotes = c.target("quotes");
        assertTrue(quotes.codeOnly());
        assertNull(quotes.classPattern());
        assertFalse(quotes.namesClass("com/acme/Client"));
        assertFalse(quotes.namesClass("quotes"));
        assertEquals(3, quotes.retry().maxAttempts());
        assertEquals(1, quotes.fallback().size(), "defaults: are laid under a code-only target as under any");
        assertFalse(c.target("woven").codeOnly());
        assertTrue(c.target("woven").namesClass("com/acme/Client"));
    }

    @Test
    void withoutAClassANameIsRequired() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                targets:
                  - retry: { max-attempts: 3 }
                """, "f.yaml"));
        String all = e.getMessage();
        assertTrue(all.contains("f.yaml:2:5: targets[0].class: is required (or implements: / extends:"), all);
        assertTrue(all.contains("a target used only from code (SelfHeal.call) needs name: instead"), all);
    }

    @Test
    void keysThatChooseMethodsOfAClassNeedOne() {
        for (String key : List.of("methods: [ fetch ]", "exclude: [ com.acme.X ]", "annotated: com.acme.Resilient")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                    targets:
                      - name: quotes
                        %s
                    """.formatted(key), "f.yaml"), key);
            String all = e.getMessage();
            assertTrue(all.contains("targets[0].class: is required (or implements: / extends:"), all);
            assertTrue(all.contains("when methods:, exclude: or annotated: is given"), all);
        }
    }
}
