/**
 * The agent's life from its config on: the config read at start
 * ({@link io.selfheal.agent.lifecycle.ConfigAtStart}), what {@code premain} sets up and the build
 * of the full agent when first needed ({@link io.selfheal.agent.lifecycle.OnDemandAgent}, with its
 * class-load hook), the running agent ({@link io.selfheal.agent.lifecycle.SelfhealAgent}) and its
 * optional parts, each an {@link io.selfheal.agent.lifecycle.AgentPart} saying whether it needs the
 * agent built at start, how it starts, and what a config reload does to it.
 *
 * <p>The start path avoids lambdas (each first one spins hidden classes, about a millisecond at
 * start) and keeps its classes few: it is measured (benchmarks/README.md, Start-up).
 */
package io.selfheal.agent.lifecycle;
