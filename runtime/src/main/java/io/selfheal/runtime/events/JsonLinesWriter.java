package io.selfheal.runtime.events;

import java.io.BufferedWriter;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes events as JSON lines to a file and/or stderr from one daemon thread, so the calling
 * (application) thread never waits on a disk. The queue is bounded: when it is full, events are
 * counted as dropped and an {@code events-dropped} line says how many once there is room. A file
 * that cannot be written (full or read-only disk) is reported once on stderr; the application goes on.
 */
public final class JsonLinesWriter implements EventSink, AutoCloseable {
    private static final int CAPACITY = 16_384;

    private final Path file;
    private final PrintStream stderr;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private final Object flushLock = new Object();
    private Writer out;
    private boolean fileBroken;
    private volatile boolean closed;

    /**
     * @param file the events file (appended to), or {@code null} for none
     * @param stderr where to copy each line, or {@code null} for nowhere
     */
    public JsonLinesWriter(Path file, PrintStream stderr) {
        this.file = file;
        this.stderr = stderr;
        // A Runnable class, not a method reference: one class fewer to spin at agent start.
        this.worker = new Thread(new Runnable() {
            @Override
            public void run() {
                drainForever();
            }
        }, "selfheal-events");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void publish(Event event) {
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Blocks until every event published so far is written (or 5 s pass). */
    @Override
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (flushLock) {
            writeBatch(new ArrayList<>());
        }
    }

    /**
     * Stops the writer thread, then writes what it left queued from the calling thread: no polling
     * for an empty queue, which cost a few milliseconds of every JVM's exit.
     */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (flushLock) {
            writeBatch(new ArrayList<>());
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // nothing more can be written anyway
                }
            }
        }
    }

    private void drainForever() {
        List<Event> batch = new ArrayList<>();
        while (!closed) {
            try {
                Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (flushLock) {
                    batch.add(first);
                    writeBatch(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // Never let the writer thread die: the next event gets another chance.
                batch.clear();
            }
        }
    }

    /**
     * Opens the file for appending, creating it and its directories. Plain {@code java.io}: the
     * JVM has those classes loaded already, while {@code Files.newBufferedWriter} loads some thirty
     * channel classes, at agent start, when the first event is written.
     */
    private static Writer openForAppend(Path file) throws IOException {
        File target = file.toAbsolutePath().toFile();
        File parent = target.getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs() && !parent.isDirectory()) {
            throw new IOException("cannot create the directory " + parent);
        }
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(target, true), StandardCharsets.UTF_8));
    }

    /** Writes {@code batch} plus everything queued; caller holds {@link #flushLock}. */
    private void writeBatch(List<Event> batch) {
        queue.drainTo(batch);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            batch.add(Event.of(EventType.EVENTS_DROPPED).with("count", lost)
                    .message(lost + " events were dropped because the writer fell behind"));
        }
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(batch.size() * 200);
        for (Event e : batch) {
            text.append(e.toJson()).append('\n');
        }
        batch.clear();
        if (stderr != null) {
            stderr.print(text);
            stderr.flush();
        }
        if (file != null && !fileBroken) {
            try {
                if (out == null) {
                    out = openForAppend(file);
                }
                out.write(text.toString());
                out.flush();
            } catch (IOException | RuntimeException e) {
                fileBroken = true;
                System.err.println("[selfheal] cannot write the events file " + file + ": " + e
                        + "; no more events are written to it; the application is not affected");
            }
        }
    }
}
