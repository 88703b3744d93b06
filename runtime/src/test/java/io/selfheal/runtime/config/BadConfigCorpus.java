package io.selfheal.runtime.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates broken config files from valid ones: truncations inside flow collections and quoted
 * text, wrong types, unknown keys at every level, bad durations and numbers, bad class names,
 * duplicated targets and malformed fallback entries. Each entry maps a name to the file's text.
 */
public final class BadConfigCorpus {
    private BadConfigCorpus() {
    }

    static final String VALID = """
            on-config-error: disable
            events:
              file: target/events.jsonl
              stderr: false
            defaults:
              retry: { max-attempts: 3, backoff: { initial: 20ms, max: 200ms, multiplier: 2.0, jitter: 0.5 } }
            targets:
              - name: inventory
                class: com.acme.InventoryClient
                methods: [ "fetch*", "reserve(java.lang.String,int)" ]
                retry: { max-attempts: 4, on: [ java.io.IOException ], ignore: [ java.io.FileNotFoundException ] }
                fallback:
                  - method: com.acme.Fallbacks#cached
                  - value: "none"
                  - empty: true
              - name: pricing
                class: "com.acme.**.*Client"
                retry:
                  max-attempts: 2
                  backoff:
                    initial: 5ms
                    max: 1s
            """;

    /** name -> text; every one must be rejected. */
    public static Map<String, String> generate() {
        Map<String, String> out = new LinkedHashMap<>();
        truncations(out);
        // Wrong types and bad values for each key, in place of its valid value.
        String[][] replacements = {
            {"on-config-error: disable", "on-config-error: maybe", "on-config-error: [disable]", "on-config-error: {a: 1}"},
            {"file: target/events.jsonl", "file: [a, b]", "file: {x: 1}"},
            {"stderr: false", "stderr: perhaps", "stderr: [true]", "stderr: 3"},
            {"max-attempts: 3,", "max-attempts: three,", "max-attempts: -1,", "max-attempts: 0,", "max-attempts: 1.5,",
                "max-attempts: [3],", "max-attempts: 100000,", "max-attempts: {n: 3},", "max-attempts: true,", "max-attempts: '',"},
            {"initial: 20ms", "initial: -20ms", "initial: 20", "initial: twenty", "initial: 20 parsecs", "initial: ms",
                "initial: [20ms]", "initial: -1s", "initial: 20msec", "initial: 1.5.2s", "initial: ''"},
            {"max: 200ms", "max: -200ms", "max: 200", "max: forever", "max: {a: b}", "max: -5m"},
            {"multiplier: 2.0", "multiplier: two", "multiplier: -2.0", "multiplier: [2]", "multiplier: 0"},
            {"jitter: 0.5", "jitter: half", "jitter: -0.5", "jitter: 7", "jitter: [0.5]"},
            {"name: inventory", "name: [inventory]", "name: {a: b}", "name: pricing"},
            {"class: com.acme.InventoryClient", "class: [com.acme.InventoryClient]", "class: {a: b}",
                "class: ''", "class: 42abc.Bad-Name"},
            {"methods: [ \"fetch*\", \"reserve(java.lang.String,int)\" ]", "methods: 5", "methods: {a: b}",
                "methods: [ \"reserve(java.lang.String,int\" ]", "methods: [ \"(int)\" ]",
                "methods: [ \"fetch(\" ]", "methods: [ [a] ]"},
            {"max-attempts: 4,", "max-attempts: four,", "max-attempts: -4,", "max-attempts: [4],"},
            {"on: [ java.io.IOException ]", "on: [ not a class ]", "on: [ 'java.io.' ]", "on: [ 1abc ]",
                "on: [ [java.io.IOException] ]", "on: {a: b}", "on: [ java.io.IOException!, x ]", "on: [ java..io.IOException ]"},
            {"ignore: [ java.io.FileNotFoundException ]", "ignore: [ 'file not found' ]", "ignore: {x: y}",
                "ignore: [ java.io.* ]"},
            {"- method: com.acme.Fallbacks#cached", "- method: com.acme.Fallbacks", "- method: '#cached'",
                "- method: com.acme.Fallbacks#", "- method: a#b#c", "- method: [a]", "- method: {a: b}",
                "- method: com.acme.Fallbacks#cached\n        value: 1", "- unknown: 1", "- {}", "- [a, b]"},
            {"- empty: true", "- empty: maybe", "- empty: [true]", "- empty: true\n        value: 2"},
            {"max-attempts: 2\n", "max-attempts: two\n", "max-attempts: -2\n", "max-attempts: 2.5\n", "max-attempts:\n"},
            {"initial: 5ms", "initial: -5ms", "initial: 5", "initial: soon", "initial: [5ms]"},
            {"max: 1s", "max: -1s", "max: 1", "max: 1 fortnight", "max: {}"},
            {"retry:\n      max-attempts", "retry: 3\n      max-attempts"},
            {"fallback:\n", "fallback: 1\n      x:\n"},
            {"targets:\n", "targets: 3\nx:\n"},
            {"events:\n", "events: 7\nevents2:\n"},
        };
        for (String[] r : replacements) {
            if (!VALID.contains(r[0])) {
                throw new IllegalStateException("corpus out of date: " + r[0]);
            }
            for (int i = 1; i < r.length; i++) {
                out.put("value " + r[i].replace('\n', '|'), VALID.replaceFirst(java.util.regex.Pattern.quote(r[0]),
                        java.util.regex.Matcher.quoteReplacement(r[i])));
            }
        }
        // Unknown keys (and likely misspellings) at every level.
        String[][] unknownKeyAnchors = {
            {"events:\n", "events:\n  rotate: daily\n"},
            {"events:\n", "events:\n  File: x\n"},
            {"defaults:\n", "defaults:\n  retries: 3\n"},
            {"defaults:\n", "defaults:\n  name: shared\n"},
            {"defaults:\n", "defaults:\n  class: com.acme.X\n"},
            {"defaults:\n", "defaults:\n  methods: [a]\n"},
            {"    methods:", "    method: [ x ]\n    methods:"},
            {"    methods:", "    retries: 3\n    methods:"},
            {"    methods:", "    time-limit: 3s\n    methods:"},
            {"    methods:", "    clazz: x\n    methods:"},
            {"    methods:", "    Fallback: []\n    methods:"},
            {"max-attempts: 4,", "max-attempt: 4,"},
            {"max-attempts: 4,", "maxAttempts: 4,"},
            {"max-attempts: 4,", "attempts: 4,"},
            {"max-attempts: 4,", "max-attempts: 4, delay: 5ms,"},
            {"initial: 20ms", "inital: 20ms"},
            {"initial: 20ms", "initial: 20ms, factor: 2"},
            {"initial: 20ms", "initial: 20ms, maximum: 1s"},
            {"jitter: 0.5", "jitter: 0.5, random: true"},
            {"      max-attempts: 2\n", "      max-attempts: 2\n      on-error: retry\n"},
            {"        max: 1s", "        max: 1s\n        min: 1ms"},
            {"  - empty: true", "  - empty: true\n        default: 1"},
            {"on-config-error: disable", "on-config-error: disable\nversion: 2"},
            {"on-config-error: disable", "on-config-error: disable\ntarget: []"},
            {"on-config-error: disable", "on-config-error: disable\nonConfigError: fail"},
        };
        for (String[] u : unknownKeyAnchors) {
            if (!VALID.contains(u[0])) {
                throw new IllegalStateException("corpus out of date: " + u[0]);
            }
            out.put("unknown key " + u[1].replace('\n', '|'), VALID.replaceFirst(java.util.regex.Pattern.quote(u[0]),
                    java.util.regex.Matcher.quoteReplacement(u[1])));
        }
        // Structural breakage.
        out.put("duplicated target name", VALID.replace("name: pricing", "name: inventory"));
        out.put("duplicated class-named targets", "targets:\n  - class: a.B\n  - class: a.B\n");
        out.put("duplicated key", VALID.replace("    class: com.acme.InventoryClient\n",
                "    class: com.acme.InventoryClient\n    class: com.acme.Other\n"));
        out.put("target without class", "targets:\n  - name: lonely\n    methods: [x]\n    retry: { max-attempts: 2 }\n");
        out.put("target without class or name", "targets:\n  - retry: { max-attempts: 2 }\n");
        out.put("tab indentation", "targets:\n\t- class: a.B\n");
        out.put("bad indentation", "targets:\n  - class: a.B\n   methods: [x]\n");
        out.put("list where map", "- a\n- b\n");
        out.put("scalar document", "just some words\n");
        out.put("number document", "42\n");
        out.put("targets is a map", "targets:\n  inventory:\n    class: a.B\n");
        out.put("target is a scalar", "targets:\n  - a.B\n");
        out.put("target is a list", "targets:\n  - [a.B]\n");
        out.put("unclosed quote", "targets:\n  - class: \"a.B\n");
        out.put("unclosed flow", "targets:\n  - { class: a.B\n");
        out.put("stray colon", "targets:\n  - class: a.B: c\n");
        out.put("anchor to nowhere", "targets:\n  - *nothing\n");
        out.put("binary junk", "targets:\n  - class: a.B\n\u0000\u0001\u0002\n");
        out.put("json that is not a config", "{\"targets\": 5}\n");
        return out;
    }

    /** Cuts inside flow collections and quoted text of the valid file: never a valid document. */
    private static void truncations(Map<String, String> out) {
        List<Integer> cuts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < VALID.length(); i++) {
            char c = VALID.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == '}' || c == ']')) {
                depth--;
            }
            if ((depth > 0 || quoted) && i + 1 < VALID.length()) {
                cuts.add(i + 1);
            }
        }
        // every 3rd cut point keeps the corpus large but the run short
        for (int k = 0; k < cuts.size(); k += 3) {
            int at = cuts.get(k);
            out.put("truncated at " + at, VALID.substring(0, at));
        }
    }
}
