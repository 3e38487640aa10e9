package dev.omrest.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.pipeline.TestConnectionPipeline;
import dev.omrest.report.TestConnectionResult;
import dev.omrest.source.FetchLimits;
import dev.omrest.openmetadata.OpenMetadataProbe;
import dev.omrest.report.RunLog;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Test connection, as a plain function ({@code testConnection}: payload in, TestConnectionResult out) and
 * behind a Lambda function URL ({@code testConnectionHttp}: HTTP event in, HTTP response out).
 */
public class TestConnectionFunction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(TestConnectionFunction.class);

    @Inject
    FunctionConfig config;

    /**
     * Invoked through IAM by the deployment's operators: the deployment's secret references and files.
     *
     * @throws InvalidPayloadException (an invocation error naming the fields) when the payload has no usable connection
     */
    @Funq
    public TestConnectionResult testConnection(JsonNode payload) {
        return pipeline(PayloadReaders.deployment(config), PayloadReaders.deploymentLimits(config)).run(payload);
    }

    /**
     * Reached over HTTP by any caller the function URL admits: only the secret references, files and S3 endpoints the
     * deployment lists ({@code omrest.http.*}). 200 with the result (whether the connection passed or not), 400 for a
     * body that is not a usable payload.
     */
    @Funq
    public HttpAnswer testConnectionHttp(APIGatewayV2HTTPEvent event) throws JsonProcessingException {
        String body = event == null ? null : event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return problem("the request body is marked base64-encoded but is not valid base64");
            }
        }
        if (body == null || body.isBlank()) {
            return problem("the request body must be the connection payload (JSON)");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return problem("the request body is not JSON: " + e.getOriginalMessage());
        }
        try {
            TestConnectionPipeline pipeline = pipeline(PayloadReaders.caller(config), PayloadReaders.callerLimits(config));
            return HttpAnswer.json(200, JSON.writeValueAsString(pipeline.run(payload)));
        } catch (InvalidPayloadException e) {
            ObjectNode answer = JSON.createObjectNode().put("message", e.getMessage());
            e.problems().forEach(answer.putArray("problems")::add);
            return HttpAnswer.json(400, answer.toString());
        } catch (RuntimeException e) {
            // the frames, not the messages: they may quote what an outside caller sent
            LOG.error("testConnectionHttp failed unexpectedly", RunLog.redacted(e, false));
            return HttpAnswer.json(500, JSON.createObjectNode().put("message",
                    "Test connection failed unexpectedly: " + e.getClass().getSimpleName()).toString());
        }
    }

    private TestConnectionPipeline pipeline(PayloadReader payloads, FetchLimits limits) {
        return new TestConnectionPipeline(payloads, limits,
                (server, name) -> OpenMetadataProbe.check(server, name, PayloadReaders.reach(config)), config.testConnection().deadline());
    }

    private static HttpAnswer problem(String message) {
        return HttpAnswer.json(400, JSON.createObjectNode().put("message", message).toString());
    }
}
