package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** OpenMetadata's {@code type/apiSchema.json}; {@code schemaFields} is null when a referenced schema could not be read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiSchema(String schemaType, List<SchemaField> schemaFields) {

    public static ApiSchema json(List<SchemaField> fields) {
        return new ApiSchema("JSON", fields);
    }
}
