package dev.omrest.source;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.omrest.config.IngestSettings;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.PayloadTrust;
import dev.omrest.config.SecretReferences;
import dev.omrest.config.SecretStore;
import dev.omrest.config.SpecLocation;
import dev.omrest.emulator.RecordedRequest;
import dev.omrest.emulator.SpecServer;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParser;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way the payload can say how to reach the spec, against real servers on loopback. */
class SpecAccessTest {
    private static final Map<String, String> ENV = Map.of("OMREST_SECRET_SPEC_PASSWORD", "pa55", "OMREST_SECRET_SPEC_KEY", "k-123", "OMREST_SECRET_CLIENT_SECRET", "cs-9");
    private final PayloadReader reader = new PayloadReader(new SecretReferences(ENV::get, SecretStore.NONE, PayloadTrust.deployment(PayloadTrust.DEFAULT_ENV_PREFIX)));

    private SpecLocation.Url location(String connectionExtras, String url) {
        IngestSettings settings = reader.ingestSettings(Specs.readJson("""
                {"source": {"serviceName": "s", "serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaURL": "%s"}%s}}},
                 "sink": {"type": "file", "config": {"filename": "target/x.json"}}}""".formatted(url, connectionExtras)));
        return (SpecLocation.Url) settings.spec();
    }

    private static byte[] fetch(SpecLocation.Url location) {
        return new SpecSource(FetchLimits.DEFAULT).fetch(location).body();
    }

    @Test
    void basicAuthApiKeysAndHeaders() {
        try (SpecServer server = SpecServer.start()) {
            server.serve("/basic.json", 200, "application/json", "{}").requireHeader("/basic.json", "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("reader:pa55".getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, fetch(location(", \"basicAuth\": {\"username\": \"reader\", \"password\": \"env:OMREST_SECRET_SPEC_PASSWORD\"}",
                    server.url("/basic.json"))).length);

            server.serve("/header.json", 200, "application/json", "{}").requireHeader("/header.json", "X-Api-Key", "k-123")
                    .requireHeader("/header.json", "X-Tenant", "acme");
            assertEquals(2, fetch(location(", \"apiKey\": {\"name\": \"X-Api-Key\", \"value\": \"env:OMREST_SECRET_SPEC_KEY\"}, "
                    + "\"headers\": {\"X-Tenant\": \"acme\"}", server.url("/header.json"))).length);

            server.serve("/query.json", 200, "application/json", "{}").requireQuery("/query.json", "api_key=k-123");
            assertEquals(2, fetch(location(", \"apiKey\": {\"name\": \"api_key\", \"value\": \"env:OMREST_SECRET_SPEC_KEY\", \"in\": \"query\"}",
                    server.url("/query.json") + "?v=2")).length);
            assertEquals("v=2&api_key=k-123", server.requests().get(server.requests().size() - 1).query());
        }
    }

    @Test
    void aSpecAndTheFilesItReferencesShareOneToken() {
        try (SpecServer server = SpecServer.start()) {
            server.serve("/oauth/token", 200, "application/json", "{\"access_token\": \"at-1\", \"token_type\": \"Bearer\"}");
            server.serve("/api/openapi.json", 200, "application/json", """
                    {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                     "paths": {"/op": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json":
                       {"schema": {"type": "object", "properties": {"a": {"$ref": "a.json#/A"}, "b": {"$ref": "b.json#/B"}}}}}}}}}}}""")
                    .requireBearer("/api/openapi.json", "at-1");
            server.serve("/api/a.json", 200, "application/json", "{\"A\": {\"type\": \"string\"}}").requireBearer("/api/a.json", "at-1");
            server.serve("/api/b.json", 200, "application/json", "{\"B\": {\"type\": \"integer\"}}").requireBearer("/api/b.json", "at-1");
            SpecLocation.Url location = location("""
                    , "oauth2": {"tokenUrl": "%s", "clientId": "lambda", "clientSecret": "env:OMREST_SECRET_CLIENT_SECRET"}"""
                    .formatted(server.url("/oauth/token")), server.url("/api/openapi.json"));

            SpecSource source = new SpecSource(FetchLimits.DEFAULT);
            ParsedSpec parsed = new SpecParser(FetchLimits.DEFAULT, location.access(), source).parse(source.fetch(location));
            assertEquals(2, parsed.referencedDocuments().size(), parsed.referencedDocuments().toString());
            assertTrue(parsed.referencedDocuments().stream().noneMatch(d -> d.endsWith(" failed")), parsed.referencedDocuments().toString());
            assertEquals(List.of("GET /api/a.json 200", "GET /api/b.json 200", "GET /api/openapi.json 200", "POST /oauth/token 200"),
                    server.requests().stream().map(r -> r.method() + " " + r.path() + " " + r.status()).sorted().toList(),
                    "one token for the spec and every file it references");
        }
    }

    @Test
    void oauth2ClientCredentialsFetchesOneTokenFirst() {
        try (SpecServer server = SpecServer.start()) {
            server.serve("/oauth/token", 200, "application/json", "{\"access_token\": \"at-77\", \"token_type\": \"Bearer\"}")
                    .requireHeader("/oauth/token", "Authorization",
                            "Basic " + Base64.getEncoder().encodeToString("lambda:cs-9".getBytes(StandardCharsets.UTF_8)));
            server.serve("/spec.json", 200, "application/json", "{}").requireBearer("/spec.json", "at-77");
            assertEquals(2, fetch(location("""
                    , "oauth2": {"tokenUrl": "%s", "clientId": "lambda", "clientSecret": "env:OMREST_SECRET_CLIENT_SECRET",
                                 "scopes": ["specs:read", "openid"]}""".formatted(server.url("/oauth/token")),
                    server.url("/spec.json"))).length);
            List<RecordedRequest> requests = server.requests();
            assertEquals(List.of("POST /oauth/token 200", "GET /spec.json 200"),
                    requests.stream().map(r -> r.method() + " " + r.path() + " " + r.status()).toList());
            assertEquals("grant_type=client_credentials&scope=specs%3Aread+openid", requests.get(0).body());

            server.serve("/bad/token", 400, "application/json", "{\"error\": \"invalid_client\"}");
            SpecFetchException e = assertThrows(SpecFetchException.class, () -> fetch(location("""
                    , "oauth2": {"tokenUrl": "%s", "clientId": "lambda", "clientSecret": "env:OMREST_SECRET_CLIENT_SECRET"}"""
                    .formatted(server.url("/bad/token")), server.url("/spec.json"))));
            assertEquals("Failed to get an access token from the OAuth2 token endpoint " + server.url("/bad/token") + ": HTTP 400",
                    e.getMessage());
        }
    }

    @Test
    void secretReferencesAndConflictingSchemesAreNamedNeverShown() {
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> location("""
                , "token": "env:OMREST_SECRET_NOT_SET", "basicAuth": {"username": "u", "password": "literal-secret"},
                  "apiKey": {"name": "k", "value": "secretsmanager:prod/spec-key", "in": "cookie"}""", "http://h/spec.json"));
        assertEquals(List.of("source.serviceConnection.config.token refers to environment variable OMREST_SECRET_NOT_SET, which is not set",
                "source.serviceConnection.config.apiKey.value could not be resolved (secretsmanager: reference): "
                        + "no secret store is configured",
                "source.serviceConnection.config.apiKey.in must be header or query, not 'cookie'"), e.problems());
        assertFalse(e.getMessage().contains("literal-secret"));

        InvalidPayloadException conflict = assertThrows(InvalidPayloadException.class, () -> location("""
                , "token": "t0ken-value", "basicAuth": {"username": "u", "password": "literal-secret"}""", "http://h/spec.json"));
        assertEquals(List.of("source.serviceConnection.config sets token and basicAuth; use only one of token, basicAuth, oauth2"),
                conflict.problems());
        assertFalse(conflict.getMessage().contains("t0ken-value"));
    }

    @Test
    void extensionFieldsAreNotStoredOnTheService() {
        IngestSettings settings = reader.ingestSettings(Specs.readJson("""
                {"source": {"serviceName": "s", "serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaURL": "http://h/spec.json"}, "docURL": "https://docs.example.com",
                   "headers": {"X-Tenant": "acme"}, "apiKey": {"name": "k", "value": "env:OMREST_SECRET_SPEC_KEY"}}}},
                 "sink": {"type": "file", "config": {"filename": "target/x.json"}}}"""));
        assertEquals(Specs.readJson("""
                {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaURL": "http://h/spec.json"},
                 "docURL": "https://docs.example.com", "verifySSL": "no-ssl", "supportsMetadataExtraction": true}"""),
                settings.serviceConnection());
    }

    @Test
    void verifySslModes(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path certificate = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "spec", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "spec", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keystore)));
        server.createContext("/spec.json", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/spec.json";
            SpecFetchException untrusted = assertThrows(SpecFetchException.class, () -> fetch(location("", url)));
            assertTrue(untrusted.getMessage().startsWith("Failed to fetch the OpenAPI schema from " + url + ": "), untrusted.getMessage());
            assertEquals(2, fetch(location(", \"verifySSL\": \"ignore\"", url)).length);
            assertEquals(2, fetch(location(", \"verifySSL\": \"validate\", \"sslConfig\": {\"certificatePath\": \""
                    + certificate + "\"}", url)).length);
        } finally {
            server.stop(0);
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
