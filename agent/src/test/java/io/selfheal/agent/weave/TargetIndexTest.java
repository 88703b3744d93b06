package io.selfheal.agent.weave;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.config.TargetConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick binary-name answer never says no where the full look-up by internal name says yes. */
class TargetIndexTest {

    @Test
    void mayNameIsTrueForEveryClassTheLookUpNames() throws Exception {
        List<TargetConfig> targets = ConfigLoader.parse("""
                targets:
                  - class: com.acme.InventoryClient
                    retry: { max-attempts: 2 }
                  - class: com.acme.**.*Client
                    retry: { max-attempts: 2 }
                  - class: org.example.*.repo.*Repository
                    retry: { max-attempts: 2 }
                  - class: net.example.gateway.**
                    retry: { max-attempts: 2 }
                  - class: org.example.legacy.Dao?
                    retry: { max-attempts: 2 }
                """, "test").targets();
        TargetIndex index = new TargetIndex(targets);
        String[] names = {"com.acme.InventoryClient", "com.acme.InventoryClientX", "com.acme.a.b.PaymentClient",
            "com.acme.Client", "com.acmeX.Client", "org.example.shop.repo.OrderRepository", "org.example.repo.X",
            "net.example.gateway.Gate", "net.example.gateway", "net.example.gatewayX.A", "org.example.legacy.Dao1",
            "org.example.legacy.Dao", "java.lang.String", "com.acme.x.HiddenClient/0x0000000800c01234",
            "net.example.gateway.Gate$$Lambda/0x0000000800c01234", "net/example/gateway/Odd", "", "c"};
        for (String binary : names) {
            if (index.lookup(binary.replace('.', '/')) != null) {
                assertTrue(index.mayName(binary), binary);
            }
        }
        for (String yes : new String[] {"com.acme.InventoryClient", "com.acme.a.b.PaymentClient",
            "net.example.gateway.Gate$$Lambda/0x0000000800c01234", "org.example.legacy.Dao1"}) {
            assertTrue(index.lookup(yes.replace('.', '/')) != null, "the test's own premise: " + yes);
        }
        for (String no : new String[] {"java.lang.String", "com.acmeX.Client", "org.other.legacy.Dao1",
            "net.example.gatewayX.A"}) {
            assertFalse(index.mayName(no), no);
        }
    }
}
