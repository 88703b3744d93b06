package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed reference page and schema are what the config records' keys generate, and the
 * key lists hold together. With {@code -Dselfheal.regenerate=true} the first test writes both
 * files instead ({@link ConfigReference#COMMAND}).
 */
class ConfigReferenceTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theCommittedReferenceAndSchemaAreWhatTheKeysGenerate() throws IOException {
        String docs = ConfigReference.markdown();
        String schema = ConfigReference.schema();
        if (Boolean.getBoolean("selfheal.regenerate")) {
            ConfigReference.write(ROOT.resolve(ConfigReference.DOCS), docs);
            ConfigReference.write(ROOT.resolve(ConfigReference.SCHEMA), schema);
        }
        assertSameAsCommitted(ConfigReference.DOCS, docs);
        assertSameAsCommitted(ConfigReference.SCHEMA, schema);
    }

    private static void assertSameAsCommitted(String file, String generated) throws IOException {
        Path committed = ROOT.resolve(file);
        String text = Files.exists(committed) ? Files.readString(committed) : "";
        if (!text.equals(generated)) {
            int at = firstDifference(text, generated);
            int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            throw new AssertionError(file + " is not what the config records' keys generate (first difference at"
                    + " line " + line + "). Regenerate it and commit the result: " + ConfigReference.COMMAND);
        }
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    @Test
    void everyBlockNamesAKeyListThatExistsAndNoKeyTwice() {
        List<ConfigReference.Block> blocks = ConfigReference.blocks();
        assertTrue(blocks.size() > 20, blocks.size() + " blocks");
        for (ConfigReference.Block b : blocks) {
            Set<String> names = new HashSet<>();
            for (ConfigKey k : b.keys()) {
                assertTrue(names.add(k.name()), "'" + k.name() + "' twice in " + b.path());
                assertFalse(ConfigReference.meaning(k).isBlank(), b.path() + "." + k.name() + " says nothing");
            }
        }
    }

    /**
     * A key constant left out of its class's lists would be read but rejected as unknown; one
     * without a {@code @Doc} would leave the reference without its meaning.
     */
    @Test
    void everyKeyConstantIsInOneOfItsClasssKeyListsAndSaysWhatItMeans() {
        int keys = 0;
        for (Class<?> c : ConfigReference.configClasses()) {
            List<ConfigKey> declared = new ArrayList<>();
            Set<ConfigKey> listed = new HashSet<>();
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (f.getType() == ConfigKey.class) {
                    declared.add((ConfigKey) ConfigReference.staticValue(f));
                    assertNotNull(f.getAnnotation(ConfigKey.Doc.class), c.getSimpleName() + "." + f.getName()
                            + " has no @ConfigKey.Doc");
                } else if (f.getType() == List.class && f.getName().endsWith("KEYS")) {
                    for (Object o : (List<?>) ConfigReference.staticValue(f)) {
                        listed.add((ConfigKey) o);
                    }
                }
            }
            for (ConfigKey k : declared) {
                assertTrue(listed.contains(k), c.getSimpleName() + " declares key '" + k.name()
                        + "' but lists it in none of its KEYS");
                keys++;
            }
        }
        assertTrue(keys > 90, keys + " keys");
    }

    @Test
    void theLevelKeyAllowsExactlyTheLevels() {
        List<String> levels = new ArrayList<>();
        for (Level l : Level.values()) {
            levels.add(l.wireName());
        }
        assertEquals(levels, TargetConfig.LEVEL.values());
    }

    /** Keys whose readers arrived after the registry: read, documented, and in the schema. */
    @Test
    void rotationAndOptInCloneKeysAreReadAndDocumented() throws Exception {
        String docs = ConfigReference.markdown();
        assertTrue(docs.contains("events.max-size") && docs.contains("events.keep") && docs.contains("restore.clone"),
                "documented");
        AgentConfig c = ConfigLoader.parse("events:\n  max-size: 10MB\n  keep: 2\ntargets:\n  - class: a.B\n"
                + "    restore: { clone: [ a.Money ] }\n", "x.yaml");
        assertEquals(10L * 1024 * 1024, c.events().maxSize());
        assertEquals(2, c.events().keep());
        assertEquals(List.of("a.Money"), c.targets().get(0).restore().cloneTypes());
    }
}
