package io.selfheal.it.apps.newuser;

/** Loaded just before the application first touches a gateway: a point in the class-load log. */
public final class Marker {
    private Marker() {
    }
}
