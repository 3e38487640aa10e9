package dev.omrest.infra;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Uri;
import software.amazon.awssdk.services.s3.S3Utilities;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a connection payload needs from AWS at run time, found by walking the payload: secret references
 * ({@code secretsmanager:<name-or-arn>[#json-key]}, {@code ssm:<parameter-name-or-arn>}, {@code env:<VAR>}),
 * S3 spec locations ({@code openAPISchemaS3URL}) and local spec files. It also refuses literal secrets, so a
 * schedule (whose input is stored in clear in EventBridge) never carries a credential: a string under one of
 * {@link #SECRET_KEYS}, an {@code apiKey.value}, and a {@code headers} entry whose name looks like a credential
 * ({@link #SECRET_HEADER}) must be a reference.
 */
public record AccessNeeds(
        Set<String> secrets,
        Set<String> parameters,
        Set<S3Object> s3Objects,
        Set<String> envVars,
        Set<String> files) {

    public static final String SECRETS_MANAGER = "secretsmanager:";
    public static final String SSM = "ssm:";
    public static final String ENV = "env:";
    /**
     * The function resolves {@code env:} references only to variables with this prefix (its {@code omrest.secrets.env-prefix}
     * default), never the runtime's own: a schedule naming any other variable would fail at every run.
     */
    public static final String ENV_PREFIX = "OMREST_SECRET_";
    /** Keys (compared case-insensitively) whose string values are credentials. */
    public static final Set<String> SECRET_KEYS = Set.of(
            "jwttoken", "token", "password", "clientsecret", "apikey", "awssecretaccesskey", "awssessiontoken");
    /** Header names (under a {@code headers} object) whose values are credentials. */
    public static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(auth|key|token|secret|cookie|session|password|credential).*");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // upstream's S3 URL rules (openmetadata-ingestion's openAPISchemaS3URL rules), the same as the function's S3Urls
    private static final Pattern VIRTUAL_HOSTED = Pattern.compile("^(.+)\\.s3(?:[.-](.+))?\\.amazonaws\\.com$");
    private static final Pattern PATH_STYLE = Pattern.compile("^s3(?:[.-](.+))?\\.amazonaws\\.com$");
    // parseUri reads no region, but the builder requires one
    private static final S3Utilities S3_URLS = S3Utilities.builder().region(Region.US_EAST_1).build();

    /** An S3 object a payload reads its spec from. */
    public record S3Object(String bucket, String key) implements Comparable<S3Object> {
        @Override
        public int compareTo(S3Object o) {
            return (bucket + "/" + key).compareTo(o.bucket + "/" + o.key);
        }
    }

    /**
     * Walks {@code payload}; every problem is added to {@code problems} prefixed with {@code path}. Problem
     * texts never repeat a secret's value.
     */
    public static AccessNeeds of(JsonNode payload, String path, List<String> problems) {
        AccessNeeds needs = new AccessNeeds(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        needs.walk(payload, path, null, null, problems);
        return needs;
    }

    public boolean isEmpty() {
        return secrets.isEmpty() && parameters.isEmpty() && s3Objects.isEmpty();
    }

    private void walk(JsonNode node, String path, String key, String parentKey, List<String> problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path + "." + field.getKey(), field.getKey(), key, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", key, parentKey, problems);
            }
        } else if (node.isTextual()) {
            text(node.asText(), path, key, parentKey, problems);
        }
    }

    private static boolean holdsSecret(String key, String parentKey) {
        if (key == null) {
            return false;
        }
        if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if ("apiKey".equals(parentKey) && "value".equals(key)) {
            return true;
        }
        return "headers".equals(parentKey) && SECRET_HEADER.matcher(key).matches();
    }

    private void text(String value, String path, String key, String parentKey, List<String> problems) {
        String trimmed = value.strip();
        boolean reference = reference(trimmed, path, problems);
        if (!reference && holdsSecret(key, parentKey) && !trimmed.isEmpty()) {
            problems.add(path + " looks like a literal secret: schedules are stored in clear, so give a reference ("
                    + SECRETS_MANAGER + "<name-or-arn>[#json-key], " + SSM + "<parameter> or " + ENV + "<VAR>)");
        }
        if ("openAPISchemaS3URL".equals(key) && !trimmed.isEmpty()) {
            s3(trimmed, path, problems);
        }
        if ("openAPISchemaFilePath".equals(key) && !trimmed.isEmpty()) {
            files.add(trimmed);
        }
    }

    private boolean reference(String value, String path, List<String> problems) {
        if (value.startsWith(SECRETS_MANAGER)) {
            String id = value.substring(SECRETS_MANAGER.length());
            int hash = id.indexOf('#');
            if (hash >= 0) {
                id = id.substring(0, hash);
            }
            if (id.isBlank() || id.contains("*")) {
                problems.add(path + " names no usable secret after '" + SECRETS_MANAGER + "'");
            } else {
                secrets.add(id);
            }
            return true;
        }
        if (value.startsWith(SSM)) {
            String id = value.substring(SSM.length());
            if (id.isBlank() || id.contains("*")) {
                problems.add(path + " names no usable parameter after '" + SSM + "'");
            } else {
                parameters.add(id);
            }
            return true;
        }
        if (value.startsWith(ENV)) {
            String name = value.substring(ENV.length());
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(path + " is not a valid environment variable reference (" + ENV + "NAME)");
            } else if (!name.startsWith(ENV_PREFIX)) {
                problems.add(path + " names " + name + ", but the function resolves env: references only to variables"
                        + " that start with " + ENV_PREFIX);
            } else {
                envVars.add(name);
            }
            return true;
        }
        return false;
    }

    /**
     * The object an S3 URL names, read as the function reads it ({@code dev.omrest.config.S3Urls}): upstream's host
     * patterns, the host in lower case, and the AWS SDK's {@link S3Utilities#parseUri} for the bucket and the
     * percent-decoded key. The grant must name the key the function fetches: {@code a%20b.json} is the object
     * {@code a b.json}, and a grant for {@code a%20b.json} would not let the function read it.
     */
    private void s3(String url, String path, List<String> problems) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add(path + " is not a URL: " + e.getReason());
            return;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            problems.add(path + " must be an https S3 URL");
            return;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        S3Uri object = null;
        if (PATH_STYLE.matcher(host).matches() || VIRTUAL_HOSTED.matcher(host).matches()) {
            try {
                // the query, user info and port are left out, as the function ignores them
                object = S3_URLS.parseUri(new URI("https", host, uri.getPath(), null));
            } catch (IllegalArgumentException | URISyntaxException e) {
                object = null;
            }
        }
        if (object == null) {
            problems.add(path + " is not an S3 URL (https://<bucket>.s3.<region>.amazonaws.com/<key> or https://s3.<region>.amazonaws.com/<bucket>/<key>)");
            return;
        }
        String bucket = object.bucket().orElse("");
        String key = object.key().orElse("");
        if (bucket.isEmpty() || key.isEmpty()) {
            problems.add(path + " is missing the " + (bucket.isEmpty() ? "bucket" : "object key"));
            return;
        }
        // IAM reads * and ? in a resource as wildcards: a grant for such a key would name more than the one object
        if (key.contains("*") || key.contains("?") || bucket.contains("*")) {
            problems.add(path + " must name one object, without '*' or '?'");
            return;
        }
        s3Objects.add(new S3Object(bucket, key));
    }
}
