package io.selfheal.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test method's body under a drill on {@link #target}: one fault, {@link #fault} (thrown
 * at the woven method's entry, built with {@link #message}), {@link #latency} or {@link #returns}.
 * The drill ends with the body; its verdict is the {@link DrillReport} parameter, and with
 * {@link #expectHealed} a fault that reached its caller fails the test by itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Drill {
    /** The config's target name. */
    String target();

    /** The exception thrown instead of the body ({@code --throw}). */
    Class<? extends Throwable> fault() default NoFault.class;

    /** The message the exception is built with; empty: its no-argument constructor. */
    String message() default "";

    /** A wait before the body ({@code --latency}), e.g. {@code "300ms"}; a {@code timeout:} sees a slow call. */
    String latency() default "";

    /** A literal answered without the body ({@code --return}), converted to the return type. */
    String returns() default "";

    /** The fraction of calls touched (capped by the config's {@code drills.max-rate}). */
    double rate() default 1.0;

    /** True: the test fails when a touched call's fault reached its caller. */
    boolean expectHealed() default false;

    /** The default of {@link #fault}: no exception is thrown. */
    final class NoFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private NoFault() {
        }
    }
}
