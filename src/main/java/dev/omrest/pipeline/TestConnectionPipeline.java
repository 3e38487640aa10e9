package dev.omrest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.ConnectionCheckSettings;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SinkTarget;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParseException;
import dev.omrest.parse.SpecParser;
import dev.omrest.report.ServerCheck;
import dev.omrest.report.TestConnectionResult;
import dev.omrest.report.TestConnectionResult.Step;
import dev.omrest.source.FetchLimits;
import dev.omrest.source.RawSpec;
import dev.omrest.source.SpecFetchException;
import dev.omrest.source.SpecSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Upstream's test connection ({@code Rest.testConnectionDefinition}): {@code CheckURL}, then
 * {@code CheckSchema}, both mandatory and short-circuiting; plus {@code CheckOpenMetadataServer} when
 * the payload names a server. The payload is the ingest payload; only the connection is required.
 */
public final class TestConnectionPipeline {
    static final String CHECK_URL = "CheckURL";
    static final String CHECK_SCHEMA = "CheckSchema";
    static final String CHECK_SERVER = "CheckOpenMetadataServer";
    /** What the server check keeps of the deadline: a version call and a service lookup, each with one retry. */
    static final Duration SERVER_CHECK_SHARE = Duration.ofSeconds(30);
    private static final ExecutorService STEPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final PayloadReader payloads;
    private final FetchLimits limits;
    private final BiFunction<SinkTarget.OpenMetadata, String, ServerCheck> serverCheck;
    private final Duration deadline;

    /**
     * @param serverCheck checks reachability, version and token of a server (given the service name, may be null)
     * @param deadline    the whole test connection ends within this, whatever the servers do (keep it below the
     *                    Lambda timeout): the spec's steps get it less {@link #SERVER_CHECK_SHARE} when a server is checked
     */
    public TestConnectionPipeline(PayloadReader payloads, FetchLimits limits,
                                  BiFunction<SinkTarget.OpenMetadata, String, ServerCheck> serverCheck, Duration deadline) {
        this.payloads = payloads;
        this.limits = limits;
        this.serverCheck = serverCheck;
        this.deadline = deadline;
    }

    /** @throws InvalidPayloadException when the payload does not describe a connection */
    public TestConnectionResult run(JsonNode payload) {
        return run(payload, running -> { });
    }

    /**
     * Like {@link #run(JsonNode)}, telling {@code progress} the steps so far ({@code Running}) after each one, as
     * upstream's runner patches its Workflow.
     */
    public TestConnectionResult run(JsonNode payload, Consumer<TestConnectionResult> progress) {
        ConnectionCheckSettings settings = payloads.connectionCheckSettings(payload);
        long end = System.nanoTime() + deadline.toNanos();
        Duration serverShare = settings.server() == null ? Duration.ZERO
                : SERVER_CHECK_SHARE.compareTo(deadline.dividedBy(2)) < 0 ? SERVER_CHECK_SHARE : deadline.dividedBy(2);
        List<Step> steps = java.util.Collections.synchronizedList(new ArrayList<>() {
            @Override
            public boolean add(Step step) {
                boolean added = super.add(step);
                progress.accept(new TestConnectionResult(System.currentTimeMillis(), TestConnectionResult.RUNNING,
                        List.copyOf(this)));
                return added;
            }
        });
        AtomicReference<String> current = new AtomicReference<>(CHECK_URL);
        Outcome spec = within(end - serverShare.toNanos(), current, steps, () -> checkSpec(settings, steps, current));
        if (!spec.passed() || settings.server() == null) {
            return result(spec.steps());
        }
        current.set(CHECK_SERVER);
        return result(within(end, current, steps, () -> {
            ServerCheck check = serverCheck.apply(settings.server(), settings.serviceName());
            steps.add(check.passed() ? Step.passed(CHECK_SERVER, check.detail())
                    : Step.failed(CHECK_SERVER, failureMessage(CHECK_SERVER), check.detail()));
            return check.passed();
        }).steps());
    }

    /** Whether the steps run so far passed, and the steps as the answer shows them. */
    private record Outcome(boolean passed, List<Step> steps) {
    }

    /** Upstream's two mandatory steps; false when one failed. */
    private boolean checkSpec(ConnectionCheckSettings settings, List<Step> steps, AtomicReference<String> current) {
        SpecSource source = new SpecSource(limits);
        RawSpec raw;
        try {
            raw = source.fetch(settings.spec());
            steps.add(Step.passed(CHECK_URL, "Read " + raw.body().length + " bytes from " + raw.origin()));
        } catch (SpecFetchException e) {
            steps.add(Step.failed(CHECK_URL, failureMessage(CHECK_URL), e.getMessage()));
            return false;
        }
        current.set(CHECK_SCHEMA);
        try {
            ParsedSpec parsed = new SpecParser(limits, SpecSource.accessOf(settings.spec()), source).parse(raw);
            int paths = parsed.pathKeyOrder().size();
            int operations = parsed.operationCount();
            steps.add(Step.passed(CHECK_SCHEMA, "OpenAPI " + parsed.openApi().getOpenapi() + " document with "
                    + paths + " paths and " + operations + " operations"));
            return true;
        } catch (SpecParseException e) {
            steps.add(Step.failed(CHECK_SCHEMA, failureMessage(CHECK_SCHEMA), e.getMessage()));
            return false;
        }
    }

    /**
     * Runs steps on a worker until {@code endNanos}. When time is up the worker is interrupted (a fetch cancels its
     * exchange, a YAML parse stops), its later steps are ignored, and the step in progress fails saying so.
     */
    private Outcome within(long endNanos, AtomicReference<String> current, List<Step> steps, Callable<Boolean> work) {
        Future<Boolean> future = STEPS.submit(work);
        try {
            boolean passed = future.get(Math.max(1, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Outcome(passed, snapshot(steps));
        } catch (TimeoutException e) {
            future.cancel(true);
            List<Step> answered = snapshot(steps);
            String step = current.get();
            answered.removeIf(s -> s.name().equals(step));
            answered.add(Step.failed(step, failureMessage(step),
                    "not done within the test connection's time limit of " + deadline.toSeconds() + " s"));
            return new Outcome(false, answered);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while testing the connection", e);
        }
    }

    /** Upstream's message for a failed step (its errorLog says why). */
    private static String failureMessage(String step) {
        return switch (step) {
            case CHECK_SERVER -> "Failed to reach OpenMetadata with the given hostPort and JWT token";
            case CHECK_SCHEMA -> "Failed to validate the schema with OpenAPI. please validate the config";
            default -> "Failed to validate the url, please check the url";
        };
    }

    private static List<Step> snapshot(List<Step> steps) {
        synchronized (steps) {
            return new ArrayList<>(steps);
        }
    }

    private static TestConnectionResult result(List<Step> steps) {
        boolean passed = steps.stream().allMatch(s -> s.passed() || !s.mandatory());
        return new TestConnectionResult(System.currentTimeMillis(),
                passed ? TestConnectionResult.SUCCESSFUL : TestConnectionResult.FAILED, List.copyOf(steps));
    }
}
