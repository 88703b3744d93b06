package io.selfheal.it.apps.newuser;

/**
 * Throws the HTTP clients' exceptions by name ({@code A} or {@code A>B}: an A caused by a B), each
 * made by reflection from the class path: the real JDK types and stand-ins under the libraries'
 * names, so the classifier is seen to know them by name alone.
 */
public class HttpCalls {
    public String call(String spec) throws Exception {
        throw make(spec);
    }

    public String callWrapped(String spec) throws Exception {
        throw make(spec);
    }

    static Exception make(String spec) throws Exception {
        int arrow = spec.indexOf('>');
        if (arrow < 0) {
            return (Exception) Class.forName(spec).getConstructor(String.class).newInstance("from " + spec);
        }
        Exception cause = make(spec.substring(arrow + 1));
        return (Exception) Class.forName(spec.substring(0, arrow)).getConstructor(String.class, Throwable.class)
                .newInstance("wrapping", cause);
    }
}
