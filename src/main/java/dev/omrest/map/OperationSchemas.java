package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.config.EntityNames;
import dev.omrest.openmetadata.SchemaField;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Request and response schemas of one operation. */
final class OperationSchemas {
    private static final List<String> RESPONSE_CODES = List.of("200", "201", "202", "203", "204");
    private final Components components;
    private final boolean exact;
    private final int maxFields;

    /**
     * @param exact upstream's rules to the letter, for an OpenAPI 3 document: only {@code application/json} bodies, no
     *              {@code components.requestBodies}, {@code responses} or {@code parameters} reference followed
     *              (compatibility rows 9 and 10 undone); the extended mode's floor ({@link UpstreamFloor}) is these
     */
    OperationSchemas(Components components, boolean exact, int maxFields) {
        this.components = components;
        this.exact = exact;
        this.maxFields = maxFields;
    }

    private Schema<?> jsonSchema(io.swagger.v3.oas.models.media.Content content) {
        if (!exact) {
            return MediaTypes.jsonSchema(content);
        }
        io.swagger.v3.oas.models.media.MediaType json = content == null ? null : content.get("application/json");
        return json == null ? null : json.getSchema();
    }

    ApiSchema request(Operation operation, Consumer<String> warn) {
        FieldExtractor fields = new FieldExtractor(components, warn, maxFields);
        try {
            Schema<?> body = jsonSchema(requestBody(operation.getRequestBody()) == null ? null
                    : requestBody(operation.getRequestBody()).getContent());
            String ref = bodyRef(body);
            if (ref != null) {
                return new ApiSchema(fields.fieldsOfRef(ref));
            }
            List<SchemaField> parameters = parameterFields(operation.getParameters(), warn);
            return parameters.isEmpty() ? null : new ApiSchema(parameters);
        } catch (RuntimeException e) {
            warn.accept("Error while processing schema fields: " + e.getMessage());
            return new ApiSchema(null);
        }
    }

    ApiSchema response(Operation operation, Consumer<String> warn) {
        Schema<?> schema = responseSchema(operation.getResponses());
        if (schema == null) {
            return null;
        }
        FieldExtractor fields = new FieldExtractor(components, warn, maxFields);
        try {
            if (schema.get$ref() != null) {
                return new ApiSchema(fields.fieldsOfRef(schema.get$ref()));
            }
            if (arrayOfRef(schema)) {
                return new ApiSchema(fields.fieldsOfRef(schema.getItems().get$ref()));
            }
            String envelope = envelopeRef(schema);
            if (envelope != null) {
                return new ApiSchema(fields.fieldsOfRef(envelope));
            }
            Map<String, Schema> properties = schema.getProperties();
            if (properties != null && !properties.isEmpty()) {
                List<SchemaField> inline = fields.propertyFields(properties);
                return inline.isEmpty() ? null : new ApiSchema(inline);
            }
            return null;
        } catch (RuntimeException e) {
            warn.accept("Error while processing schema fields: " + e.getMessage());
            return null;
        }
    }

    /** {@code data} when the response's fields are those of the schema its {@code data} property references (upstream's case 3). */
    String responseEnvelope(Operation operation) {
        Schema<?> schema = responseSchema(operation.getResponses());
        return schema != null && envelopeRef(schema) != null ? "data" : null;
    }

    /** The reference of the {@code data} property whose schema's fields upstream lists as the response's (case 3), or null. */
    private static String envelopeRef(Schema<?> schema) {
        if (schema.get$ref() != null || arrayOfRef(schema)) {
            return null; // cases 1 and 2 come first
        }
        Schema<?> data = schema.getProperties() == null ? null : schema.getProperties().get("data");
        return data == null ? null : data.get$ref();
    }

    private static boolean arrayOfRef(Schema<?> schema) {
        return "array".equals(DataTypes.declaredType(schema)) && schema.getItems() != null && schema.getItems().get$ref() != null;
    }

    /** A body schema that is a {@code $ref}, or an array of one; inline bodies are not converted (upstream). */
    private static String bodyRef(Schema<?> body) {
        if (body == null) {
            return null;
        }
        if (body.get$ref() != null) {
            return body.get$ref();
        }
        if (DataTypes.ARRAY.equals(DataTypes.of(body)) && body.getItems() != null) {
            return body.getItems().get$ref();
        }
        return null;
    }

    private Schema<?> responseSchema(ApiResponses responses) {
        if (responses == null) {
            return null;
        }
        for (String code : RESPONSE_CODES) {
            ApiResponse response = response(responses.get(code));
            Schema<?> schema = response == null ? null : jsonSchema(response.getContent());
            if (schema != null) {
                return schema;
            }
        }
        return null;
    }

    private List<SchemaField> parameterFields(List<Parameter> parameters, Consumer<String> warn) {
        List<SchemaField> fields = new ArrayList<>();
        if (parameters == null) {
            return fields;
        }
        for (Parameter declared : parameters) {
            Parameter parameter = parameter(declared);
            if (parameter == null || !("query".equals(parameter.getIn()) || "path".equals(parameter.getIn()))) {
                continue;
            }
            if (!hasUsableName(parameter, warn)) {
                continue;
            }
            Schema<?> schema = parameter.getSchema();
            String dataType = DataTypes.of(schema);
            List<SchemaField> children = null;
            if (DataTypes.ARRAY.equals(dataType) && !FieldExtractor.isEmpty(schema.getItems())) {
                children = List.of(SchemaField.of("item", DataTypes.map(DataTypes.declaredType(schema.getItems()), null)));
            }
            fields.add(new SchemaField(parameter.getName(), dataType, null, parameter.getDescription(), children));
        }
        return fields;
    }

    /** A parameter without a name is skipped silently (upstream); one OpenMetadata would refuse, with a warning. */
    static boolean hasUsableName(Parameter parameter, Consumer<String> warn) {
        String problem = EntityNames.fieldNameProblem(parameter.getName());
        if (problem != null && parameter.getName() != null) {
            warn.accept("Parameter skipped: " + problem);
        }
        return problem == null;
    }

    private RequestBody requestBody(RequestBody body) {
        if (body == null || body.get$ref() == null || exact) {
            return body;
        }
        return lookup(components == null ? null : components.getRequestBodies(), body.get$ref());
    }

    private ApiResponse response(ApiResponse response) {
        if (response == null || response.get$ref() == null || exact) {
            return response;
        }
        return lookup(components == null ? null : components.getResponses(), response.get$ref());
    }

    private Parameter parameter(Parameter parameter) {
        if (parameter == null || parameter.get$ref() == null) {
            return parameter;
        }
        if (exact) {
            return null; // upstream follows only Swagger 2.0's #/parameters/ references
        }
        return lookup(components == null ? null : components.getParameters(), parameter.get$ref());
    }

    private static <T> T lookup(Map<String, T> byName, String ref) {
        return byName == null ? null : byName.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
