package io.selfheal.runtime.config;

/**
 * {@code restore-checkpoint: { on: [...], ignore: [...] }}: when the target fails so, the latest
 * checkpoint (see {@link CheckpointsConfig}) is restored before the rest of the healing chain runs.
 */
public record RestoreCheckpointConfig(ExceptionFilter filter, YamlNode location) {

    static final java.util.List<ConfigKey> KEYS = ExceptionFilter.KEYS;

    static RestoreCheckpointConfig read(Section s) {
        ExceptionFilter filter = ExceptionFilter.read(s);
        s.rejectUnknownKeys("key", KEYS);
        return new RestoreCheckpointConfig(filter, s.location());
    }
}
