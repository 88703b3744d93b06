package io.selfheal.it.apps.newuser;

/** A base class whose method its subclasses inherit. */
public abstract class BaseClient {
    public String fetch(int id) {
        if (id < 0) {
            throw new IllegalStateException("no record " + id);
        }
        return "record " + id;
    }
}
