package io.selfheal.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The healing config for the code under test: a file path (relative to the working directory, the
 * module's directory under Maven) or, failing that, a class-path resource. On a method it wins over
 * the class's. The config must allow drills ({@code drills: { enabled: true, max-rate: 1 }}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SelfhealConfig {
    String value();
}
