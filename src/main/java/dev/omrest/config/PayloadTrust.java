package dev.omrest.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a payload may make the function read besides the network locations it names: which secret references resolve,
 * which local files, which S3 endpoints. A function the deployment triggers (a schedule, an operator's invocation)
 * trusts its payload with the deployment's secrets; a function any caller can reach over HTTP does not, unless the
 * deployment lists what it may use.
 *
 * @param envPrefix          {@code env:} references may only name variables that start with this (never the runtime's own)
 * @param secretReferences   the {@code secretsmanager:}, {@code ssm:} and {@code env:} references that resolve, each
 *                           exact or ending in {@code *} for a prefix; null for every one (deployment-triggered)
 * @param files              which local files may be read
 * @param s3Endpoints        the custom S3 endpoints ({@code awsCredentials.endPointURL}) accepted; null for any
 * @param lendsRoleForS3     whether an S3 spec without keys is read with the function's own role
 */
public record PayloadTrust(String envPrefix, List<String> secretReferences, LocalFiles files, Set<String> s3Endpoints,
                           boolean lendsRoleForS3) {
    public static final String DEFAULT_ENV_PREFIX = "OMREST_SECRET_";
    /** The Lambda runtime's own variables (its credentials among them): never readable, whatever the prefix. */
    private static final List<String> RUNTIME_VARIABLE_PREFIXES = List.of("AWS_", "_", "LAMBDA_");

    public PayloadTrust {
        if (envPrefix == null || envPrefix.isEmpty()) {
            throw new IllegalArgumentException("the env: reference prefix must not be empty");
        }
        secretReferences = secretReferences == null ? null : List.copyOf(secretReferences);
        s3Endpoints = s3Endpoints == null ? null : Set.copyOf(s3Endpoints);
    }

    /** A deployment-triggered function: every reference, file and endpoint (env: still only with the prefix). */
    public static PayloadTrust deployment(String envPrefix) {
        return new PayloadTrust(envPrefix, null, LocalFiles.ANY, null, true);
    }

    /** A caller-triggered (HTTP) function: only what the deployment listed; nothing by default. */
    public static PayloadTrust caller(String envPrefix, List<String> secretReferences, Path fileDirectory, Set<String> s3Endpoints) {
        return new PayloadTrust(envPrefix, secretReferences, fileDirectory == null ? LocalFiles.NONE : LocalFiles.under(fileDirectory),
                s3Endpoints, true);
    }

    /**
     * A connection OpenMetadata's users wrote (a pipeline run by reference): what a caller gets, and S3 only with keys of
     * its own. The {@code ingest} role may read the S3 specs of the deployment's scheduled services; a service owner
     * must not have another service's spec read into theirs.
     */
    public PayloadTrust withoutRoleForS3() {
        return new PayloadTrust(envPrefix, secretReferences, files, s3Endpoints, false);
    }

    /** Why an {@code env:} reference to this variable is refused, or null when it may be read. */
    String environmentProblem(String variable) {
        for (String runtime : RUNTIME_VARIABLE_PREFIXES) {
            if (variable.toUpperCase(Locale.ROOT).startsWith(runtime)) {
                return "names one of the runtime's own variables (" + runtime + "…), which are never readable";
            }
        }
        return variable.startsWith(envPrefix) ? null
                : "names a variable without the prefix " + envPrefix + " that env: references must have";
    }

    /**
     * Whether the deployment lets this function resolve the reference at all. A listed secret allows each of its JSON
     * keys ({@code secretsmanager:om/all} allows {@code secretsmanager:om/all#jwt}).
     */
    boolean allows(String reference) {
        if (secretReferences == null) {
            return true;
        }
        int hash = reference.lastIndexOf('#');
        String secret = reference.startsWith("secretsmanager:") && hash >= 0 ? reference.substring(0, hash) : reference;
        for (String allowed : secretReferences) {
            boolean prefix = allowed.endsWith("*");
            String stem = prefix ? allowed.substring(0, allowed.length() - 1) : allowed;
            if (prefix ? secret.startsWith(stem) : secret.equals(allowed) || reference.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    boolean allowsS3Endpoint(String endpoint) {
        return s3Endpoints == null || s3Endpoints.contains(endpoint);
    }
}
