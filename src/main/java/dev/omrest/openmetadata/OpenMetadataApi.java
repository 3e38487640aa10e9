package dev.omrest.openmetadata;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The part of OpenMetadata's REST API (base = hostPort, e.g. http://host:8585/api) this connector uses. Collections and
 * endpoints go as JSON the caller serialised (a {@link CreateApiCollection} or {@link CreateApiEndpoint}, or an array
 * of them for bulk), so that it is serialised once, off the event loop; with {@code Content-Encoding: gzip} when it
 * comes compressed.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OpenMetadataApi {
    String GZIP = "gzip";

    @GET
    @Path("/system/version")
    Response version();

    @GET
    @Path("/services/apiServices/name/{name}")
    Response apiService(@PathParam("name") String fqn);

    @PUT
    @Path("/services/apiServices")
    Response putApiService(CreateApiService request);

    @PUT
    @Path("/apiCollections")
    Response putApiCollection(byte[] createApiCollection, @HeaderParam("Content-Encoding") String contentEncoding);

    @PUT
    @Path("/apiEndpoints")
    Response putApiEndpoint(byte[] createApiEndpoint, @HeaderParam("Content-Encoding") String contentEncoding);

    @PUT
    @Path("/apiCollections/bulk")
    Response bulkApiCollections(@QueryParam("async") boolean async, @QueryParam("overrideMetadata") boolean overrideMetadata,
                                byte[] createApiCollections, @HeaderParam("Content-Encoding") String contentEncoding);

    @PUT
    @Path("/apiEndpoints/bulk")
    Response bulkApiEndpoints(@QueryParam("async") boolean async, @QueryParam("overrideMetadata") boolean overrideMetadata,
                              byte[] createApiEndpoints, @HeaderParam("Content-Encoding") String contentEncoding);

    @GET
    @Path("/apiCollections")
    Response listApiCollections(@QueryParam("service") String service, @QueryParam("fields") String fields,
                                @QueryParam("limit") int limit, @QueryParam("after") String after,
                                @QueryParam("include") String include);

    @GET
    @Path("/apiEndpoints")
    Response listApiEndpoints(@QueryParam("service") String service, @QueryParam("fields") String fields,
                              @QueryParam("limit") int limit, @QueryParam("after") String after,
                              @QueryParam("include") String include);

    @GET
    @Path("/apiEndpoints")
    Response listCollectionEndpoints(@QueryParam("apiCollection") String collectionFqn, @QueryParam("fields") String fields,
                                     @QueryParam("limit") int limit, @QueryParam("after") String after,
                                     @QueryParam("include") String include);

    /** Change events since {@code timestamp} (epoch millis, inclusive) of these entity types, per event type. */
    @GET
    @Path("/events")
    Response changeEvents(@QueryParam("entityCreated") String created, @QueryParam("entityUpdated") String updated,
                          @QueryParam("entityRestored") String restored, @QueryParam("entityDeleted") String deleted,
                          @QueryParam("timestamp") long timestamp);

    @DELETE
    @Path("/apiCollections/{id}")
    Response deleteApiCollection(@PathParam("id") String id, @QueryParam("recursive") boolean recursive,
                                 @QueryParam("hardDelete") boolean hardDelete);

    @PATCH
    @Path("/apiCollections/{id}")
    @Consumes("application/json-patch+json")
    Response patchApiCollection(@PathParam("id") String id, List<JsonPatchOperation> operations);

    @PATCH
    @Path("/apiEndpoints/{id}")
    @Consumes("application/json-patch+json")
    Response patchApiEndpoint(@PathParam("id") String id, List<JsonPatchOperation> operations);

    @DELETE
    @Path("/apiEndpoints/{id}")
    Response deleteApiEndpoint(@PathParam("id") String id, @QueryParam("hardDelete") boolean hardDelete);

    @PUT
    @Path("/services/ingestionPipelines/{fqn}/pipelineStatus")
    Response putPipelineStatus(@PathParam("fqn") String pipelineFqn, PipelineStatus status);

    @GET
    @Path("/services/ingestionPipelines/{fqn}/pipelineStatus/{runId}")
    Response pipelineStatus(@PathParam("fqn") String pipelineFqn, @PathParam("runId") String runId);

    @GET
    @Path("/services/ingestionPipelines/name/{fqn}")
    Response ingestionPipeline(@PathParam("fqn") String pipelineFqn, @QueryParam("fields") String fields);

    @POST
    @Path("/services/ingestionPipelines/logs/{fqn}/{runId}")
    Response pushLogs(@PathParam("fqn") String pipelineFqn, @PathParam("runId") String runId, PipelineLogs logs);

    @POST
    @Path("/services/ingestionPipelines/logs/{fqn}/{runId}/close")
    Response closeLogs(@PathParam("fqn") String pipelineFqn, @PathParam("runId") String runId);

    @GET
    @Path("/automations/workflows/name/{name}")
    Response workflow(@PathParam("name") String name);

    @PATCH
    @Path("/automations/workflows/{id}")
    @Consumes("application/json-patch+json")
    Response patchWorkflow(@PathParam("id") String id, List<JsonPatchOperation> operations);

    @DELETE
    @Path("/apiCollections/deleteStale")
    Response deleteStaleApiCollections(BulkDeleteStaleRequest request);
}
