package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.SchemaField;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Request and response fields, the extended way (the default; {@code schemaFields: upstream} uses
 * {@link OperationSchemas} instead).
 * <ul>
 *   <li>Request: the fields of the body ({@code $ref} or inline; {@code components.requestBodies} followed; media
 *       type by {@link BodyMediaTypes}); when the body gives no field, the query and path parameters, path-level and
 *       operation-level merged (the operation's wins for the same name and location). Header and cookie parameters
 *       are not fields.</li>
 *   <li>Response: the first of {@code 200}, the other {@code 2xx} codes in numeric order, {@code 2XX} whose body gives
 *       fields; {@code default} only when the operation declares no success response at all.</li>
 * </ul>
 * The operation is read from the bundled document (external references brought in), found by path and method.
 */
final class ExtendedSchemas implements EndpointSchemas {
    private final OpenAPI openApi;
    private final SchemaIndex index;

    ExtendedSchemas(OpenAPI bundled) {
        this.openApi = bundled;
        this.index = new SchemaIndex(bundled);
    }

    @Override
    public ApiSchema request(String path, String method, Operation original, Consumer<String> warn) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation operation = item == null ? null : ApiMapper.operation(item, method);
        if (operation == null) {
            operation = original;
        }
        FieldWalker walker = new FieldWalker(index, warn);
        RequestBody body = index.requestBody(operation.getRequestBody());
        if (operation.getRequestBody() != null && body == null) {
            warn.accept("Request body reference '" + operation.getRequestBody().get$ref() + "' not found");
        }
        if (body != null) {
            Schema<?> schema = BodyMediaTypes.schema(body.getContent());
            if (schema != null) {
                FieldWalker.Result result = walker.fields(schema);
                result.cuts().forEach(cut -> warn.accept("Request schema fields " + cut));
                if (result.fields() != null) {
                    return new ApiSchema(result.fields());
                }
            }
        }
        List<SchemaField> parameters = parameterFields(item, operation, walker, warn);
        return parameters.isEmpty() ? null : new ApiSchema(parameters);
    }

    @Override
    public ApiSchema response(String path, String method, Operation original, Consumer<String> warn) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation operation = item == null ? null : ApiMapper.operation(item, method);
        if (operation == null) {
            operation = original;
        }
        ApiResponses responses = operation.getResponses();
        if (responses == null || responses.isEmpty()) {
            return null;
        }
        FieldWalker walker = new FieldWalker(index, warn);
        for (String code : responseOrder(responses)) {
            ApiResponse declared = responses.get(code);
            ApiResponse response = index.response(declared);
            if (response == null) {
                if (declared != null && declared.get$ref() != null) {
                    warn.accept("Response reference '" + declared.get$ref() + "' not found");
                }
                continue;
            }
            Schema<?> schema = BodyMediaTypes.schema(response.getContent());
            if (schema == null) {
                continue;
            }
            FieldWalker.Result result = walker.fields(schema);
            result.cuts().forEach(cut -> warn.accept("Response schema fields " + cut));
            if (result.fields() != null) {
                return new ApiSchema(result.fields());
            }
        }
        return null;
    }

    /** 200, the other 2xx in numeric order, 2XX; default only when no success response is declared. */
    static List<String> responseOrder(Map<String, ApiResponse> responses) {
        List<String> order = new ArrayList<>();
        if (responses.containsKey("200")) {
            order.add("200");
        }
        responses.keySet().stream()
                .filter(code -> code.length() == 3 && code.charAt(0) == '2' && Character.isDigit(code.charAt(1))
                        && Character.isDigit(code.charAt(2)) && !code.equals("200"))
                .sorted()
                .forEach(order::add);
        responses.keySet().stream().filter(code -> code.equalsIgnoreCase("2XX")).forEach(order::add);
        if (order.isEmpty() && responses.containsKey("default")) {
            order.add("default");
        }
        return order;
    }

    /** Query and path parameters: path-level ones first, an operation's parameter replacing the one with its name and location. */
    private List<SchemaField> parameterFields(PathItem item, Operation operation, FieldWalker walker, Consumer<String> warn) {
        Map<String, Parameter> merged = new LinkedHashMap<>();
        if (item != null && item.getParameters() != null) {
            item.getParameters().forEach(p -> add(merged, p, warn));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> add(merged, p, warn));
        }
        List<SchemaField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Parameter parameter : merged.values()) {
            String in = parameter.getIn();
            if (!"query".equals(in) && !"path".equals(in)) {
                continue;
            }
            if (!OperationSchemas.hasUsableName(parameter, warn)) {
                continue;
            }
            if (!names.add(parameter.getName())) {
                warn.accept("Parameter '" + parameter.getName() + "' (" + in + ") skipped: an earlier parameter has the same name");
                continue;
            }
            Schema<?> schema = parameter.getSchema();
            if (schema == null && parameter.getContent() != null) {
                schema = BodyMediaTypes.schema(parameter.getContent());
            }
            String description = parameter.getDescription() != null ? parameter.getDescription()
                    : schema == null ? null : schema.getDescription();
            FieldWalker.Result result = walker.field(parameter.getName(), schema, description, "(" + in + ")");
            result.cuts().forEach(cut -> warn.accept("Parameter '" + parameter.getName() + "' fields " + cut));
            fields.addAll(result.fields());
        }
        return fields;
    }

    private void add(Map<String, Parameter> merged, Parameter declared, Consumer<String> warn) {
        Parameter parameter = index.parameter(declared);
        if (parameter == null) {
            if (declared != null && declared.get$ref() != null) {
                warn.accept("Parameter reference '" + declared.get$ref() + "' not found");
            }
            return;
        }
        merged.put(parameter.getIn() + ":" + parameter.getName(), parameter);
    }
}
