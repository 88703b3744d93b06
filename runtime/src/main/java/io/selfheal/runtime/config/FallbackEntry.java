package io.selfheal.runtime.config;

/** One entry of a {@code fallback:} chain. */
public sealed interface FallbackEntry {

    /** Where the entry stands in the file, for problems found later (at weave time). */
    YamlNode location();

    /** {@code method: com.acme.Fallbacks#cachedInventory}: a static method, resolved in the woven class's loader. */
    record MethodFallback(String className, String methodName, YamlNode location) implements FallbackEntry {
        @Override
        public String toString() {
            return "method " + className + "#" + methodName;
        }
    }

    /** {@code value: ...}: a YAML literal, converted to the method's return type. */
    record ValueFallback(Object value, YamlNode location) implements FallbackEntry {
        @Override
        public String toString() {
            return "value " + value;
        }
    }

    /** {@code empty: true}: null, 0, false, an empty collection, map or array, or Optional.empty(). */
    record EmptyFallback(YamlNode location) implements FallbackEntry {
        @Override
        public String toString() {
            return "empty value";
        }
    }
}
