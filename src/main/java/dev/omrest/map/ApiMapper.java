package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.CreateApiService;
import dev.omrest.openmetadata.EntityNames;
import dev.omrest.openmetadata.Fqn;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.report.Notice;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed document to the create requests upstream's connector would send (names and FQNs identical). */
public final class ApiMapper {
    private ApiMapper() {
    }

    public static DesiredState map(ParsedSpec spec, MappingContext context) {
        return new Run(spec, context).map();
    }

    private static final class Run {
        private final OpenAPI openApi;
        private final Map<String, List<String>> keyOrder;
        private final MappingContext context;
        private final OperationSchemas schemas;
        private final List<Notice> warnings = new ArrayList<>();
        private final List<Notice> collectionFailures = new ArrayList<>();
        private final List<Notice> endpointFailures = new ArrayList<>();
        private final List<DesiredState.Mapped<CreateApiCollection>> collections = new ArrayList<>();
        private final List<DesiredState.Mapped<CreateApiEndpoint>> endpoints = new ArrayList<>();
        private final Map<String, Integer> endpointIndex = new HashMap<>();
        private int filteredCollections;
        private int filteredEndpoints;

        Run(ParsedSpec spec, MappingContext context) {
            this.openApi = spec.openApi();
            this.keyOrder = spec.pathKeyOrder();
            this.context = context;
            this.schemas = new OperationSchemas(openApi.getComponents());
            spec.messages().forEach(m -> warnings.add(new Notice(null, "OpenAPI parser: " + m)));
        }

        DesiredState map() {
            CreateApiService service = new CreateApiService(context.serviceName(), "Rest",
                    context.serviceConnection() == null ? null : new CreateApiService.Connection(context.serviceConnection()));
            List<CollectionSource> sources = Collections.derive(openApi, m -> warnings.add(new Notice(null, m)));
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
            return new DesiredState(service, List.copyOf(collections), List.copyOf(endpoints), countOperations(),
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

        /** §6.1: a path belongs to a collection by the tags of its first operation; all its operations follow it. */
        private void addEndpoints(CollectionSource collection) {
            if (openApi.getPaths() == null) {
                return;
            }
            String collectionFqn = Fqn.build(context.serviceName(), collection.name());
            String collectionUrl = EntityUrls.collection(context.docUrl(), collection.name(), context.fallbackUrl());
            for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
                List<String> methods = operationKeys(path.getKey(), path.getValue());
                if (methods.isEmpty() || !belongsTo(collection, operation(path.getValue(), methods.get(0)))) {
                    continue;
                }
                String cleanPath = path.getKey().endsWith("/")
                        ? path.getKey().substring(0, path.getKey().length() - 1) : path.getKey();
                if (!context.endpointFilter().accepts(cleanPath)) {
                    filteredEndpoints += methods.size();
                    continue;
                }
                for (String method : methods) {
                    addEndpoint(collectionFqn, collectionUrl, cleanPath, method, operation(path.getValue(), method));
                }
            }
        }

        private void addEndpoint(String collectionFqn, String collectionUrl, String cleanPath, String method,
                                 Operation operation) {
            String name = cleanPath + "/" + method;
            try {
                String problem = EntityNames.entityNameProblem(name);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                String fqn = collectionFqn + "." + Fqn.build(name);
                List<String> endpointWarnings = new ArrayList<>();
                ApiSchema request = schemas.request(operation, endpointWarnings::add);
                ApiSchema response = schemas.response(operation, endpointWarnings::add);
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

        private static boolean belongsTo(CollectionSource collection, Operation first) {
            List<String> tags = first.getTags();
            if (CollectionSource.DEFAULT.equals(collection.name())) {
                return tags == null || tags.isEmpty() || tags.contains(CollectionSource.DEFAULT);
            }
            return tags != null && tags.contains(collection.name());
        }

        private static Operation operation(PathItem item, String key) {
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

        private int countOperations() {
            if (openApi.getPaths() == null) {
                return 0;
            }
            return openApi.getPaths().values().stream().mapToInt(p -> p == null ? 0 : p.readOperations().size()).sum();
        }
    }
}
