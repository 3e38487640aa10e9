package dev.omrest.infra;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The context values of the pipeline service (docs/pipeline-service.md), the function OpenMetadata's server drives as
 * if it were Airflow. It is deployed only when {@code openMetadataUrl} and {@code botJwtSecret} are both given; one
 * without the other, or {@code egressIp} without them, is a mistake and fails synthesis.
 *
 * @param openMetadataUrl the one OpenMetadata server's API ({@code https://host/api}): the bot JWT is sent nowhere else
 * @param botJwtSecret    name or ARN of the existing Secrets Manager secret holding the ingestion bot's JWT
 * @param egressIps       the addresses the functions reach sources from, as the server's {@code ip} call shows them
 */
public record PipelineServiceSettings(String openMetadataUrl, String botJwtSecret, List<String> egressIps) {

    // Secrets Manager's own rules: names of 1-512 of these characters; an ARN of a secret (the name may be partial)
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern USER_INFO = Pattern.compile("^([^/]*//)[^/@]*@");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * The settings, or none when neither key is given. Every problem is added to {@code problems}, naming the key;
     * a problem text repeats the value given, which is never a secret (only the secret's name).
     */
    static Optional<PipelineServiceSettings> of(String url, String secret, List<String> egressIps, List<String> problems) {
        if (url.isEmpty() && secret.isEmpty()) {
            if (!egressIps.isEmpty()) {
                problems.add(DeploySettings.EGRESS_IP + " only applies to the pipeline service: give "
                        + DeploySettings.OPENMETADATA_URL + " and " + DeploySettings.BOT_JWT_SECRET + " too");
            }
            return Optional.empty();
        }
        int before = problems.size();
        if (url.isEmpty()) {
            problems.add(DeploySettings.OPENMETADATA_URL + " is required with " + DeploySettings.BOT_JWT_SECRET
                    + ": the https URL of the OpenMetadata server's API, such as https://openmetadata.example.com/api");
        } else {
            checkUrl(url, problems);
        }
        if (secret.isEmpty()) {
            problems.add(DeploySettings.BOT_JWT_SECRET + " is required with " + DeploySettings.OPENMETADATA_URL
                    + ": the name or ARN of the Secrets Manager secret holding the ingestion bot's JWT");
        } else if (secret.startsWith("arn:") ? !SECRET_ARN.matcher(secret).matches() : !SECRET_NAME.matcher(secret).matches()) {
            problems.add(DeploySettings.BOT_JWT_SECRET + ": '" + secret + "' is neither a Secrets Manager secret name"
                    + " (letters, digits and /_+=.@-) nor a secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
        }
        for (String ip : egressIps) {
            if (!isIpAddress(ip)) {
                problems.add(DeploySettings.EGRESS_IP + ": '" + ip + "' is not an IPv4 or IPv6 address");
            }
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new PipelineServiceSettings(url, secret, List.copyOf(egressIps)));
    }

    /** The bot JWT goes to this URL with every call: https only, to a host, nothing but a path. */
    private static void checkUrl(String url, List<String> problems) {
        String key = DeploySettings.OPENMETADATA_URL;
        String shown = "'" + USER_INFO.matcher(url).replaceFirst("$1…@") + "'";   // a password in the URL is never repeated
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add(key + ": " + shown + " is not a URL (" + e.getReason() + ")");
            return;
        }
        if (!"https".equals(uri.getScheme())) {
            problems.add(key + ": " + shown + " must be an https URL (the bot JWT is sent to it), such as https://openmetadata.example.com/api");
        } else if (uri.getHost() == null) {
            problems.add(key + ": " + shown + " is not a URL with a host name");
        } else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(key + ": " + shown + " must have no user info, query or fragment");
        }
    }

    /** An address literal, read without a DNS lookup (InetAddress is given only IPv6 literals, which it never resolves). */
    static boolean isIpAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName("[" + text + "]");   // a bracketed name must be an IPv6 literal, or it throws
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** OpenMetadata's clients take the API root, which ends in {@code /api}; anything else is likely a mistake. */
    boolean urlLooksLikeAnApiRoot() {
        String path = URI.create(openMetadataUrl).getPath();
        return path != null && path.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith("/api");
    }
}
