package dev.omrest.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.function.Function;

/**
 * Secret values in a payload may be references resolved at run time, so schedules never carry credentials:
 * {@code env:NAME}, {@code secretsmanager:<name or ARN>[#json-key]}, {@code ssm:<parameter name>}.
 * Anything else is taken literally. Which references resolve is the {@link PayloadTrust}'s to say. Problems name the
 * field and the reference, never a value: messages of parsers and clients that see secret material are replaced by
 * our own words.
 */
public final class SecretReferences {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, String> environment;
    private final SecretStore store;
    private final PayloadTrust trust;

    public SecretReferences(Function<String, String> environment, SecretStore store, PayloadTrust trust) {
        this.environment = environment;
        this.store = store;
        this.trust = trust;
    }

    /** Environment references only, with the default prefix; every other reference kind fails as unconfigured. */
    public static SecretReferences environmentOnly() {
        return new SecretReferences(System::getenv, SecretStore.NONE, PayloadTrust.deployment(PayloadTrust.DEFAULT_ENV_PREFIX));
    }

    PayloadTrust trust() {
        return trust;
    }

    /**
     * One reference of the deployment's own settings (not of a payload), under the same rules: trimmed, checked, JSON
     * keys after {@code #}.
     *
     * @throws InvalidPayloadException naming {@code what} and the reference, never the value
     */
    public Secret resolve(String reference, String what) {
        PayloadFields problems = new PayloadFields();
        Secret secret = resolve(reference, what, problems);
        if (!problems.problems().isEmpty()) {
            throw new InvalidPayloadException(problems.problems());
        }
        return secret;
    }

    Secret resolve(String raw, String field, PayloadFields problems) {
        if (raw == null) {
            return null;
        }
        String kind = kind(raw);
        if (kind == null) {
            return checked(raw, field, problems);
        }
        if (!trust.allows(raw)) {
            problems.problem(field + " is a secret reference (" + kind + "…), which this function does not resolve"
                    + " (the deployment has not allowed it for functions callers reach over HTTP)");
            return null;
        }
        try {
            if (kind.equals("env:")) {
                String variable = raw.substring(4);
                String refused = trust.environmentProblem(variable);
                if (refused != null) {
                    problems.problem(field + " is an env: reference that " + refused);
                    return null;
                }
                return required(environment.apply(variable), field, "environment variable " + variable, problems);
            }
            if (kind.equals("ssm:")) {
                return required(store.parameter(raw.substring(4)), field, "SSM parameter " + raw.substring(4), problems);
            }
            String reference = raw.substring("secretsmanager:".length());
            int hash = reference.lastIndexOf('#');
            String id = hash < 0 ? reference : reference.substring(0, hash);
            String value = store.secretsManager(id);
            if (hash >= 0 && value != null) {
                String key = reference.substring(hash + 1);
                JsonNode node = jsonKey(value, key);
                if (node == null) {
                    problems.problem(field + " refers to key " + key + " of secret " + id + ", which is not a JSON object");
                    return null;
                }
                if (!node.isValueNode()) {
                    problems.problem(field + " refers to key " + key + " of secret " + id + ", which the secret does not have");
                    return null;
                }
                value = node.asText();
            }
            return required(value, field, "secret " + id, problems);
        } catch (SecretStore.LookupFailure e) {
            problems.problem(field + " could not be resolved (" + kind + " reference): " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // a message from anything that saw the secret could quote it: only the kind of failure is said
            problems.problem(field + " could not be resolved (" + kind + " reference): " + e.getClass().getSimpleName());
            return null;
        }
    }

    private static String kind(String raw) {
        for (String kind : new String[]{"env:", "ssm:", "secretsmanager:"}) {
            if (raw.startsWith(kind)) {
                return kind;
            }
        }
        return null;
    }

    /** The key's node, or null when the secret is not a JSON object (a parser's message would quote the secret). */
    private static JsonNode jsonKey(String secret, String key) {
        try {
            JsonNode tree = JSON.readTree(secret);
            return tree != null && tree.isObject() ? tree.path(key) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Secret required(String value, String field, String what, PayloadFields problems) {
        if (value == null || value.isEmpty()) {
            problems.problem(field + " refers to " + what + ", which is not set");
            return null;
        }
        return checked(value, field, problems);
    }

    /**
     * Surrounding white space trimmed (a secret saved with a trailing newline is common); anything else a header value
     * cannot carry is a problem naming the field, so no HTTP client ever quotes the value in an error.
     */
    private static Secret checked(String value, String field, PayloadFields problems) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            problems.problem(field + " is blank");
            return null;
        }
        if (!Secret.isHeaderSafe(trimmed)) {
            problems.problem(field + " holds a control character (such as a line break) inside the value, which no HTTP header can carry");
            return null;
        }
        return Secret.of(trimmed);
    }
}
