package io.selfheal.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.selfheal.runtime.engine.Classification.Category;
import io.selfheal.runtime.engine.Classification.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static void assertClass(Throwable t, Category c, Severity s) {
        Classification got = Classifier.classify(t);
        assertEquals(new Classification(c, s), got, t.toString());
    }

    @Test
    void byTypeAndSupertype() {
        assertClass(new ConnectException(), Category.NETWORK, Severity.HIGH);
        assertClass(new SocketTimeoutException(), Category.TIMEOUT, Severity.MEDIUM);
        assertClass(new TimeoutException(), Category.TIMEOUT, Severity.MEDIUM);
        assertClass(new IOException(), Category.NETWORK, Severity.MEDIUM);
        assertClass(new NumberFormatException(), Category.VALIDATION, Severity.LOW);
        assertClass(new IllegalStateException(), Category.STATE, Severity.MEDIUM);
        assertClass(new SecurityException(), Category.SECURITY, Severity.HIGH);
        assertClass(new ClassNotFoundException(), Category.CONFIGURATION, Severity.HIGH);
        assertClass(new OutOfMemoryError(), Category.RESOURCE, Severity.CRITICAL);
        assertClass(new java.util.concurrent.RejectedExecutionException(), Category.RESOURCE, Severity.HIGH);
    }

    @Test
    void byCauseWhenTheTypeSaysNothing() {
        assertClass(new RuntimeException(new ConnectException()), Category.NETWORK, Severity.HIGH);
        assertClass(new UncheckedIOException(new SocketTimeoutException()), Category.NETWORK, Severity.MEDIUM);
        assertClass(new RuntimeException(new RuntimeException()), Category.UNKNOWN, Severity.MEDIUM);
    }

    @Test
    void byNameForTypesNoRuleKnows() {
        class QueryTimeoutException extends RuntimeException {
        }
        class AuthFailedException extends RuntimeException {
        }
        assertClass(new QueryTimeoutException(), Category.TIMEOUT, Severity.MEDIUM);
        assertClass(new AuthFailedException(), Category.SECURITY, Severity.HIGH);
        assertClass(new RuntimeException("whatever"), Category.UNKNOWN, Severity.MEDIUM);
    }

    @Test
    void anErrorIsNeverMilderThanHigh() {
        class WeirdError extends Error {
        }
        assertClass(new WeirdError(), Category.UNKNOWN, Severity.HIGH);
    }
}
