package io.selfheal.it.apps.code;

import io.selfheal.api.SelfHeal;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A web application's code, loaded with its own copy of selfheal-api by a child-first loader. */
public final class WebApp {
    private WebApp() {
    }

    public static String serve() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch healed = new CountDownLatch(1);
        try (SelfHeal.Subscription s = SelfHeal.onEvent("web", List.of("healed"), e -> {
            heard.add(e.type() + " by " + e.strategy());
            healed.countDown();
        })) {
            String value = SelfHeal.call("web", () -> {
                throw new IOException("backend down");
            });
            healed.await(20, TimeUnit.SECONDS);
            return "api=" + SelfHeal.class.getClassLoader().getName() + " active=" + SelfHeal.isActive() + " value="
                    + value + " heard=" + heard + " calls=" + SelfHeal.stats("web").calls();
        }
    }

    /** The fallback of target {@code web}: found in the loader of the block's class, this one. */
    public static String fallback() {
        return "served by fallback in " + WebApp.class.getClassLoader().getName();
    }
}
