package io.selfheal.bench.patch;

/**
 * The application of {@code benchmarks/patch.sh}: one class the patch replaces, called in a loop
 * so the JVM is busy as a service would be, until the file named by the first argument appears.
 */
public final class PatchTarget {
    private PatchTarget() {
    }

    public static void main(String[] args) throws Exception {
        Greeter g = new Greeter();
        java.nio.file.Path stop = java.nio.file.Paths.get(args[0]);
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        long n = 0;
        while (!java.nio.file.Files.exists(stop)) {
            for (int i = 0; i < 10_000; i++) {
                n += g.greet("ann").length();
            }
            Thread.sleep(10);
        }
        System.out.println(n > 0 ? "END" : "END?");
    }
}
