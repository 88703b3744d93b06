package io.selfheal.runtime.events;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The events file as whole lines that rotate: before a line would take the file past
 * {@code maxSize}, the file is closed and renamed {@code <file>.1}, the older ones shift up to
 * {@code <file>.<keep>}, the oldest beyond {@code keep} is deleted, and a fresh file is opened. A
 * line is never split between two files; a line longer than {@code maxSize} gets a file of its own.
 *
 * <p>Plain {@code java.io}, like the writer: the JVM has those classes loaded already, while
 * {@code java.nio.file} would load dozens more at agent start. Used by one thread at a time.
 */
final class RotatingFile implements AutoCloseable {
    private final File file;
    private final long maxSize;
    private final int keep;
    private OutputStream out;
    /** Bytes in the current file, those still buffered included. */
    private long size;
    /** The size at which the next rotation is tried: {@code maxSize}, or later after a failed one. */
    private long rotateAt;

    RotatingFile(File file, long maxSize, int keep) {
        this.file = file.getAbsoluteFile();
        this.maxSize = maxSize;
        this.keep = keep;
        this.rotateAt = maxSize;
        this.size = this.file.length();   // a file from an earlier run counts: it may be full already
    }

    /** True when writing {@code bytes} more would take a file that has lines in it past the limit. */
    boolean wouldOverflow(int bytes) {
        return size > 0 && size + bytes > rotateAt;
    }

    /** Appends one line (its bytes, line end included), opening the file, and its directories, if need be. */
    void write(byte[] line) throws IOException {
        if (out == null) {
            open(true);
        }
        out.write(line);
        size += line.length;
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /**
     * Rotates now. When a step fails (a read-only directory, say), the current file stays open for
     * appending, nothing is lost, and the next rotation is tried only once the file has grown by
     * another {@code maxSize}, so a directory that stays read-only costs one attempt per
     * {@code maxSize} written, not one per line.
     *
     * @throws IOException what failed; writing goes on in the current file
     */
    void rotate() throws IOException {
        try {
            if (keep == 0) {
                closeCurrent();
                open(false);   // nothing to keep: start the file again
            } else {
                deleteOldest();
                for (int i = keep - 1; i >= 1; i--) {
                    renameIfPresent(numbered(i), numbered(i + 1));
                }
                closeCurrent();
                if (file.exists() && !file.renameTo(numbered(1))) {
                    throw new IOException("cannot rename " + file + " to " + numbered(1));
                }
                open(false);
            }
            rotateAt = maxSize;
        } catch (IOException e) {
            rotateAt = size + maxSize;
            if (out == null) {
                open(true);   // back to the current file; if even that fails, the caller's next write says so
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    /** {@code <file>.<i>}. */
    File numbered(int i) {
        return new File(file.getPath() + "." + i);
    }

    /** Deletes {@code <file>.<keep>} and any older ones left by an earlier, larger {@code keep}. */
    private void deleteOldest() throws IOException {
        for (int i = keep; ; i++) {
            File f = numbered(i);
            if (!f.exists()) {
                return;
            }
            if (!f.delete()) {
                throw new IOException("cannot delete " + f);
            }
        }
    }

    private static void renameIfPresent(File from, File to) throws IOException {
        if (from.exists() && !from.renameTo(to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    private void closeCurrent() throws IOException {
        if (out != null) {
            OutputStream o = out;
            out = null;
            o.close();
        }
    }

    private void open(boolean append) throws IOException {
        File parent = file.getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs() && !parent.isDirectory()) {
            throw new IOException("cannot create the directory " + parent);
        }
        out = new BufferedOutputStream(new FileOutputStream(file, append), 8192);
        size = append ? file.length() : 0;
    }
}
