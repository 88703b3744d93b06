package io.selfheal.it.apps.boot;

/** The Start-Class of the Spring Boot executable jar the ClassLoadersTest builds. */
public final class BootApp {
    private BootApp() {
    }

    public static void main(String[] args) {
        BootService s = new BootService();
        System.out.println("RESULT loader " + BootService.class.getClassLoader().getClass().getName());
        System.out.println("RESULT fetch " + call(() -> s.fetch("k")));
        System.out.println("RESULT broken " + call(() -> s.broken("b")));
    }

    interface Call {
        Object run() throws Exception;
    }

    private static String call(Call c) {
        try {
            return "returned " + c.run();
        } catch (Exception e) {
            return "threw " + e;
        }
    }
}
