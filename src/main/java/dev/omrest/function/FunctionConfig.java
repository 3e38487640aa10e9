package dev.omrest.function;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The functions' own settings ({@code omrest.*}, on Lambda as {@code OMREST_*} environment variables). */
@ConfigMapping(prefix = "omrest")
public interface FunctionConfig {

    Write write();

    Run run();

    Retry retry();

    OpenMetadata openmetadata();

    Fetch fetch();

    /**
     * Whether start-up runs the functions once against loopback ({@link Priming}): {@code auto} does so for SnapStart
     * and provisioned-concurrency initialisations of the JVM build.
     */
    @WithDefault("auto")
    Priming.Mode prime();

    interface Write {
        /** Bulk calls to OpenMetadata in flight at once (each up to 100 entities). */
        @WithDefault("4")
        int parallelism();

        /**
         * Single-entity calls in flight at once, on servers without bulk calls (before 1.11): one entity each, so more
         * of them keep the server less busy than four bulk calls do, and hide the round trip.
         */
        @WithDefault("16")
        int perEntityParallelism();

        /** Largest body of one bulk call; large schemas make 100 endpoints weigh many megabytes. */
        @WithDefault("8388608")
        long maxBulkBytes();

        /** Request bodies of 64 KiB and more go gzip-compressed (a server that turns them down gets them plain). */
        @WithDefault("true")
        boolean gzip();
    }

    interface Run {
        /** Keep this below the Lambda timeout: after it no new write starts and the run reports what is left. */
        @WithDefault("PT14M")
        Duration deadline();
    }

    interface Retry {
        @WithDefault("5")
        int maxRetries();

        @WithDefault("PT0.2S")
        Duration baseDelay();

        @WithDefault("PT10S")
        Duration maxDelay();
    }

    interface OpenMetadata {
        @WithDefault("PT120S")
        Duration requestTimeout();
    }

    interface Fetch {
        /** Lets spec URLs point at link-local and cloud metadata addresses; off unless a deployment really needs it. */
        @WithDefault("false")
        boolean allowLinkLocal();
    }
}
