package io.selfheal.it.apps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State for checkpoints: a static map of carts, and an instance field of each store. */
public class CartStore {
    static final Map<String, List<String>> CARTS = new LinkedHashMap<>();
    String owner;
    int version;

    public CartStore(String owner) {
        this.owner = owner;
    }

    public void put(String cart, String item) {
        CARTS.computeIfAbsent(cart, k -> new ArrayList<>()).add(item);
        version++;
    }

    /** Corrupts the carts and the store, then fails. */
    public void corrupt() {
        CARTS.clear();
        CARTS.put("garbage", new ArrayList<>(List.of("???")));
        owner = "corrupted";
        version = -1;
        throw new IllegalStateException("half-written carts");
    }

    /** The same corruption without the failure, for scenarios that restore by hand. */
    public void corrupt0() {
        try {
            corrupt();
        } catch (IllegalStateException expected) {
            // the state is what matters
        }
    }

    public String describe() {
        return "carts=" + CARTS + " owner=" + owner + " version=" + version;
    }
}
