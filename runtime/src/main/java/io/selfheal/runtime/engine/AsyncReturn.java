package io.selfheal.runtime.engine;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Which woven methods heal the outcome of the stage they return, and how values and failures
 * become the stage such a method returns. The rule is read from the method's descriptor alone (the
 * weaver and the runtime share it): the declared return type is {@code CompletionStage} or
 * {@code CompletableFuture}, types the agent can always hand back a {@code CompletableFuture} for.
 */
public final class AsyncReturn {
    private static final String STAGE = "Ljava/util/concurrent/CompletionStage;";
    private static final String FUTURE = "Ljava/util/concurrent/CompletableFuture;";
    /** The internal names of the declared return types whose outcome is healed. */
    public static final List<String> HEALED_TYPES = List.of("java/util/concurrent/CompletionStage",
            "java/util/concurrent/CompletableFuture");

    private AsyncReturn() {
    }

    /** True when a method of this descriptor has its returned stage's outcome healed. */
    public static boolean healsOutcome(String methodDescriptor) {
        return methodDescriptor.endsWith(")" + STAGE) || methodDescriptor.endsWith(")" + FUTURE);
    }

    /** What a stage failed with: the cause inside a {@code CompletionException}/{@code ExecutionException} wrapper. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * A value given for the call (a fallback's value, or its stage) as the stage the method returns:
     * a {@code CompletableFuture} whenever a stage of another class would not fit the declared type.
     */
    static Object asReturned(Site site, Object value) {
        if (value instanceof CompletableFuture<?>) {
            return value;
        }
        if (value instanceof CompletionStage<?> stage) {
            if (site.descriptor().endsWith(")" + STAGE)) {
                return stage;
            }
            CompletableFuture<Object> f = new CompletableFuture<>();
            completeWith(f, stage);
            return f;
        }
        return CompletableFuture.completedFuture(value);
    }

    /** {@code f} completes as {@code stage} does (a failure by its cause). */
    static void completeWith(CompletableFuture<Object> f, CompletionStage<?> stage) {
        stage.whenComplete((v, e) -> {
            if (e == null) {
                f.complete(v);
            } else {
                f.completeExceptionally(cause(e));
            }
        });
    }

    /** A stage failed with {@code failure}: what an async method's refused call returns. */
    static Object failed(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }

    /**
     * The {@code T} of the method's {@code CompletionStage<T>}, read from its generic signature:
     * what a fallback literal is converted to. {@code Object} when the signature does not say.
     */
    static Class<?> valueType(Site site, ClassLoader loader) throws ClassNotFoundException, NoSuchMethodException {
        if (CodeSites.isCodeSite(site)) {
            return Object.class;   // a block's stage is erased: its value is given as it is
        }
        Class<?> owner = Class.forName(site.className(), false, loader);
        Class<?>[] types = Types.parameterTypes(site.descriptor(), loader);
        Method m = owner.getDeclaredMethod(site.methodName(), types);
        Type g = m.getGenericReturnType();
        if (g instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return raw(p.getActualTypeArguments()[0]);
        }
        return Object.class;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (t instanceof WildcardType w) {
            return w.getLowerBounds().length > 0 ? Object.class : raw(w.getUpperBounds()[0]);
        }
        if (t instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        if (t instanceof GenericArrayType a) {
            return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }
}
