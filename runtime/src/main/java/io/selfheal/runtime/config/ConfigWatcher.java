package io.selfheal.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code watch-config: true}: polls the config file and calls back when its content changes.
 * Polling the content (not a WatchService) also sees editors that replace the file and files on
 * mounts without change notification; a config file is small, so reading it each second is cheap.
 */
public final class ConfigWatcher implements AutoCloseable {
    private final Path file;
    private final Runnable onChange;
    private final ScheduledExecutorService poller;
    private byte[] last;

    public ConfigWatcher(Path file, long periodMillis, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
        this.last = read();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "selfheal-config-watch");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        byte[] now = read();
        if (now == null || Arrays.equals(now, last)) {
            return;
        }
        last = now;
        try {
            onChange.run();
        } catch (RuntimeException e) {
            // the callback reports its own problems; the watcher keeps watching
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null; // between an editor's delete and write: wait for the next poll
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
