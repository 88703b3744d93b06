package io.selfheal.bootstrap;

/**
 * The gateway the constructors of classes named in {@code checkpoints.state} call when they
 * finish, so the agent knows the instances a checkpoint covers. Like {@link Healing}, it never
 * lets a fault of the agent reach the application.
 */
public final class Instances {

    /** What the runtime installs to hear about new instances. */
    public interface Listener {
        void seen(int trackedClass, Object instance);
    }

    private static volatile Listener listener;

    private Instances() {
    }

    public static void install(Listener newListener) {
        listener = newListener;
    }

    /** Called by woven constructors with the new object. */
    public static void seen(Object instance, int trackedClass) {
        Listener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.seen(trackedClass, instance);
        } catch (Throwable ignored) {
            // The application's constructor must finish whatever the agent does; an instance the
            // agent missed is only absent from later checkpoints.
        }
    }
}
