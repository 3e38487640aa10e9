package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's connection in the shape of the server it goes to (flat before 1.12.2, nested since). */
class CreateApiServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static CreateApiService service(String config) throws Exception {
        return new CreateApiService("petstore", "Rest", new CreateApiService.Connection((ObjectNode) JSON.readTree(config)));
    }

    @Test
    void newerServersGetTheRequestAsItIs() throws Exception {
        CreateApiService service = service("""
                {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaURL": "https://x/openapi.json"}, "verifySSL": "no-ssl"}""");
        for (String version : new String[] {"1.12.2", "1.12.4", "1.13.0", "2.0.1"}) {
            assertSame(service, service.forServer(ServerVersion.parse(version)), version);
        }
    }

    @Test
    void olderServersGetTheFlatConnectionWithoutKeysTheyRefuse() throws Exception {
        CreateApiService url = service("""
                {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaURL": "https://x/openapi.json"},
                 "token": "t", "docURL": "https://docs/", "verifySSL": "no-ssl", "supportsMetadataExtraction": true}""");
        for (String version : new String[] {"1.6.9", "1.11.14", "1.12.1"}) {
            assertEquals(JSON.readTree("""
                    {"type": "Rest", "token": "t", "docURL": "https://docs/", "supportsMetadataExtraction": true,
                     "openAPISchemaURL": "https://x/openapi.json"}"""), url.forServer(ServerVersion.parse(version)).connection().config());
        }
        CreateApiService file = service("""
                {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaFilePath": "/specs/petstore.yaml"}}""");
        assertEquals("file:///specs/petstore.yaml",
                file.forServer(ServerVersion.parse("1.6.9")).connection().config().path("openAPISchemaURL").asText());
        CreateApiService s3 = service("""
                {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaS3URL": "https://b.s3.amazonaws.com/k.json",
                 "awsCredentials": {"awsRegion": "eu-west-1"}}}""");
        ObjectNode flat = s3.forServer(ServerVersion.parse("1.11.0")).connection().config();
        assertEquals("https://b.s3.amazonaws.com/k.json", flat.path("openAPISchemaURL").asText());
        assertTrue(flat.path("awsCredentials").isMissingNode());
    }
}
