package io.selfheal.runtime.engine;

import io.selfheal.runtime.config.ExceptionFilter;
import io.selfheal.runtime.config.StrategiesConfig;
import io.selfheal.runtime.config.Strategy;
import java.util.List;

/**
 * Decides whether a strategy acts on a failure. A strategy block with its own {@code on:} or
 * {@code ignore:} list decides for itself. A block without them follows the top-level
 * {@code strategies:} map when the failure's type (or a superclass) is listed there; otherwise it
 * acts on every {@link Exception} (fallback: on every failure), as before.
 */
final class StrategySelector {
    private final StrategiesConfig strategies;

    StrategySelector(StrategiesConfig strategies) {
        this.strategies = strategies == null ? StrategiesConfig.NONE : strategies;
    }

    /**
     * @param filter the block's own lists; {@code null} for a block that has none (fallback)
     * @param strategy the strategy deciding
     */
    boolean applies(Strategy strategy, ExceptionFilter filter, Throwable thrown) {
        if (filter != null && filter != ExceptionFilter.ALL_EXCEPTIONS) {
            return filter.matches(thrown);
        }
        List<String> mapped = strategies.strategiesFor(thrown.getClass());
        if (mapped != null) {
            return mapped.contains(strategy.wireName());
        }
        return filter == null || filter.matches(thrown);
    }
}
