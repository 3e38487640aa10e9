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

import java.util.ArrayList;
import java.util.List;
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
    private final PayloadReader payloads;
    private final FetchLimits limits;
    private final BiFunction<SinkTarget.OpenMetadata, String, ServerCheck> serverCheck;

    /** @param serverCheck checks reachability, version and token of a server (given the service name, may be null) */
    public TestConnectionPipeline(PayloadReader payloads, FetchLimits limits,
                                  BiFunction<SinkTarget.OpenMetadata, String, ServerCheck> serverCheck) {
        this.payloads = payloads;
        this.limits = limits;
        this.serverCheck = serverCheck;
    }

    /** @throws InvalidPayloadException when the payload does not describe a connection */
    public TestConnectionResult run(JsonNode payload) {
        ConnectionCheckSettings settings = payloads.connectionCheckSettings(payload);
        List<Step> steps = new ArrayList<>();
        SpecSource source = new SpecSource(limits);
        RawSpec raw;
        try {
            raw = source.fetch(settings.spec());
            steps.add(Step.passed(CHECK_URL, "Read " + raw.body().length + " bytes from " + raw.origin()));
        } catch (SpecFetchException e) {
            steps.add(Step.failed(CHECK_URL, "Failed to validate the url, please check the url", e.getMessage()));
            return result(steps);
        }
        try {
            ParsedSpec parsed = new SpecParser(limits, SpecSource.accessOf(settings.spec()), source).parse(raw);
            int paths = parsed.pathKeyOrder().size();
            int operations = parsed.operationCount();
            steps.add(Step.passed(CHECK_SCHEMA, "OpenAPI " + parsed.openApi().getOpenapi() + " document with "
                    + paths + " paths and " + operations + " operations"));
        } catch (SpecParseException e) {
            steps.add(Step.failed(CHECK_SCHEMA, "Failed to validate the schema with OpenAPI. please validate the config",
                    e.getMessage()));
            return result(steps);
        }
        if (settings.server() != null) {
            ServerCheck check = serverCheck.apply(settings.server(), settings.serviceName());
            steps.add(check.passed() ? Step.passed(CHECK_SERVER, check.detail())
                    : Step.failed(CHECK_SERVER, "Failed to reach OpenMetadata with the given hostPort and JWT token", check.detail()));
        }
        return result(steps);
    }

    private static TestConnectionResult result(List<Step> steps) {
        boolean passed = steps.stream().allMatch(s -> s.passed() || !s.mandatory());
        return new TestConnectionResult(System.currentTimeMillis(),
                passed ? TestConnectionResult.SUCCESSFUL : TestConnectionResult.FAILED, List.copyOf(steps));
    }
}
