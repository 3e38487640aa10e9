package dev.omrest.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.CuratedFields;
import dev.omrest.openmetadata.JsonPatchOperation;
import dev.omrest.openmetadata.Fqn;
import dev.omrest.openmetadata.JsonBodies;
import dev.omrest.openmetadata.ServerCalls;
import dev.omrest.openmetadata.WriteCalls;
import dev.omrest.budget.RunBudget;
import dev.omrest.openmetadata.OpenMetadataApi;
import dev.omrest.plan.Change;
import dev.omrest.plan.Write;
import dev.omrest.outcome.Notice;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends planned writes with bounded concurrency: bulk batches of at most {@value #BATCH} entities and a byte cap while the server takes
 * them, else one PUT per entity. A call returns only when all its entities are answered, so callers get
 * a barrier between collections and endpoints. Once the run's budget is spent no new call starts.
 */
final class ParallelWriter implements AutoCloseable {
    static final int BATCH = 100;
    private final OpenMetadataApi api;
    private final WriteCalls calls;
    private final ExecutorService pool;
    private final boolean overrideMetadata;
    private final RunBudget budget;
    private final long maxBulkBytes;
    private final InFlightLimit limit;
    private volatile boolean bulk;

    ParallelWriter(OpenMetadataApi api, WriteCalls calls, int parallelism, boolean adaptive, boolean bulk,
                   boolean overrideMetadata, RunBudget budget, long maxBulkBytes) {
        this.limit = new InFlightLimit(parallelism, adaptive);
        this.maxBulkBytes = maxBulkBytes;
        this.api = api;
        this.calls = calls;
        this.pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
        this.bulk = bulk;
        this.overrideMetadata = overrideMetadata;
        this.budget = budget;
    }

    boolean bulk() {
        return bulk;
    }

    /** Where the limit on calls in flight ended. */
    int callsInFlightEnded() {
        return limit.current();
    }

    /** The lowest the limit on calls in flight was cut to (the most allowed when never cut). */
    int callsInFlightLowest() {
        return limit.lowestAfterCuts();
    }

    List<Notice> collections(List<Write<CreateApiCollection>> writes, Tally tally) {
        return send(writes, tally, (batch, encoding) -> api.bulkApiCollections(false, overrideMetadata, batch, encoding),
                api::putApiCollection, api::patchApiCollection,
                item -> Fqn.build(item.path("service").asText(), item.path("name").asText()));
    }

    List<Notice> endpoints(List<Write<CreateApiEndpoint>> writes, Tally tally) {
        return send(writes, tally, (batch, encoding) -> api.bulkApiEndpoints(false, overrideMetadata, batch, encoding),
                api::putApiEndpoint, api::patchApiEndpoint,
                item -> item.path("apiCollection").asText() + "." + Fqn.build(item.path("name").asText()));
    }

    /** Errors come back in write order whatever order the calls finished in. */
    private <T extends CuratedFields> List<Notice> send(List<Write<T>> writes, Tally tally,
                                                       BiFunction<byte[], String, Response> bulkCall,
                                                       BiFunction<byte[], String, Response> singleCall,
                                                       BiFunction<String, List<JsonPatchOperation>, Response> patchCall,
                                                       Function<JsonNode, String> fqnOf) {
        limit.newPhase();
        List<Future<List<Notice>>> chunks = new ArrayList<>();
        int from = 0;
        for (int to : bulk ? Batches.ends(sizes(writes), BATCH, maxBulkBytes) : everyOne(writes.size())) {
            List<Write<T>> chunk = writes.subList(from, to);
            from = to;
            Callable<List<Notice>> task = () -> sendChunk(chunk, tally, bulkCall, singleCall, patchCall, fqnOf);
            chunks.add(pool.submit(task));
        }
        List<Notice> errors = new ArrayList<>();
        for (Future<List<Notice>> chunk : chunks) {
            try {
                errors.addAll(chunk.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing to OpenMetadata", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Writing to OpenMetadata failed: " + e.getCause(), e.getCause());
            }
        }
        return errors;
    }

    private static <T> long[] sizes(List<Write<T>> writes) {
        long[] sizes = new long[writes.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = writes.get(i).bytes();
        }
        return sizes;
    }

    private static List<Integer> everyOne(int count) {
        List<Integer> ends = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ends.add(i);
        }
        return ends;
    }

    private <T extends CuratedFields> List<Notice> sendChunk(List<Write<T>> chunk, Tally tally,
                                                            BiFunction<byte[], String, Response> bulkCall,
                                                            BiFunction<byte[], String, Response> singleCall,
                                                            BiFunction<String, List<JsonPatchOperation>, Response> patchCall,
                                                            Function<JsonNode, String> fqnOf) {
        if (budget.expired()) {
            tally.skipped(chunk.size());
            return List.of();
        }
        if (bulk) {
            byte[] body = JsonBodies.array(chunk.stream().map(Write::json).toList()); // client work: before the call is timed
            ServerCalls.Answer answer = limited(chunk.size(), true, () -> calls.send(body, bulkCall));
            if (!answer.sent()) {
                tally.skipped(chunk.size());
                return List.of();
            }
            if (answer.status() != 404 && answer.status() != 405) {
                return recordBatch(chunk, answer, fqnOf, tally);
            }
            bulk = false;
        }
        List<Notice> errors = new ArrayList<>();
        for (Write<T> write : chunk) {
            if (budget.expired()) {
                tally.skipped(1);
                continue;
            }
            byte[] body = write.json();
            ServerCalls.Answer answer = limited(1, true, () -> calls.send(body, singleCall));
            if (answer.ok() && overrideMetadata && write.change() != Change.CREATE) {
                answer = overrideCurated(answer, write.request(), patchCall);
            }
            if (!answer.sent()) {
                tally.skipped(1);
            } else if (answer.ok()) {
                tally.succeeded(write.change());
            } else {
                tally.failed(1);
                errors.add(new Notice(write.fqn(), answer.problem()));
            }
        }
        return errors;
    }

    /**
     * A PUT by the ingestion bot keeps a non-empty description or displayName; with {@code overrideMetadata}
     * the source's values are then set by JSON Patch (the bulk call has a parameter for this, single PUT has none).
     */
    private <T extends CuratedFields> ServerCalls.Answer overrideCurated(ServerCalls.Answer put, T request,
                                                                       BiFunction<String, List<JsonPatchOperation>, Response> patchCall) {
        List<JsonPatchOperation> operations = new ArrayList<>();
        if (request.description() != null) {
            operations.add(JsonPatchOperation.set("description", request.description()));
        }
        if (request.displayName() != null) {
            operations.add(JsonPatchOperation.set("displayName", request.displayName()));
        }
        String id = put.body().path("id").asText("");
        if (operations.isEmpty() || id.isEmpty()) {
            return put;
        }
        return limited(1, false, () -> calls.send(() -> patchCall.apply(id, operations)));
    }

    /**
     * One call within the limit on calls in flight.
     *
     * @param learn whether its latency tells the limit about the server's load (a PATCH after a PUT is another kind
     *              of call, too few to learn from)
     */
    private ServerCalls.Answer limited(int entities, boolean learn, Supplier<ServerCalls.Answer> call) {
        long admitted;
        try {
            admitted = limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServerCalls.Answer.notSent("interrupted before the call was sent");
        }
        long start = System.nanoTime();
        ServerCalls.Answer answer = null;
        try {
            answer = call.get();
            return answer;
        } finally {
            limit.release(admitted, System.nanoTime() - start, entities, learn ? signal(answer) : InFlightLimit.Signal.NONE);
        }
    }

    /** What an answer says of the server's load: served, overloaded, or nothing (a quick refusal, a call never sent). */
    private static InFlightLimit.Signal signal(ServerCalls.Answer answer) {
        if (answer == null || !answer.sent()) {
            return InFlightLimit.Signal.NONE;
        }
        int status = answer.status();
        if (status == 0 || status == 429 || status == 503 || status == 504) {
            return InFlightLimit.Signal.OVERLOADED;
        }
        return status / 100 == 2 ? InFlightLimit.Signal.SERVED : InFlightLimit.Signal.NONE;
    }

    private static <T> List<Notice> recordBatch(List<Write<T>> batch, ServerCalls.Answer answer,
                                                Function<JsonNode, String> fqnOf, Tally tally) {
        List<Notice> errors = new ArrayList<>();
        if (!answer.ok()) {
            tally.failed(batch.size());
            batch.forEach(w -> errors.add(new Notice(w.fqn(), "Failed to flush entities to bulk API: " + answer.problem())));
            return errors;
        }
        Map<String, String> failed = new HashMap<>();
        for (JsonNode item : answer.body().path("failedRequest")) {
            String message = item.hasNonNull("message") ? item.path("message").asText() : item.path("error").asText();
            failed.put(fqnOf.apply(item.path("request")), message);
        }
        for (Write<T> write : batch) {
            String message = failed.get(write.fqn());
            if (message == null) {
                tally.succeeded(write.change());
            } else {
                tally.failed(1);
                errors.add(new Notice(write.fqn(), "Failed to flush entities to bulk API: " + message));
            }
        }
        return errors;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
