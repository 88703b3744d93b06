package io.selfheal.runtime.state;

/**
 * Makes each snapshot and each restore of one object atomic with respect to the others: a
 * restore never mixes fields of two snapshots, and a snapshot never sees half a restore. The
 * locks are the agent's own (striped by identity hash), never the application's monitor, so a
 * {@code synchronized} or {@code wait}/{@code notify} in the application is not disturbed.
 * The application's own unsynchronized writes are, as ever, its own business.
 */
public final class ReceiverLocks {
    private static final int STRIPES = 64;
    private static final Object[] LOCKS = new Object[STRIPES];
    private static final Object STATICS = new Object();

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new Object();
        }
    }

    private ReceiverLocks() {
    }

    /** The lock for {@code target}; {@code null} (static state) has one lock of its own. */
    public static Object of(Object target) {
        if (target == null) {
            return STATICS;
        }
        int h = System.identityHashCode(target);
        return LOCKS[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }
}
