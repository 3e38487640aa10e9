package dev.omrest.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.omrest.openmetadata.OpenMetadataException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/** Runs REST client calls, counts them, and turns answers into JSON or a readable failure. */
final class ServerCalls {
    private final String server;
    private int count;

    ServerCalls(String server) {
        this.server = server;
    }

    int count() {
        return count;
    }

    /** The call's answer; a transport failure becomes status 0 with the reason as message. */
    Answer call(Supplier<Response> call) {
        count++;
        try (Response response = call.get()) {
            JsonNode body = MissingNode.getInstance();
            if (response.hasEntity()) {
                try {
                    body = response.readEntity(JsonNode.class);
                } catch (RuntimeException e) {
                    body = MissingNode.getInstance();
                }
            }
            return new Answer(response.getStatus(), body == null ? MissingNode.getInstance() : body);
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Answer(0, MissingNode.getInstance(), "cannot reach OpenMetadata at " + server + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
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

    record Answer(int status, JsonNode body, String transportError) {
        Answer(int status, JsonNode body) {
            this(status, body, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
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
