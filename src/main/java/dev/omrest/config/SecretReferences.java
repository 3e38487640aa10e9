package dev.omrest.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Secret values in a payload may be references resolved at run time, so schedules never carry credentials:
 * {@code env:NAME} reads an environment variable. Anything else is taken literally.
 */
public final class SecretReferences {
    private final Function<String, String> environment;

    public SecretReferences(Function<String, String> environment) {
        this.environment = environment;
    }

    public static SecretReferences fromSystem() {
        Map<String, String> env = System.getenv();
        return new SecretReferences(env::get);
    }

    /** The secret, or null with a problem recorded (naming the field, never the value). */
    Secret resolve(String raw, String field, PayloadFields problems) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith("env:")) {
            String name = raw.substring(4);
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                problems.problem(field + " refers to environment variable " + name + ", which is not set");
                return null;
            }
            return Secret.of(value);
        }
        if (raw.startsWith("secretsmanager:") || raw.startsWith("ssm:")) {
            problems.problem(field + " is a " + raw.substring(0, raw.indexOf(':'))
                    + " reference; this version resolves env: references only");
            return null;
        }
        return Secret.of(raw);
    }
}
