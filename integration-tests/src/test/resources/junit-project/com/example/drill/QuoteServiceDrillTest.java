package com.example.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.junit.Drill;
import io.selfheal.junit.DrillReport;
import io.selfheal.junit.SelfhealConfig;
import io.selfheal.junit.SelfhealExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user's test: one drill the config heals (it passes), one it does not (expectHealed fails it). */
@ExtendWith(SelfhealExtension.class)
@SelfhealConfig("healing.yaml")
class QuoteServiceDrillTest {
    private final QuoteService service = new QuoteService();

    @Test
    @Drill(target = "quotes", fault = IOException.class, message = "drill", expectHealed = true)
    void retryHealsEveryDroppedQuote(DrillReport report) {
        for (int i = 0; i < 20; i++) {
            assertEquals("quote:S" + i, service.quote("S" + i));
        }
        assertEquals(20, report.touched());
        assertEquals(20, report.healedBy("retry"));
        assertEquals(0, report.unhealed());
    }

    @Test
    @Drill(target = "prices", fault = IllegalStateException.class, message = "drill", expectHealed = true)
    void pricesHaveNoHealing() {
        int failed = 0;
        for (int i = 0; i < 5; i++) {
            try {
                service.price();
            } catch (IllegalStateException e) {
                failed++;
            }
        }
        assertTrue(failed == 5, "every call was touched: " + failed);
    }
}
