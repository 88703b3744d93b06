package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.AgentConfig;
import io.selfheal.runtime.config.ConfigLoader;
import io.selfheal.runtime.events.Event;
import io.selfheal.runtime.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A real engine built from YAML, with a fake clock and the events it published kept in a list. */
final class EngineFixture {
    final List<Event> events = new ArrayList<>();
    final HealingEngineTest.FakeClock clock = new HealingEngineTest.FakeClock();

    HealingEngine engine(String yaml) throws Exception {
        AgentConfig c = ConfigLoader.parse(yaml, "test.yaml");
        return new HealingEngine(c, events::add, clock);
    }

    List<Event> of(EventType t) {
        return events.stream().filter(e -> e.type() == t).collect(Collectors.toList());
    }
}
