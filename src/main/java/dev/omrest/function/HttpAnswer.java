package dev.omrest.function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** A Lambda function URL (payload format 2.0) response; null members are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpAnswer(int statusCode, Map<String, String> headers, String body,
                         @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, Map.of("Content-Type", "application/json"), body, false);
    }
}
