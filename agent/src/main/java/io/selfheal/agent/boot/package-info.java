/**
 * The agent jar and the class loaders, for the start before the agent's own classes may name the
 * gateway: whether the agent runs from the boot class path and from which file
 * ({@link io.selfheal.agent.boot.BootClassPath}), the bootstrap classes into the boot loader
 * ({@link io.selfheal.agent.boot.BootstrapJar}, {@link io.selfheal.agent.boot.BootLoaderDefiner}),
 * ASM there before the first weave ({@link io.selfheal.agent.boot.BootLoaderAsm}), a loader for
 * code that needs a platform module ({@link io.selfheal.agent.boot.PlatformModuleLoader}), the
 * jar's file, version and start-up trace.
 *
 * <p>No class here names a bootstrap or runtime type: these classes run before the bootstrap
 * classes are in the boot loader, and a class that named them could load them into another
 * loader first. The jar's entry points ({@code io.selfheal.agent.AgentLauncher}, {@code AgentMain})
 * stay in the parent package under the names every version keeps.
 */
package io.selfheal.agent.boot;
