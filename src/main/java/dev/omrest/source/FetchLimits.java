package dev.omrest.source;

import java.time.Duration;

/** Caps applied to every fetch of a caller-supplied location. */
public record FetchLimits(Duration connectTimeout, Duration requestTimeout, long maxBytes, int maxRedirects,
                          boolean allowLinkLocal) {

    public static final FetchLimits DEFAULT =
            new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 128L * 1024 * 1024, 5, false);

    /** The defaults, with link-local and metadata addresses allowed or not. */
    public static FetchLimits withLinkLocal(boolean allowed) {
        return new FetchLimits(DEFAULT.connectTimeout(), DEFAULT.requestTimeout(), DEFAULT.maxBytes(), DEFAULT.maxRedirects(), allowed);
    }

    static String describe(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
