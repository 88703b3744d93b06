package io.selfheal.it.apps;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Runs one scenario named by the first argument and prints {@code RESULT name value} lines
 * (failures as {@code threw Type: message}), so a test can compare runs with and without the agent.
 */
public final class FoundationApp {
    private FoundationApp() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "retry": {
                Flaky f = new Flaky();
                print("retry", () -> f.failsThenSucceeds("ann", 2));
                print("runs", () -> f.runs);
                break;
            }
            case "arguments": {
                Flaky f = new Flaky();
                print("arguments", () -> f.mutatesArgument("original", 42));
                break;
            }
            case "chain": {
                Flaky f = new Flaky();
                print("chain", () -> f.alwaysFails("k1"));
                print("runs", () -> f.runs);
                break;
            }
            case "ignore": {
                Flaky f = new Flaky();
                print("ignore", () -> f.notFound("/missing"));
                print("runs", () -> f.runs);
                break;
            }
            case "primitives": {
                Flaky f = new Flaky();
                print("int", f::primitiveInt);
                print("long", () -> f.primitiveLong(5));
                print("boolean", f::primitiveBoolean);
                print("double", f::primitiveDouble);
                print("void", () -> {
                    f.voidMethod();
                    return "returned";
                });
                print("static", Flaky::staticCounter);
                print("list", f::emptyList);
                print("optional", f::emptyOptional);
                print("map", f::mapValue);
                print("array", () -> Arrays.toString(f.arrayValue()));
                print("loop", () -> f.loopAtTop(4));
                print("sync", f::synchronizedMethod);
                print("trycatch", () -> f.tryCatchInside("x"));
                break;
            }
            case "loader": {
                // The same Flaky class, defined by a loader that is not the system class loader.
                Path classes = Paths.get(FoundationApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
                    Class<?> c = isolated.loadClass(Flaky.class.getName());
                    Object f = c.getConstructor().newInstance();
                    print("loader", () -> c.getMethod("failsThenSucceeds", String.class, int.class).invoke(f, "iso", 2));
                    print("definedBy", () -> c.getClassLoader() == ClassLoader.getSystemClassLoader() ? "system" : "other");
                }
                break;
            }
            case "wait": {
                // Load and use the class before the agent arrives, then wait for "go" on stdin.
                Flaky f = new Flaky();
                print("before", () -> f.failsThenSucceeds("early", 1));
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                Flaky g = new Flaky();
                print("after", () -> g.failsThenSucceeds("late", 2));
                break;
            }
            default:
                throw new IllegalArgumentException("no scenario " + args[0]);
        }
    }

    interface Call {
        Object call() throws Throwable;
    }

    static void print(String name, Call call) {
        String value;
        try {
            Object v = call.call();
            value = v instanceof Object[] a ? Arrays.toString(a) : String.valueOf(v);
        } catch (java.lang.reflect.InvocationTargetException e) {
            value = "threw " + e.getCause();
        } catch (Throwable t) {
            value = "threw " + t;
        }
        System.out.println("RESULT " + name + " " + value);
        System.out.flush();
    }
}
