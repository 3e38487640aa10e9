package dev.omrest.openmetadata;

import dev.omrest.budget.RunBudget;
import dev.omrest.support.MovableClock;
import dev.omrest.support.StubResponse;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries, Retry-After and the run's budget, on a clock the test moves: no test here waits for time to pass, but the
 * two whose server never answers (in time), which wait 300 ms of real time for the budget and its grace to run out.
 */
class ServerCallsTest {
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10),
            Duration.ofMinutes(14));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));

    /** Answers in turn; the last one again once the others are used up. */
    private static Supplier<Response> answers(AtomicInteger calls, StubResponse... responses) {
        Deque<StubResponse> left = new ArrayDeque<>(List.of(responses));
        return () -> {
            calls.incrementAndGet();
            return left.size() > 1 ? left.poll() : left.peek();
        };
    }

    private ServerCalls calls(Duration budget) {
        return new ServerCalls("http://om/api", POLICY, RunBudget.of(clock, budget), clock.pause(), bound -> 0);
    }

    @Test
    void retryAfterIsWaitedBeforeTheNextAttempt() {
        AtomicInteger sent = new AtomicInteger();
        ServerCalls calls = calls(Duration.ofMinutes(14));
        ServerCalls.Answer answer = calls.write(answers(sent,
                new StubResponse(429, "{\"message\": \"slow down\"}", Map.of("Retry-After", "3")),
                StubResponse.json(200, "{\"id\": \"e1\"}")));
        assertEquals(200, answer.status());
        assertEquals(List.of(3000L), clock.pauses(), "the server's Retry-After, longer than the backoff's 100-200 ms");
        assertEquals(2, sent.get());
        assertEquals(2, calls.count());
        assertEquals(1, calls.retries());
    }

    @Test
    void aRetryAfterLongerThanTheLargestDelayWaitsTheLargestDelay() {
        AtomicInteger sent = new AtomicInteger();
        ServerCalls.Answer answer = calls(Duration.ofMinutes(14)).call(answers(sent,
                new StubResponse(503, null, Map.of("Retry-After", "600")), StubResponse.json(200, "{}")));
        assertEquals(200, answer.status());
        assertEquals(List.of(10_000L), clock.pauses(), "capped at omrest.retry.max-delay, as the README says");
    }

    @Test
    void backoffDoublesFromTheBaseDelayAndRetriesStopAtTheLimit() {
        AtomicInteger sent = new AtomicInteger();
        ServerCalls calls = calls(Duration.ofMinutes(14));
        ServerCalls.Answer answer = calls.call(answers(sent, StubResponse.json(502, "{\"message\": \"bad gateway\"}")));
        assertEquals(502, answer.status());
        assertEquals("HTTP 502: bad gateway", answer.problem());
        // equal jitter with the random half at 0: half of 200, 400, 800, 1600, 3200 ms
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L), clock.pauses());
        assertEquals(6, sent.get());
        assertEquals(5, calls.retries());
    }

    @Test
    void noRetryIsScheduledThatCouldNotStartBeforeTheDeadline() {
        AtomicInteger sent = new AtomicInteger();
        ServerCalls calls = calls(Duration.ofMillis(1000));
        ServerCalls.Answer answer = calls.call(answers(sent, StubResponse.json(503, "{}")));
        assertEquals(503, answer.status());
        // 100 + 200 + 400 = 700 ms waited; the next wait (800 ms) would end past the 1 s budget
        assertEquals(List.of(100L, 200L, 400L), clock.pauses());
        assertEquals(4, sent.get());
    }

    @Test
    void aSpentBudgetSendsNothing() {
        AtomicInteger sent = new AtomicInteger();
        ServerCalls calls = calls(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        ServerCalls.Answer answer = calls.write(answers(sent, StubResponse.json(200, "{}")));
        assertEquals(0, answer.status());
        assertEquals("the run's deadline passed before the call to OpenMetadata at http://om/api was sent", answer.problem());
        assertFalse(answer.sent());
        assertEquals(0, sent.get());
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAtTheDeadlineAndItsGrace() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        java.time.Clock real = java.time.Clock.systemUTC();
        ServerCalls calls = new ServerCalls("http://om/api", POLICY, new RunBudget(real, real.instant().plusMillis(200),
                Duration.ofMillis(100)));
        long started = System.nanoTime();
        ServerCalls.Answer answer = calls.call(() -> {
            try {
                never.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StubResponse.json(200, "{}");
        });
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        never.countDown();
        assertEquals(0, answer.status());
        assertEquals("no answer from OpenMetadata at http://om/api before the run's deadline", answer.problem());
        assertEquals(0, calls.retries(), "no retry once the budget is spent");
        assertTrue(waited < 5_000, "given up at the deadline, not at the client's 120 s timeout: " + waited + " ms");
    }

    @Test
    void aCallInFlightAtTheDeadlineIsWaitedForThroughTheGrace() {
        ServerCalls calls = calls(Duration.ofSeconds(1));
        ServerCalls.Answer answer = calls.write(() -> {
            clock.advance(Duration.ofSeconds(5)); // the server answers 4 s after the deadline, within the 15 s grace
            return StubResponse.json(200, "{\"id\": \"e1\"}");
        });
        assertTrue(answer.ok(), answer.toString());
    }

    @Test
    void aCallNotSentBecauseOfTheDeadlineSaysSo() {
        ServerCalls calls = calls(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        ServerCalls.Answer answer = calls.write(() -> StubResponse.json(200, "{}"));
        assertFalse(answer.sent());
        assertEquals(0, calls.count());
    }

    @Test
    void anAnswerThatComesAfterTheRunGaveUpIsStillClosed() throws InterruptedException {
        CountDownLatch late = new CountDownLatch(1);
        StubResponse response = StubResponse.json(200, "{}");
        java.time.Clock real = java.time.Clock.systemUTC();
        ServerCalls calls = new ServerCalls("http://om/api", POLICY, new RunBudget(real, real.instant().plusMillis(200),
                Duration.ofMillis(100)));
        assertEquals(0, calls.call(() -> {
            try {
                late.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return response;
        }).status());
        late.countDown();
        for (int i = 0; i < 100 && !response.closed(); i++) {
            Thread.sleep(10);
        }
        assertTrue(response.closed(), "a late answer holds no connection");
    }

    @Test
    void whatARunDoesAfterItsCallsGetsItsOwnShortBudget() {
        RunBudget run = RunBudget.of(clock, Duration.ofMinutes(14));
        RunBudget afterwards = run.afterwards(Duration.ofSeconds(10));
        assertEquals(run.deadline().plus(RunBudget.IN_FLIGHT_GRACE).plusSeconds(10), afterwards.deadline());
        assertEquals(Duration.ZERO, afterwards.grace());
        clock.advance(Duration.ofMinutes(14).plus(RunBudget.IN_FLIGHT_GRACE).plusSeconds(9));
        assertTrue(run.expired());
        assertFalse(afterwards.expired(), "the pipeline status can still be recorded");
    }

    @Test
    void aTwoHundredThatIsNotJsonFailsAReadButNotAWrite() {
        AtomicInteger sent = new AtomicInteger();
        StubResponse html = new StubResponse(200, "<html>proxy</html>", Map.of());
        assertEquals("the answer of OpenMetadata at http://om/api could not be read as JSON",
                calls(Duration.ofMinutes(1)).call(answers(sent, html)).problem());
        assertTrue(calls(Duration.ofMinutes(1)).write(answers(sent, new StubResponse(200, "<html>proxy</html>", Map.of()))).ok());
        assertTrue(html.closed(), "every answer is closed");
    }
}
