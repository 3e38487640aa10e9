package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * OpenMetadata's {@code type/apiSchema.json}; {@code schemaFields} is null when a referenced schema could not be read.
 * {@code schemaType} is left out, as upstream's client leaves out every field it did not set: the server stores its
 * default, {@code JSON}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiSchema(String schemaType, List<SchemaField> schemaFields) {

    public static ApiSchema json(List<SchemaField> fields) {
        return new ApiSchema(null, fields);
    }
}
