package io.selfheal.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallParsersTest {

    @Test
    void durationsNeedAUnitAndMustNotBeNegative() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("250")).getMessage()
                .contains("write a number and a unit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s")).getMessage()
                .contains("negative"));
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    }

    @Test
    void theMostSpecificListedExceptionTypeWins() {
        ExceptionFilter f = new ExceptionFilter(List.of("java.io.IOException"), List.of("java.io.FileNotFoundException"));
        assertTrue(f.matches(new SocketException()));
        assertFalse(f.matches(new FileNotFoundException()));
        assertFalse(f.matches(new IllegalStateException()));
        ExceptionFilter reversed = new ExceptionFilter(List.of("java.io.FileNotFoundException"), List.of("java.io.IOException"));
        assertTrue(reversed.matches(new FileNotFoundException()));
        assertFalse(reversed.matches(new IOException()));
        assertTrue(ExceptionFilter.ALL_EXCEPTIONS.matches(new IOException()));
        assertFalse(ExceptionFilter.ALL_EXCEPTIONS.matches(new StackOverflowError()), "errors are never matched by default");
    }

    @Test
    void classGlobsMatchWholePackagesAndNameParts() {
        ClassPattern p = ClassPattern.parse("com.acme.**.*Client");
        assertTrue(p.matchesClassName("com.acme.InventoryClient"));
        assertTrue(p.matchesClassName("com.acme.a.b.PayClient"));
        assertFalse(p.matchesClassName("com.acmex.PayClient"));
        assertFalse(p.matchesClassName("com.acme.PayClientImpl"));
        ClassPattern exact = ClassPattern.parse("com.acme.InventoryClient");
        assertTrue(exact.isExact());
        assertTrue(exact.matchesInternalName("com/acme/InventoryClient"));
        assertFalse(exact.matchesInternalName("com/acme/InventoryClient$1"));
        assertTrue(ClassPattern.parse("com.acme.Svc?").matchesClassName("com.acme.Svc2"));
    }

    @Test
    void methodSelectorsMatchNamesGlobsAndParameterLists() {
        assertTrue(MethodSelector.parse("fetch*").matches("fetchStock", "(I)V"));
        assertFalse(MethodSelector.parse("fetch*").matches("refetch", "()V"));
        MethodSelector sig = MethodSelector.parse("reserve(java.lang.String, int)");
        assertTrue(sig.matches("reserve", "(Ljava/lang/String;I)Z"));
        assertFalse(sig.matches("reserve", "(Ljava/lang/String;IJ)Z"));
        assertTrue(MethodSelector.parse("put(byte[],long)").matches("put", "([BJ)V"));
        assertTrue(MethodSelector.parse("none()").matches("none", "()Ljava/lang/Object;"));
        assertThrows(IllegalArgumentException.class, () -> MethodSelector.parse("x(int"));
        assertThrows(IllegalArgumentException.class, () -> MethodSelector.parse("x(in t!)"));
    }
}
