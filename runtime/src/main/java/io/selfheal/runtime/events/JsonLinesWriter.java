package io.selfheal.runtime.events;

import java.io.IOException;
import java.io.PrintStream;
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
 * The file rotates at {@code max-size} ({@link RotatingFile}); a rotation that fails is an agent
 * fault, and the lines go on into the current file.
 */
public final class JsonLinesWriter implements EventSink, AutoCloseable {
    private static final int CAPACITY = 16_384;

    private final Path file;
    private final long maxSize;
    private final int keep;
    private final FaultReporter faults;
    private final PrintStream stderr;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private final Object flushLock = new Object();
    private RotatingFile out;
    private boolean fileBroken;
    private volatile boolean closed;

    /**
     * @param file the events file (appended to), or {@code null} for none
     * @param stderr where to copy each line, or {@code null} for nowhere
     * @param maxSize the size in bytes past which the file is not written: it rotates first
     * @param keep how many rotated files are kept ({@code <file>.1} the newest)
     * @param faults where a failed rotation is reported
     */
    public JsonLinesWriter(Path file, PrintStream stderr, long maxSize, int keep, FaultReporter faults) {
        this.file = file;
        this.maxSize = maxSize;
        this.keep = keep;
        this.faults = faults;
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
        String[] lines = new String[batch.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = batch.get(i).toJson() + '\n';
        }
        batch.clear();
        if (stderr != null) {
            StringBuilder text = new StringBuilder(lines.length * 200);
            for (String line : lines) {
                text.append(line);
            }
            stderr.print(text);
            stderr.flush();
        }
        if (file != null && !fileBroken) {
            try {
                if (out == null) {
                    // Plain java.io from a Path the JVM already has: no java.nio.file channels at start.
                    out = new RotatingFile(file.toAbsolutePath().toFile(), maxSize, keep);
                }
                for (String line : lines) {
                    writeLine(line.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            } catch (IOException | RuntimeException e) {
                fileBroken = true;
                System.err.println("[selfheal] cannot write the events file " + file + ": " + e
                        + "; no more events are written to it; the application is not affected");
            }
        }
    }

    /** One whole line, into a fresh file when it would take the current one past the limit. */
    private void writeLine(byte[] line) throws IOException {
        if (out.wouldOverflow(line.length)) {
            try {
                out.rotate();
            } catch (IOException e) {
                // Logged once per kind, counted always; the line goes into the current file.
                faults.report("events-rotation", e);
            }
        }
        out.write(line);
    }
}
