package dev.omrest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * The size cap of one fetched body and the failure past it: the one rule for a body read from a stream (S3) and for
 * one that arrives in buffers (HTTP, {@link CappedBody}), so a server that sends without end cannot fill the heap.
 */
record BodyCap(long maxBytes, Supplier<? extends RuntimeException> tooLarge) {
    /** Arrays end a little below 2 GiB, whatever the cap says. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    /** The cap of a spec, or of a file it references: "The OpenAPI schema at {@code where} is larger than …". */
    static BodyCap ofSpec(String where, long maxBytes) {
        return new BodyCap(maxBytes, () -> new SpecFetchException("The OpenAPI schema at " + where + " is larger than "
                + FetchLimits.describe(maxBytes)));
    }

    /** Whether a body of this many bytes (a declared length, or what has arrived so far) is within the cap. */
    boolean fits(long bytes) {
        return bytes <= maxBytes;
    }

    RuntimeException exceeded() {
        return tooLarge.get();
    }

    /** The whole stream; past the cap it fails, having read at most one byte more. */
    byte[] readAll(InputStream in) throws IOException {
        int limit = (int) Math.min(maxBytes, MAX_ARRAY - 1);
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw exceeded();
        }
        return body;
    }
}
