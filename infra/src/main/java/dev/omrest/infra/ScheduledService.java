package dev.omrest.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of the services file: an EventBridge schedule that invokes {@code ingest} with {@code payload}
 * as the event.
 *
 * @param name               construct id and rule name part; letters, digits, '-' and '_'
 * @param schedule           EventBridge schedule expression, {@code rate(...)} or {@code cron(...)}
 * @param enabled            rule state; a disabled rule is deployed but never fires
 * @param retryAttempts      EventBridge retries when it cannot invoke the function (0–185)
 * @param maxEventAgeSeconds how long EventBridge keeps retrying (60–86400)
 * @param payload            the connection payload (upstream workflow config), sent unchanged as the event
 * @param access             what the payload references (secrets, parameters, S3 objects, env vars, files)
 */
public record ScheduledService(
        String name,
        String schedule,
        boolean enabled,
        int retryAttempts,
        int maxEventAgeSeconds,
        ObjectNode payload,
        AccessNeeds access) {
}
