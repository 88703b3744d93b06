package io.selfheal.agent.weave;

import java.util.ArrayList;
import java.util.List;

/** Constructors of every shape the constructor hook must keep valid. */
public class TrackedSample {
    public static int created;
    public List<String> items = new ArrayList<>();
    public int level;

    public TrackedSample() {
        this(1);
    }

    public TrackedSample(int level) {
        if (level < 0) {
            this.level = 0;
            return;
        }
        this.level = level;
        created++;
    }

    public TrackedSample(String text) {
        try {
            this.level = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            this.level = -1;
        }
        for (int i = 0; i < level; i++) {
            items.add("i" + i);
        }
    }
}
