package io.selfheal.it.apps.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Part of the verifier corpus: the Java 17 shapes the big third-party jars (compiled for Java 8
 * or 11) do not have, namely records, sealed types, switch expressions and patterns, plus deep
 * try/catch/finally, nested synchronized blocks, lambdas capturing wide locals and loops that
 * start at the first instruction. Never run; only woven and verified.
 */
public final class ModernShapes {
    public sealed interface Shape permits Circle, Square, Rect {
    }

    public record Circle(double r) implements Shape {
        public Circle {
            if (r < 0) {
                throw new IllegalArgumentException("negative radius");
            }
        }
    }

    public record Square(long side) implements Shape {
    }

    public record Rect(int w, int h) implements Shape {
        public int area() {
            return w * h;
        }
    }

    public enum Level { LOW, MID, HIGH }

    private final Object lock = new Object();
    private final ReentrantLock reentrant = new ReentrantLock();
    private long counter;

    public static double area(Shape s) {
        if (s instanceof Circle c) {
            return Math.PI * c.r() * c.r();
        } else if (s instanceof Square q) {
            return q.side() * (double) q.side();
        } else if (s instanceof Rect r && r.w() > 0) {
            return r.area();
        }
        return 0;
    }

    public static int score(Level level, String word) {
        int base = switch (level) {
            case LOW -> 1;
            case MID -> {
                int x = word.length();
                yield x > 3 ? x : 2;
            }
            case HIGH -> 10;
        };
        return base + switch (word) {
            case "alpha", "beta" -> 1;
            case "gamma" -> 2;
            default -> word.hashCode() & 7;
        };
    }

    public static String describe(Object o) {
        return switch (o.getClass().getSimpleName()) {
            case "String" -> "text " + o;
            case "Integer" -> "int " + ((Integer) o + 1);
            default -> String.valueOf(o);
        };
    }

    public long deepTry(String path, long wide, double d) throws IOException {
        long result = wide;
        try {
            try {
                if (path.isEmpty()) {
                    throw new IOException("empty");
                }
                result += path.length();
            } catch (IllegalStateException e) {
                result -= 1;
                throw new IOException(e);
            } finally {
                result ^= 3;
            }
            try {
                synchronized (lock) {
                    synchronized (this) {
                        counter += result;
                        if (counter > d) {
                            return counter;
                        }
                    }
                }
            } catch (RuntimeException e) {
                return -1;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            counter++;
        }
        return result;
    }

    public synchronized long synchronizedMethod(long a, int b, double c, float f, boolean z, char ch, byte by,
            short sh, Object o, int[] arr) {
        reentrant.lock();
        try {
            return a + b + (long) c + (long) f + (z ? 1 : 0) + ch + by + sh + (o == null ? 0 : 1) + arr.length;
        } finally {
            reentrant.unlock();
        }
    }

    public static int loopAtStart(int n) {
        int i = 0;
        while (i < n) {
            i += 2;
        }
        return i;
    }

    public List<String> lambdas(List<String> in, long wide, double d) {
        Function<String, String> f = s -> s + wide + d + counter;
        Supplier<Map<Integer, List<String>>> grouping = () -> in.stream()
                .map(f).collect(Collectors.groupingBy(String::length));
        Runnable r = () -> {
            synchronized (lock) {
                counter++;
            }
        };
        r.run();
        return grouping.get().values().stream().flatMap(List::stream).toList();
    }

    public static void voidThrows(int x) {
        if (x < 0) {
            throw new IllegalArgumentException();
        }
    }

    public static char[] arrays(char[][] grid, int row) {
        return row < grid.length ? grid[row] : new char[0];
    }

    public static float floats(float a, double b) {
        return (float) (a * b);
    }

    public static Object ternaryMerge(boolean flag, String s, Integer i) {
        Comparable<?> c = flag ? s : i;
        return c;
    }
}
