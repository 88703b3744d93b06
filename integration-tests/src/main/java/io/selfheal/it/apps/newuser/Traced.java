package io.selfheal.it.apps.newuser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Kept in the class file only: reflection cannot see it, the class file has it. */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Traced {
}
