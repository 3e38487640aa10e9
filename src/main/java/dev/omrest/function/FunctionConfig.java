package dev.omrest.function;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The functions' own settings ({@code omrest.*}, on Lambda as {@code OMREST_*} environment variables). */
@ConfigMapping(prefix = "omrest")
public interface FunctionConfig {

    Write write();

    Run run();

    Retry retry();

    OpenMetadata openmetadata();

    Fetch fetch();

    Secrets secrets();

    TestConnection testConnection();

    /** pipelineService and ingest by pipeline reference (docs/pipeline-service.md); unset where OpenMetadata's UI does not drive the functions. */
    PipelineService pipelineService();

    /** What callers of the functions reached over HTTP (a function URL) may make them use; nothing by default. */
    Http http();

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

        /**
         * Calls in flight adapted to the server (write.InFlightLimit): each phase starts at 2 and grows while latency
         * per entity holds, and shrinks when it climbs past three times the lowest seen or the server answers 429, 503
         * or 504: more calls then only queue at the server. The settings above stay the most.
         */
        @WithDefault("true")
        boolean adaptive();

        /** Largest body of one bulk call; large schemas make 100 endpoints weigh many megabytes. */
        @WithDefault("8388608")
        long maxBulkBytes();

        /** Request bodies of 64 KiB and more go gzip-compressed (a server that turns them down gets them plain). */
        @WithDefault("true")
        boolean gzip();
    }

    interface Run {
        /** Keep this below the Lambda timeout: after it no new call starts and the run reports what is left. */
        @WithDefault("PT14M")
        Duration deadline();

        /** How often a run recorded on an ingestion pipeline asks OpenMetadata whether it was killed. */
        @WithDefault("PT5S")
        Duration killCheck();

        /**
         * How a run tells that nothing changed since the run that sealed the catalogue, when its payload does not say
         * ({@code sourceConfig.config.unchangedCheck}): {@code listing} (every endpoint, exact) or {@code changeEvents}
         * (README, "Unchanged re-runs"). Pipelines OpenMetadata's UI made cannot say, so this is theirs.
         */
        @WithDefault("listing")
        String unchangedCheck();

        /** With change events: how long a seal is vouched for by events alone (1 to 144 hours). */
        @WithDefault("PT24H")
        Duration unchangedCheckMaxAge();
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

    interface TestConnection {
        /** Keep this below the Lambda timeout: a test connection answers within it, whatever the servers do. */
        @WithDefault("PT90S")
        Duration deadline();
    }

    interface Secrets {
        /** {@code env:} references may only name variables with this prefix; the runtime's own ({@code AWS_*}, {@code _*}, {@code LAMBDA_*}) never. */
        @WithDefault(dev.omrest.config.PayloadTrust.DEFAULT_ENV_PREFIX)
        String envPrefix();
    }

    interface Http {
        /**
         * The secret references ({@code secretsmanager:…}, {@code ssm:…}, {@code env:…}; a trailing {@code *} for a
         * prefix) an HTTP-triggered function resolves. None by default: a caller could otherwise have any secret the
         * role can read sent to a server of its choosing.
         */
        Optional<List<String>> secretReferences();

        /** The directory whose files an HTTP-triggered function may read ({@code openAPISchemaFilePath}, CA files); none by default. */
        Optional<Path> fileDirectory();

        /** The custom S3 endpoints ({@code awsCredentials.endPointURL}) an HTTP-triggered function accepts; none by default. */
        Optional<Set<String>> s3Endpoints();
    }

    interface PipelineService {
        /** The one OpenMetadata server ({@code https://host/api}) the bot JWT is ever sent to. */
        Optional<String> openmetadataUrl();

        /** Secrets Manager secret (ARN or name) holding the ingestion bot's JWT. */
        Optional<String> botJwtSecret();

        /** Secrets Manager secret with the {@code username} and {@code password} the server's client sends. */
        Optional<String> credentialsSecret();

        Optional<String> scheduleGroup();

        Optional<String> schedulerRoleArn();

        Optional<String> ingestFunctionArn();

        Optional<String> ingestLogGroup();

        /** The answer of {@code ip}: the address OpenMetadata sees the functions come from (a NAT gateway's). */
        Optional<String> egressIp();

        /** This function's own name, invoked asynchronously to run a test connection (Lambda sets AWS_LAMBDA_FUNCTION_NAME). */
        @WithDefault("${AWS_LAMBDA_FUNCTION_NAME:pipelineService}")
        String selfFunction();

        /** Largest request body the function URL accepts. */
        @WithDefault("1048576")
        int maxBodyBytes();
    }
}
