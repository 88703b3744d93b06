package io.selfheal.runtime.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JmxNamesTest {
    @Test
    void plainNamesStayPlainAndSpecialOnesAreQuoted() {
        assertEquals("io.selfheal:type=Target,name=inventory", JmxNamesTest.name("inventory"));
        assertEquals("io.selfheal:type=Target,name=com.acme.Client", name("com.acme.Client"));
        assertEquals("io.selfheal:type=Target,name=\"a,b=c\"", name("a,b=c"));
        assertEquals("io.selfheal:type=Target,name=\"x\\*\"", name("x*"));
    }

    private static String name(String target) {
        return Jmx.targetName(target).toString();
    }
}
