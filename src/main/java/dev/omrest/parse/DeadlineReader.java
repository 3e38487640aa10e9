package dev.omrest.parse;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** A reader that fails once its deadline has passed, so a parser pulling text through it stops in bounded time. */
final class DeadlineReader extends FilterReader {
    private final long deadlineNanos;

    DeadlineReader(Reader in, long deadlineNanos) {
        super(in);
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        check();
        return super.read(buffer, offset, length);
    }

    private void check() throws TimeUp {
        if (Thread.currentThread().isInterrupted()) {
            throw new TimeUp("the YAML parser was stopped (the run's time is up)");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new TimeUp("the YAML parser gave up after " + DocumentReader.YAML_TIME_LIMIT.toSeconds() + " s");
        }
    }

    /** The deadline passed. */
    static final class TimeUp extends IOException {
        TimeUp(String message) {
            super(message);
        }
    }
}
