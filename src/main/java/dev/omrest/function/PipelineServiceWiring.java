package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.config.Secret;
import dev.omrest.config.SecretStore;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.orchestrator.Credentials;
import dev.omrest.secrets.AwsSecretStore;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> SECRETS = new ConcurrentHashMap<>();

    private record Cached(String value, Instant until) {
    }

    private final FunctionConfig config;
    private final SecretStore secrets;
    private final Clock clock;

    PipelineServiceWiring(FunctionConfig config, SecretStore secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    static PipelineServiceWiring of(FunctionConfig config, Clock clock) {
        return new PipelineServiceWiring(config, new AwsSecretStore(), clock);
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
        String value = secret(config.pipelineService().botJwtSecret().orElseThrow()).strip();
        if (value.startsWith("{")) {
            value = member(value, "jwtToken", "the bot JWT secret");
        }
        return Secret.of(value);
    }

    BotCalls bot(Secret jwt) {
        return BotCalls.open(server(), jwt, PayloadReaders.reach(config), clock, BOT_CALLS);
    }

    BotCalls quickBot(Secret jwt) {
        return BotCalls.open(server(), jwt, PayloadReaders.reach(config), clock, QUICK_BOT_CALLS);
    }

    Credentials credentials() {
        String value = secret(config.pipelineService().credentialsSecret().orElseThrow());
        return new Credentials(member(value, "username", "the credentials secret"),
                member(value, "password", "the credentials secret"));
    }

    /** A Secrets Manager value, read at most once per {@link #SECRET_TTL} in this environment. */
    private String secret(String id) {
        Instant now = clock.instant();
        Cached cached = SECRETS.get(id);
        if (cached == null || now.isAfter(cached.until())) {
            cached = new Cached(secrets.secretsManager(id), now.plus(SECRET_TTL));
            SECRETS.put(id, cached);
        }
        return cached.value();
    }

    /** Forgets the secrets read (tests change them between calls). */
    static void forgetSecrets() {
        SECRETS.clear();
    }

    private static String member(String json, String name, String what) {
        try {
            JsonNode node = JSON.readTree(json).get(name);
            if (node == null || !node.isTextual() || node.asText().isEmpty()) {
                throw new IllegalStateException(what + " has no " + name);
            }
            return node.asText();
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not JSON");
        }
    }
}
