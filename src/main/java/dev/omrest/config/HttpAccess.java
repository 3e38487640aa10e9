package dev.omrest.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to reach a spec URL: headers and query parameters to send (credentials among them), an OAuth2
 * client-credentials grant to run first, and how to verify TLS. Credentials go to the spec's own origin only.
 */
public record HttpAccess(Map<String, Secret> headers, Map<String, Secret> queryParameters, OAuth2 oauth2, Tls tls) {

    public static final HttpAccess NONE = new HttpAccess(Map.of(), Map.of(), null, Tls.DEFAULT);

    public HttpAccess {
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
    }

    /** With {@code user:password} as HTTP Basic credentials, unless another scheme already authorises the requests. */
    public HttpAccess withBasicCredentials(String userInfo) {
        if (headers.containsKey("Authorization") || oauth2 != null) {
            return this;
        }
        Map<String, Secret> withBasic = new java.util.LinkedHashMap<>(headers);
        withBasic.put("Authorization", basic(userInfo));
        return new HttpAccess(withBasic, queryParameters, null, tls);
    }

    /** The {@code Authorization} value of HTTP Basic for {@code user:password}. */
    static Secret basic(String userColonPassword) {
        return Secret.of("Basic " + java.util.Base64.getEncoder().encodeToString(
                userColonPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** OAuth2 client credentials (RFC 6749 §4.4); the client authenticates with HTTP Basic. */
    public record OAuth2(URI tokenUrl, String clientId, Secret clientSecret, List<String> scopes) {
    }

    /**
     * Upstream's {@code verifySSL}: {@code no-ssl} and {@code validate} without a file use the default trust
     * store, {@code validate} with a file trusts the CA certificates in it, {@code ignore} trusts anything.
     */
    public record Tls(String verifySsl, Path caCertificates) {
        public static final Tls DEFAULT = new Tls("no-ssl", null);
    }
}
