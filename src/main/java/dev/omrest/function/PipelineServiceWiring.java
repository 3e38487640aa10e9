package dev.omrest.function;

import dev.omrest.config.PayloadTrust;
import dev.omrest.config.Secret;
import dev.omrest.config.SecretReferences;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.orchestrator.Credentials;
import dev.omrest.secrets.AwsSecretStore;
import dev.omrest.secrets.CachingSecretStore;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deployment's side of pipelineService and of ingest by pipeline reference: the one OpenMetadata server, the bot's
 * JWT and the Basic-auth credentials, each read from its secret when first needed.
 */
final class PipelineServiceWiring {
    /** Each call the orchestrator makes to OpenMetadata, retries included, ends within this. */
    static final Duration BOT_CALLS = Duration.ofSeconds(30);
    /** What {@code health-auth} gives its version read: a 2.0 client's path probe waits 5 s in all. */
    static final Duration QUICK_BOT_CALLS = Duration.ofSeconds(3);
    /** Secrets are read again after this: a rotated password or JWT is taken within minutes, without a cold start. */
    static final Duration SECRET_TTL = Duration.ofMinutes(5);
    /** One per environment: its client and what it read outlive an invocation. */
    private static volatile CachingSecretStore secretStore = newSecretStore();

    private final FunctionConfig config;
    private final SecretReferences secrets;
    private final Clock clock;

    private PipelineServiceWiring(FunctionConfig config, SecretReferences secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    static PipelineServiceWiring of(FunctionConfig config, Clock clock) {
        return new PipelineServiceWiring(config, new SecretReferences(System::getenv, secretStore,
                PayloadTrust.deployment(config.secrets().envPrefix())), clock);
    }

    /** The settings a function needs that are not set, by their environment variable. */
    List<String> missing(boolean orchestrator) {
        FunctionConfig.PipelineService p = config.pipelineService();
        List<String> missing = new ArrayList<>();
        require(p.openmetadataUrl(), "OMREST_PIPELINE_SERVICE_OPENMETADATA_URL", missing);
        require(p.botJwtSecret(), "OMREST_PIPELINE_SERVICE_BOT_JWT_SECRET", missing);
        if (orchestrator) {
            require(p.credentialsSecret(), "OMREST_PIPELINE_SERVICE_CREDENTIALS_SECRET", missing);
            require(p.scheduleGroup(), "OMREST_PIPELINE_SERVICE_SCHEDULE_GROUP", missing);
            require(p.schedulerRoleArn(), "OMREST_PIPELINE_SERVICE_SCHEDULER_ROLE_ARN", missing);
            require(p.ingestFunctionArn(), "OMREST_PIPELINE_SERVICE_INGEST_FUNCTION_ARN", missing);
            require(p.ingestLogGroup(), "OMREST_PIPELINE_SERVICE_INGEST_LOG_GROUP", missing);
        }
        return missing;
    }

    private static void require(Optional<String> value, String name, List<String> missing) {
        if (value.isEmpty() || value.get().isBlank()) {
            missing.add(name);
        }
    }

    URI server() {
        return URI.create(config.pipelineService().openmetadataUrl().orElseThrow());
    }

    /** The bot's JWT: the secret's text, or its {@code jwtToken} member when it holds JSON. */
    Secret botJwt() {
        String reference = "secretsmanager:" + config.pipelineService().botJwtSecret().orElseThrow();
        Secret whole = secrets.resolve(reference, "the bot JWT secret");
        return whole.reveal().startsWith("{") ? secrets.resolve(reference + "#jwtToken", "the bot JWT secret's jwtToken")
                : whole;
    }

    BotCalls bot(Secret jwt) {
        return BotCalls.open(server(), jwt, PayloadReaders.reach(config), clock, BOT_CALLS);
    }

    BotCalls quickBot(Secret jwt) {
        return BotCalls.open(server(), jwt, PayloadReaders.reach(config), clock, QUICK_BOT_CALLS);
    }

    Credentials credentials() {
        String reference = "secretsmanager:" + config.pipelineService().credentialsSecret().orElseThrow();
        return new Credentials(secrets.resolve(reference + "#username", "the credentials secret's username").reveal(),
                secrets.resolve(reference + "#password", "the credentials secret's password").reveal());
    }

    /** Forgets the secrets read and the client that read them (tests change secrets and endpoints between calls). */
    static void forgetSecrets() {
        secretStore = newSecretStore();
    }

    private static CachingSecretStore newSecretStore() {
        return new CachingSecretStore(new AwsSecretStore(), Clock.systemUTC(), SECRET_TTL);
    }
}
