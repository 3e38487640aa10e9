package dev.omrest.openmetadata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An answer read up to a cap: past it, reading fails, so a server that streams without end cannot exhaust the heap. */
final class CappedStream extends FilterInputStream {
    private final long maxBytes;
    private long read;

    private CappedStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    static InputStream of(InputStream in, long maxBytes) {
        return new CappedStream(in, maxBytes);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > maxBytes) {
            throw new TooLarge("is larger than " + maxBytes / (1024 * 1024) + " MiB");
        }
    }

    /** The cap was passed. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}
