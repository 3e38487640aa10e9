package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** OpenMetadata's {@code type/schema.json#/definitions/field}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaField(String name, String dataType, String dataTypeDisplay, String description,
                          List<SchemaField> children) {

    public static SchemaField of(String name, String dataType) {
        return new SchemaField(name, dataType, null, null, null);
    }
}
