package io.selfheal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.selfheal.it.support.ChildJvm;
import io.selfheal.it.support.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 4: restore the receiver's fields on failure, checkpoints, in real child JVMs. */
class StateHealingTest {
    private static final String APP = "io.selfheal.it.apps.StateApp";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("selfheal.yaml");
        Files.deleteIfExists(events());   // each run reads only its own log
        Files.writeString(file, "events:\n  file: " + events() + "\n" + yaml);
        return file;
    }

    private Path events() {
        return dir.resolve("events.jsonl");
    }

    private Events log() {
        return Events.read(events());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aFailingCallLeavesTheListAndTheCounterAsTheyWere(Path jdk) throws IOException {
        ChildJvm.Result bare = ChildJvm.on(jdk).main(APP, "mutate").run();
        assertEquals("[pen, book] total=15", bare.result("cart"), "without the agent the failure leaves half an update");

        Path cfg = config("""
                targets:
                  - name: cart
                    class: io.selfheal.it.apps.Cart
                    methods: [ add ]
                    restore: { fields: [ items, total ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "mutate").run();
        assertEquals("threw java.io.IOException: payment service down (run 1)", r.result("call"), r.describe());
        assertEquals("[pen] total=3", r.result("cart"), r.describe());
        assertEquals("1", r.result("runs"), "runs is not a restore field, so it keeps its change");
        assertEquals(List.of("error-detected", "state-restored", "healing-failed"), log().typesFor("add"), log().toString());
        JsonNode restored = log().ofType("state-restored").get(0);
        assertEquals("[\"items\",\"total\"]", restored.path("fields").toString());
        assertEquals("cart", restored.path("target").asText());
        assertEquals("java.io.IOException", restored.path("exception").asText());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aRetryAfterRestoreStartsFromCleanState(Path jdk) throws IOException {
        Path retryOnly = config("""
                targets:
                  - class: io.selfheal.it.apps.Cart
                    methods: [ add ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                """);
        ChildJvm.Result dirty = ChildJvm.on(jdk).agent(retryOnly).main(APP, "retry").run();
        assertEquals("[book, book, book] total=36", dirty.result("call"), "retry alone repeats the side effects");

        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Cart
                    methods: [ add ]
                    retry: { max-attempts: 3, backoff: { initial: 1ms } }
                    restore: { fields: [ items, total ], on: [ java.io.IOException ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "retry").run();
        assertEquals("[book] total=12", r.result("call"), r.describe());
        assertEquals("3", r.result("runs"));
        assertEquals(List.of("error-detected", "state-restored", "retry", "error-detected", "state-restored", "retry",
                "healed"), log().typesFor("add"), log().toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void restoreOnlyForTheExceptionsItsFilterNames(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Cart
                    methods: [ add ]
                    restore: { fields: [ items, total ], ignore: [ java.io.IOException ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "mutate").run();
        assertEquals("[pen, book] total=15", r.result("cart"), r.describe());
        assertTrue(log().ofType("state-restored").isEmpty(), log().toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void deepCopiesCollectionsArraysAndObjectsFieldByField(Path jdk) throws IOException {
        Path deep = config("""
                targets:
                  - class: io.selfheal.it.apps.Ledger
                    methods: [ scribble ]
                    restore: { depth: deep }
                """);
        ChildJvm.Result d = ChildJvm.on(jdk).agent(deep).main(APP, "ledger").run();
        // Nested lists, the final map (in place) and its arrays, the plain Box and the Cloneable
        // point (both copied field by field: no clone() runs) and the reassigned field are all back.
        assertEquals("pages=[[p1]] balances={ann=10;} box=Box1 point=Point1 replaced=[original]", d.result("ledger"),
                d.describe());
        assertEquals("true", d.result("sameBalancesMap"), "a final field is restored in place, never replaced");
        assertEquals("[\"pages\",\"balances\",\"box\",\"point\",\"replaced\"]",
                log().ofType("state-restored").get(0).path("fields").toString(), "all fields when none are named");

        Path shallow = config("""
                targets:
                  - class: io.selfheal.it.apps.Ledger
                    methods: [ scribble ]
                    restore: { depth: shallow }
                """);
        ChildJvm.Result s = ChildJvm.on(jdk).agent(shallow).main(APP, "ledger").run();
        // Shallow puts back references only: the reassigned field comes back, changes made inside
        // the objects the fields point to stay.
        assertEquals("pages=[[p1, p2], [new page]] balances={ann=99;bob=5;} box=Box2 point=Point2 replaced=[original]",
                s.result("ledger"), s.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aStaticTargetRestoresStaticFields(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Counters
                    methods: [ hit ]
                    restore: { fields: [ hits, log ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "statics").run();
        assertEquals("[] hits=0", r.result("counters"), r.describe());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void anUnknownFieldIsAConfigProblemAtWeaveTimeAndTheOtherFieldsStillRestore(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - name: cart
                    class: io.selfheal.it.apps.Cart
                    methods: [ add ]
                    restore:
                      fields: [ items, totl, total ]
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "mutate").run();
        assertTrue(r.stderr().contains("line 8, column 24") && r.stderr().contains("no field 'totl'"), r.stderr());
        JsonNode problem = log().ofType("config-problem").get(0);
        assertEquals(8, problem.path("line").asInt());
        assertEquals(24, problem.path("column").asInt());
        assertEquals("totl", problem.path("field").asText());
        assertEquals("restore.fields", problem.path("key").asText());
        assertTrue(log().types().indexOf("config-problem") < log().types().indexOf("error-detected"),
                "reported when the class is woven, before any call: " + log());
        assertEquals("[pen] total=3", r.result("cart"), r.describe());
        assertEquals("[\"items\",\"total\"]", log().ofType("state-restored").get(0).path("fields").toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void twoCallsFailingOnOneObjectAtOnceEachRestoreTheirEntrySnapshot(Path jdk) throws IOException {
        Path cfg = config("""
                targets:
                  - class: io.selfheal.it.apps.Cart
                    methods: [ addTogether, addLateAndFail ]
                    restore: { fields: [ items, total ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "concurrent").run();
        assertEquals("[pen] total=3", r.result("together"), r.describe());
        // The documented rule: a failing call puts back the state as it found it at entry, which
        // also undoes what other threads changed in between.
        assertEquals("[] total=0", r.result("late"), r.describe());
        assertEquals(3, log().ofType("state-restored").size(), log().toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void aCheckpointIsRestoredAfterACorruptingFailureAndAnUnknownIdChangesNothing(Path jdk) throws IOException {
        Path cfg = config("""
                checkpoints:
                  keep: 3
                  state:
                    - class: io.selfheal.it.apps.CartStore
                      fields: [ CARTS, owner, version ]
                targets:
                  - name: store
                    class: io.selfheal.it.apps.CartStore
                    methods: [ corrupt ]
                    restore-checkpoint: { on: [ java.lang.IllegalStateException ] }
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "checkpoint").run();
        String id = r.result("id");
        assertTrue(id != null && id.matches("cp-\\d+-\\d+"), r.describe());
        assertEquals("carts={c1=[apple]} owner=ann version=1", r.result("afterFailure"), r.describe());
        assertTrue(r.result("unknown").contains("no checkpoint 'cp-1-404'"), r.result("unknown"));
        assertEquals("carts={c1=[apple], c2=[plum]} owner=ann version=2", r.result("afterUnknown"));
        assertEquals("carts={c1=[apple]} owner=ann version=1", r.result("afterRestore"));

        JsonNode created = log().ofType("checkpoint-created").get(0);
        assertEquals(id, created.path("id").asText());
        assertEquals(1, created.path("instances").asInt());
        List<JsonNode> restored = log().ofType("checkpoint-restored");
        assertEquals(2, restored.size(), log().toString());
        assertEquals("store", restored.get(0).path("target").asText());
        assertEquals("jmx", restored.get(1).path("trigger").asText());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void checkpointsAreTakenOnTheirInterval(Path jdk) throws IOException {
        Path cfg = config("""
                checkpoints:
                  interval: 100ms
                  keep: 2
                  state:
                    - class: io.selfheal.it.apps.CartStore
                      fields: [ CARTS, owner, nosuch ]
                targets:
                  - class: io.selfheal.it.apps.Cart
                """);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(cfg).main(APP, "interval", events().toString()).run();
        assertEquals("true", r.result("intervalCheckpoint"), r.describe());
        List<JsonNode> all = log().ofType("checkpoint-created");
        JsonNode created = all.get(all.size() - 1);
        assertEquals("interval", created.path("trigger").asText());
        assertEquals(1, created.path("instances").asInt(), created.toString());
        assertEquals(2, created.path("fields").asInt(), "the unknown field is left out: " + created);
        // The target has no strategy: its start-up warning is a config-problem too, without a field.
        JsonNode problem = log().ofType("config-problem").stream().filter(p -> p.has("field")).findFirst()
                .orElseThrow(() -> new AssertionError(log().toString()));
        assertEquals("nosuch", problem.path("field").asText());
        assertEquals(8, problem.path("line").asInt());
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.selfheal.it.support.Jdks#stream")
    void afterAnAttachRestoreWorksAndCheckpointsSeeOnlyInstancesMadeSince(Path jdk) throws Exception {
        Path cfg = config("""
                checkpoints:
                  state:
                    - class: io.selfheal.it.apps.CartStore
                      fields: [ CARTS, owner, version ]
                targets:
                  - class: io.selfheal.it.apps.Cart
                    methods: [ add ]
                    restore: { fields: [ items, total ] }
                """);
        ChildJvm.Running app = ChildJvm.on(jdk).main(APP, "attach").start();
        app.awaitOutput("READY", Duration.ofSeconds(30));
        ProcessBuilder pb = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-jar",
                ChildJvm.agentJar().toString(), "attach", Long.toString(app.pid()), cfg.toString());
        pb.redirectErrorStream(true);
        Process attach = pb.start();
        String attachOut = new String(attach.getInputStream().readAllBytes());
        assertEquals(0, attach.waitFor(), attachOut);
        app.send("go");
        ChildJvm.Result r = app.await(Duration.ofSeconds(60));
        assertEquals("[] total=0", r.result("cart"), r.describe());
        // The store made before the attach was not seen: only the static carts come back for it.
        assertEquals("carts={c1=[apple]} owner=corrupted version=-1", r.result("early"), r.describe());
        assertEquals("carts={c1=[apple]} owner=late version=0", r.result("late"), r.describe());
    }
}
