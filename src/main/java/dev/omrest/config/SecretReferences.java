package dev.omrest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.function.Function;

/**
 * Secret values in a payload may be references resolved at run time, so schedules never carry credentials:
 * {@code env:NAME}, {@code secretsmanager:<name or ARN>[#json-key]}, {@code ssm:<parameter name>}.
 * Anything else is taken literally. Problems name the field and the reference, never a value.
 */
public final class SecretReferences {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, String> environment;
    private final SecretStore store;

    public SecretReferences(Function<String, String> environment, SecretStore store) {
        this.environment = environment;
        this.store = store;
    }

    /** Environment references only. */
    public static SecretReferences environmentOnly() {
        return new SecretReferences(System::getenv, SecretStore.NONE);
    }

    Secret resolve(String raw, String field, PayloadFields problems) {
        if (raw == null) {
            return null;
        }
        try {
            if (raw.startsWith("env:")) {
                return required(environment.apply(raw.substring(4)), field, "environment variable " + raw.substring(4), problems);
            }
            if (raw.startsWith("ssm:")) {
                return required(store.parameter(raw.substring(4)), field, "SSM parameter " + raw.substring(4), problems);
            }
            if (raw.startsWith("secretsmanager:")) {
                String reference = raw.substring("secretsmanager:".length());
                int hash = reference.lastIndexOf('#');
                String id = hash < 0 ? reference : reference.substring(0, hash);
                String value = store.secretsManager(id);
                if (hash >= 0 && value != null) {
                    String key = reference.substring(hash + 1);
                    JsonNode node = JSON.readTree(value).path(key);
                    if (!node.isValueNode()) {
                        problems.problem(field + " refers to key " + key + " of secret " + id + ", which the secret does not have");
                        return null;
                    }
                    value = node.asText();
                }
                return required(value, field, "secret " + id, problems);
            }
            return Secret.of(raw);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.problem(field + " could not be resolved (" + raw.substring(0, raw.indexOf(':') + 1) + " reference): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
            return null;
        }
    }

    private static Secret required(String value, String field, String what, PayloadFields problems) {
        if (value == null || value.isEmpty()) {
            problems.problem(field + " refers to " + what + ", which is not set");
            return null;
        }
        return Secret.of(value);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
