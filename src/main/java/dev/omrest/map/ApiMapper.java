package dev.omrest.map;

import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.CreateApiService;
import dev.omrest.config.EntityNames;
import dev.omrest.openmetadata.Fqn;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.outcome.Notice;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed document to the create requests upstream's connector would send (names and FQNs identical). Request and
 * response fields follow the context's {@link SchemaFieldsMode}: upstream's rules ({@link OperationSchemas}) or the
 * extended ones ({@link ExtendedSchemas}); nothing else depends on the mode.
 */
public final class ApiMapper {
    private ApiMapper() {
    }

    public static DesiredState map(ParsedSpec spec, MappingContext context) {
        return new Run(spec, context, null).map();
    }

    /** With upstream's rules to the letter for the fields ({@link UpstreamRules}): what upstream itself stores (parity checks). */
    static DesiredState mapExactlyAsUpstream(ParsedSpec spec, MappingContext context) {
        return new Run(spec, context, new UpstreamRules(spec, true, FieldExtractor.MAX_FIELDS)).map();
    }

    /** The operation of a path item under an OpenAPI operation key, or null. */
    static Operation operation(PathItem item, String key) {
        return switch (key) {
            case "get" -> item.getGet();
            case "put" -> item.getPut();
            case "post" -> item.getPost();
            case "delete" -> item.getDelete();
            case "options" -> item.getOptions();
            case "head" -> item.getHead();
            case "patch" -> item.getPatch();
            case "trace" -> item.getTrace();
            default -> null;
        };
    }

    private static final class Run {
        private final OpenAPI openApi;
        private final ParsedSpec spec;
        private final Map<String, List<String>> keyOrder;
        private final int operations;
        private final MappingContext context;
        private final EndpointSchemas schemas;
        private final SharedFields sharedFields = new SharedFields();
        private final List<Notice> warnings = new ArrayList<>();
        private final List<Notice> collectionFailures = new ArrayList<>();
        private final List<Notice> endpointFailures = new ArrayList<>();
        private final List<DesiredState.Mapped<CreateApiCollection>> collections = new ArrayList<>();
        private final List<DesiredState.Mapped<CreateApiEndpoint>> endpoints = new ArrayList<>();
        private final Map<String, Integer> endpointIndex = new HashMap<>();
        private int filteredCollections;
        private int filteredEndpoints;

        Run(ParsedSpec spec, MappingContext context, EndpointSchemas fieldRules) {
            this.openApi = spec.openApi();
            this.spec = spec;
            this.keyOrder = spec.pathKeyOrder();
            this.operations = spec.operationCount();
            this.context = context;
            spec.messages().forEach(m -> warnings.add(new Notice(null, "OpenAPI parser: " + m)));
            spec.pathWarnings().forEach(m -> warnings.add(new Notice(null, m)));
            if (fieldRules != null) {
                this.schemas = fieldRules;
            } else if (context.schemaFields() == SchemaFieldsMode.UPSTREAM) {
                this.schemas = new UpstreamRules(spec, false, FieldExtractor.MAX_FIELDS);
            } else {
                // the floor is upstream's rules to the letter: what upstream itself would store
                this.schemas = new UpstreamFloor(new ExtendedSchemas(spec.bundled()),
                        new UpstreamRules(spec, true, UpstreamFloor.MAX_FIELDS));
                spec.referenceWarnings().forEach(m -> warnings.add(new Notice(null, m)));
                boolean noPaths = openApi.getPaths() == null || openApi.getPaths().isEmpty();
                if (noPaths && openApi.getWebhooks() != null && !openApi.getWebhooks().isEmpty()) {
                    warnings.add(new Notice(null, "The document describes " + openApi.getWebhooks().size()
                            + " webhook(s) and no paths; webhooks are requests the API sends, not endpoints, and are not ingested"));
                }
            }
        }

        DesiredState map() {
            CreateApiService service = new CreateApiService(context.serviceName(), "Rest",
                    context.serviceConnection() == null ? null : new CreateApiService.Connection(context.serviceConnection()));
            List<CollectionSource> sources = Collections.derive(openApi, spec::pathItem,
                    m -> warnings.add(new Notice(null, m)));
            List<CollectionSource> kept = new ArrayList<>();
            for (CollectionSource source : sources) {
                if (!context.collectionFilter().accepts(source.name())) {
                    filteredCollections++;
                } else if (addCollection(source)) {
                    kept.add(source);
                }
            }
            for (CollectionSource source : kept) {
                addEndpoints(source);
            }
            return new DesiredState(service, List.copyOf(collections), List.copyOf(endpoints), operations,
                    filteredCollections, filteredEndpoints, List.copyOf(warnings), List.copyOf(collectionFailures),
                    List.copyOf(endpointFailures));
        }

        private boolean addCollection(CollectionSource source) {
            String problem = EntityNames.entityNameProblem(source.name());
            try {
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                String fqn = Fqn.build(context.serviceName(), source.name());
                String url = EntityUrls.collection(context.docUrl(), source.name(), context.fallbackUrl());
                collections.add(new DesiredState.Mapped<>(fqn,
                        new CreateApiCollection(source.name(), source.description(), context.serviceName(), url, null)));
                return true;
            } catch (RuntimeException e) {
                collectionFailures.add(new Notice(source.name(), "Error creating API Collection request: " + e.getMessage()));
                return false;
            }
        }

        /**
         * Each operation belongs to the collections its own tags name, or to {@code default} when it has none (as
         * upstream 2.0.7's {@code _filter_collection_endpoints}); the collection's endpoints follow document order.
         */
        private void addEndpoints(CollectionSource collection) {
            List<PathEntry> paths = pathsByCollection().getOrDefault(collection.name(), List.of());
            if (paths.isEmpty()) {
                return;
            }
            String collectionFqn = Fqn.build(context.serviceName(), collection.name());
            String collectionUrl = EntityUrls.collection(context.docUrl(), collection.name(), context.fallbackUrl());
            for (PathEntry path : paths) {
                if (!context.endpointFilter().accepts(path.cleanPath())) {
                    filteredEndpoints += path.methods().size();
                    continue;
                }
                for (String method : path.methods()) {
                    addEndpoint(collectionFqn, collectionUrl, path.path(), path.cleanPath(), method,
                            operation(path.item(), method));
                }
            }
        }

        /** A path with the operations one collection takes from it: its keys, and the cleaned path the endpoint names use. */
        private record PathEntry(String path, PathItem item, List<String> methods, String cleanPath) {
        }

        private Map<String, List<PathEntry>> byCollection;

        /**
         * The paths of each collection, in document order, computed once: an operation goes to every collection its
         * tags name (string tags only), and to {@code default} when it names none ({@code tags} missing, null, empty,
         * or without a string) or names {@code default}.
         */
        private Map<String, List<PathEntry>> pathsByCollection() {
            if (byCollection != null) {
                return byCollection;
            }
            byCollection = new HashMap<>();
            if (openApi.getPaths() == null) {
                return byCollection;
            }
            for (String path : openApi.getPaths().keySet()) {
                PathItem item = spec.pathItem(path);
                String cleanPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                Map<String, List<String>> methodsByCollection = new java.util.LinkedHashMap<>();
                for (String method : operationKeys(path, item)) {
                    for (String name : collectionsOf(operation(item, method))) {
                        methodsByCollection.computeIfAbsent(name, k -> new ArrayList<>()).add(method);
                    }
                }
                methodsByCollection.forEach((name, methods) -> byCollection.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new PathEntry(path, item, List.copyOf(methods), cleanPath)));
            }
            return byCollection;
        }

        private static java.util.Set<String> collectionsOf(Operation operation) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            if (operation.getTags() != null) {
                operation.getTags().stream().filter(java.util.Objects::nonNull).forEach(names::add);
            }
            if (names.isEmpty()) {
                names.add(CollectionSource.DEFAULT);
            }
            return names;
        }

        private void addEndpoint(String collectionFqn, String collectionUrl, String path, String cleanPath, String method,
                                 Operation operation) {
            String name = cleanPath + "/" + method;
            try {
                String problem = EntityNames.entityNameProblem(name);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                String fqn = collectionFqn + "." + Fqn.build(name);
                List<String> endpointWarnings = new ArrayList<>();
                ApiSchema request = sharedFields.share(schemas.request(path, method, operation, endpointWarnings::add));
                ApiSchema response = sharedFields.share(schemas.response(path, method, operation, endpointWarnings::add));
                endpointWarnings.forEach(w -> warnings.add(new Notice(fqn, w)));
                String url = EntityUrls.endpoint(collectionUrl, operation.getOperationId(), context.fallbackUrl());
                DesiredState.Mapped<CreateApiEndpoint> endpoint = new DesiredState.Mapped<>(fqn, new CreateApiEndpoint(
                        name, cleanPath, operation.getDescription(), url, method.toUpperCase(Locale.ROOT), request,
                        response, collectionFqn, null));
                Integer earlier = endpointIndex.putIfAbsent(fqn, endpoints.size());
                if (earlier == null) {
                    endpoints.add(endpoint);
                } else {
                    endpoints.set(earlier, endpoint);
                    warnings.add(new Notice(fqn, "Two operations map to the same endpoint name (a path with and without "
                            + "a trailing slash); the later one in the document is kept, as upstream does"));
                }
            } catch (RuntimeException e) {
                endpointFailures.add(new Notice(name, "Error creating API Endpoint request [" + operation.getOperationId()
                        + "]: " + e.getMessage()));
            }
        }

        /** The path's operation keys in document order; other keys (parameters, summary, $ref, x-…) are not operations. */
        private List<String> operationKeys(String path, PathItem item) {
            List<String> keys = keyOrder.getOrDefault(path, List.of());
            List<String> methods = new ArrayList<>();
            for (String key : keys) {
                if (item != null && operation(item, key) != null) {
                    methods.add(key);
                }
            }
            return methods;
        }
    }
}
