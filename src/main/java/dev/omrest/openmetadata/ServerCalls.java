package dev.omrest.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.omrest.openmetadata.OpenMetadataException;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs REST client calls with retries (SmallRye Fault Tolerance), counts every attempt, and turns
 * answers into JSON or a readable failure. Every call the connector makes is an idempotent upsert,
 * read or soft delete, so a call whose answer was lost can be sent again.
 */
final class ServerCalls {
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    /** The largest answer read (after decompression): a listing page of 1,000 entities is a few MB. */
    static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String server;
    private final Guard guard;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    ServerCalls(String server, WriteSettings.RetryPolicy policy) {
        this.server = server;
        this.guard = Guard.create()
                .withRetry()
                .maxRetries(policy.maxRetries())
                .maxDuration(policy.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .retryOn(RetryableAnswer.class)
                .beforeRetry(retries::incrementAndGet)
                .withCustomBackoff().strategy(() -> new Backoff(policy)).done()
                .done()
                .build();
    }

    int count() {
        return attempts.get();
    }

    int retries() {
        return retries.get();
    }

    /** The call's answer after retries; a transport failure is status 0 with the reason as message. */
    Answer call(Supplier<Response> call) {
        return call(call, capped(JSON::readTree), true);
    }

    /** Like {@link #call}, for a write: the answer's body is read for its outcome alone ({@link JsonBodies#outcome}). */
    Answer write(Supplier<Response> call) {
        return call(call, capped(JsonBodies::outcome), false);
    }

    /** How an answer's body becomes JSON. */
    @FunctionalInterface
    private interface BodyReader {
        JsonNode read(InputStream body) throws IOException;
    }

    /** The body read through {@link CappedStream}: a server that streams without end cannot exhaust the heap. */
    private static Function<Response, JsonNode> capped(BodyReader reader) {
        return response -> {
            try (InputStream body = CappedStream.of(response.readEntity(InputStream.class), MAX_ANSWER_BYTES)) {
                return reader.read(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** @param mustRead whether a 2xx answer that is not JSON fails the call (reads) or not (writes: the status says it all) */
    private Answer call(Supplier<Response> call, Function<Response, JsonNode> body, boolean mustRead) {
        try {
            return guard.get(() -> attempt(call, body, mustRead), Answer.class);
        } catch (RetryableAnswer exhausted) {
            return exhausted.answer();
        }
    }

    /** Like {@link #call} but the run cannot go on without a 2xx answer. */
    Answer require(String what, Supplier<Response> call) {
        Answer answer = call(call);
        if (!answer.ok()) {
            throw new OpenMetadataException(answer.status(), what + " failed: " + answer.problem());
        }
        return answer;
    }

    private Answer attempt(Supplier<Response> call, Function<Response, JsonNode> readBody, boolean mustRead) {
        attempts.incrementAndGet();
        Answer answer;
        long retryAfterMillis = 0;
        try (Response response = call.get()) {
            JsonNode body = MissingNode.getInstance();
            String unread = null;
            if (response.hasEntity()) {
                try {
                    body = readBody.apply(response);
                } catch (RuntimeException e) {
                    boolean tooLarge = e.getCause() instanceof CappedStream.TooLarge;
                    // a 2xx answer the run must read and cannot is no success (a listing read as empty would plan wrong)
                    if (response.getStatus() / 100 == 2 && (tooLarge || mustRead)) {
                        unread = "the answer of OpenMetadata at " + server + (tooLarge ? " " + e.getCause().getMessage()
                                : " could not be read as JSON");
                    }
                    body = MissingNode.getInstance();
                }
            }
            answer = new Answer(response.getStatus(), body == null ? MissingNode.getInstance() : body, unread);
            retryAfterMillis = retryAfterMillis(response.getHeaderString("Retry-After"));
        } catch (RuntimeException e) {
            // the REST client answers with a Response for every HTTP status, so anything thrown is a transport failure
            // (ProcessingException, or Vert.x's own exceptions such as a pooled connection the server had closed)
            Throwable cause = e instanceof ProcessingException && e.getCause() != null ? e.getCause() : e;
            answer = new Answer(0, MissingNode.getInstance(), "cannot reach OpenMetadata at " + server + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        if (answer.status() == 0 || RETRYABLE.contains(answer.status())) {
            throw new RetryableAnswer(answer, retryAfterMillis);
        }
        return answer;
    }

    private static long retryAfterMillis(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 0; // an HTTP date: the backoff alone decides
        }
    }

    record Answer(int status, JsonNode body, String transportError) {
        Answer(int status, JsonNode body) {
            this(status, body, null);
        }

        /** A 2xx answer that could be read (one over the size cap could not). */
        boolean ok() {
            return status >= 200 && status < 300 && transportError == null;
        }

        String problem() {
            if (transportError != null) {
                return transportError;
            }
            String message = body.path("message").asText("");
            String hint = status == 401 ? " (check workflowConfig.openMetadataServerConfig.securityConfig.jwtToken)" : "";
            return "HTTP " + status + (message.isEmpty() ? "" : ": " + message) + hint;
        }
    }
}
