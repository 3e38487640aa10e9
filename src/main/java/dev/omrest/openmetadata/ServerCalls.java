package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.omrest.budget.Pause;
import dev.omrest.budget.RunBudget;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Runs REST client calls with retries, counts every attempt, and turns answers into JSON or a readable failure. Every
 * call the connector makes is an idempotent upsert, read or soft delete, so a call whose answer was lost can be sent
 * again.
 *
 * <p>Every attempt and every wait between attempts comes out of the run's {@link RunBudget}: no attempt starts after
 * its deadline, no retry is scheduled that could not start before it, and an attempt in flight is waited for until the
 * grace after the deadline, then given up. (A fault-tolerance library fixes a retry's maximum duration when its guard
 * is built and sleeps on its own timer; the budget shrinks with every call and tests drive it with a clock, so the loop
 * is this class's own, and SmallRye Fault Tolerance is no longer a dependency.)
 */
public final class ServerCalls {
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    /** The largest answer read (after decompression): a listing page of 1,000 entities is a few MB. */
    public static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String server;
    private final RetryPolicy policy;
    private final RunBudget budget;
    private final Pause pause;
    private final LongUnaryOperator jitter;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    public ServerCalls(String server, RetryPolicy policy, RunBudget budget) {
        this(server, policy, budget, Pause.SLEEP, bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    ServerCalls(String server, RetryPolicy policy, RunBudget budget, Pause pause, LongUnaryOperator jitter) {
        this.server = server;
        this.policy = policy;
        this.budget = budget;
        this.pause = pause;
        this.jitter = jitter;
    }

    public int count() {
        return attempts.get();
    }

    public int retries() {
        return retries.get();
    }

    /** The call's answer after retries; a transport failure is status 0 with the reason as message. */
    public Answer call(Supplier<Response> call) {
        return call(call, capped(JSON::readTree), true);
    }

    /** Like {@link #call}, for a write: the answer's body is read for its outcome alone ({@link JsonBodies#outcome}). */
    public Answer write(Supplier<Response> call) {
        return call(call, capped(JsonBodies::outcome), false);
    }

    /** Like {@link #call} but the run cannot go on without a 2xx answer. */
    public Answer require(String what, Supplier<Response> call) {
        Answer answer = call(call);
        if (!answer.ok()) {
            throw new OpenMetadataException(answer.status(), what + " failed: " + answer.problem());
        }
        return answer;
    }

    /**
     * Like {@link #require}, with the body read by {@code reader}: for a large answer of which the caller needs a few
     * fields, kept while it streams by.
     */
    Answer require(String what, Supplier<Response> call, BodyReader reader) {
        Answer answer = call(call, capped(reader), true);
        if (!answer.ok()) {
            throw new OpenMetadataException(answer.status(), what + " failed: " + answer.problem());
        }
        return answer;
    }

    /** How an answer's body becomes JSON. */
    @FunctionalInterface
    interface BodyReader {
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
        Backoff backoff = new Backoff(policy, jitter);
        Instant retriesEnd = budget.clock().instant().plus(policy.maxDuration());
        for (int attempt = 0; ; attempt++) {
            if (budget.expired()) {
                String why = budget.stop().requested() ? "the run was stopped" : "the run's deadline passed";
                return attempt == 0 ? Answer.notSent(why + " before the call to OpenMetadata at " + server + " was sent")
                        : Answer.unanswered(why + " before OpenMetadata at " + server + " answered");
            }
            RetryableAnswer outcome = attempt(call, body, mustRead);
            if (!outcome.retryable() || attempt >= policy.maxRetries()) {
                return outcome.answer();
            }
            long delay = backoff.nextDelayMillis(outcome.retryAfterMillis());
            Instant next = budget.clock().instant().plusMillis(delay);
            if (!next.isBefore(budget.deadline()) || next.isAfter(retriesEnd)) {
                return outcome.answer(); // a retry could not start in time: the last answer is the call's
            }
            retries.incrementAndGet();
            try {
                pause.millis(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome.answer();
            }
        }
    }

    /** One attempt, waited for no longer than the run has left (its deadline and the grace after it). */
    private RetryableAnswer attempt(Supplier<Response> call, Function<Response, JsonNode> readBody, boolean mustRead) {
        attempts.incrementAndGet();
        if (budget.unlimited()) {
            return answer(call, readBody, mustRead);
        }
        CompletableFuture<RetryableAnswer> pending = CompletableFuture.supplyAsync(() -> answer(call, readBody, mustRead),
                Attempts.POOL);
        try {
            return pending.get(Math.max(1, budget.answerWait().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the attempt goes on until the client's own timeout or the client is closed at the end of the run;
            // its answer, if one comes, is not the run's any more
            return new RetryableAnswer(Answer.unanswered("no answer from OpenMetadata at " + server
                    + " before the run's deadline"), false, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetryableAnswer(Answer.unanswered("interrupted while waiting for OpenMetadata at " + server), false, 0);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // as on the caller's own thread (an out-of-memory, a test's failed assertion)
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private RetryableAnswer answer(Supplier<Response> call, Function<Response, JsonNode> readBody, boolean mustRead) {
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
            answer = Answer.unanswered("cannot reach OpenMetadata at " + server + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        return new RetryableAnswer(answer, answer.status() == 0 || RETRYABLE.contains(answer.status()), retryAfterMillis);
    }

    /** Retry-After in seconds; an HTTP date is left to the backoff alone. */
    private static long retryAfterMillis(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Threads the attempts of runs with a deadline run on, so the caller can stop waiting; idle ones end after a minute. */
    private static final class Attempts {
        static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "openmetadata-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param sent false when the call was never sent because the run's deadline had passed: its entities are not
     *             written, as if the run had stopped before them ({@code skipped}), rather than failed
     */
    public record Answer(int status, JsonNode body, String transportError, boolean sent) {
        public Answer(int status, JsonNode body) {
            this(status, body, null, true);
        }

        public Answer(int status, JsonNode body, String transportError) {
            this(status, body, transportError, true);
        }

        /** No answer: status 0, the reason as the problem. */
        static Answer unanswered(String reason) {
            return new Answer(0, MissingNode.getInstance(), reason);
        }

        /** Not sent: the deadline had passed. */
        public static Answer notSent(String reason) {
            return new Answer(0, MissingNode.getInstance(), reason, false);
        }

        /** A 2xx answer that could be read (one over the size cap could not). */
        public boolean ok() {
            return status >= 200 && status < 300 && transportError == null;
        }

        public String problem() {
            if (transportError != null) {
                return transportError;
            }
            String message = body.path("message").asText("");
            String hint = status == 401 ? " (check workflowConfig.openMetadataServerConfig.securityConfig.jwtToken)" : "";
            return "HTTP " + status + (message.isEmpty() ? "" : ": " + message) + hint;
        }
    }
}
