package dev.omrest.source;

import dev.omrest.config.LocalFiles;
import dev.omrest.net.Reach;

import java.time.Duration;

/**
 * Caps applied to every fetch of a caller-supplied location, and what such a fetch may reach.
 *
 * @param requestTimeout the whole fetch: every redirect hop, headers and body
 * @param reach          the addresses a fetch may connect to
 * @param files          the local files that may be read (the spec file and files it references)
 */
public record FetchLimits(Duration connectTimeout, Duration requestTimeout, long maxBytes, int maxRedirects,
                          Reach reach, LocalFiles files) {

    public static final FetchLimits DEFAULT = new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 128L * 1024 * 1024, 5,
            Reach.DEFAULT, LocalFiles.ANY);

    public FetchLimits(Duration connectTimeout, Duration requestTimeout, long maxBytes, int maxRedirects, boolean allowLinkLocal) {
        this(connectTimeout, requestTimeout, maxBytes, maxRedirects, new Reach(allowLinkLocal, null), LocalFiles.ANY);
    }

    /** The default caps with a function's reach. */
    public static FetchLimits of(Reach reach, LocalFiles files) {
        return new FetchLimits(DEFAULT.connectTimeout, DEFAULT.requestTimeout, DEFAULT.maxBytes, DEFAULT.maxRedirects, reach, files);
    }

    /** The same reach, with at most this much time and these many bytes (what a referenced file has left). */
    public FetchLimits within(Duration left, long bytesLeft) {
        return new FetchLimits(min(left, connectTimeout), min(left, requestTimeout), Math.min(bytesLeft, maxBytes), maxRedirects,
                reach, files);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    static String describe(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
