package org.confops.catalog.domain;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class ProductKindConverter implements AttributeConverter<ProductKind, String> {

    @Override
    public String convertToDatabaseColumn(ProductKind kind) {
        return kind == null ? null : kind.code();
    }

    @Override
    public ProductKind convertToEntityAttribute(String code) {
        return code == null ? null
                : Arrays.stream(ProductKind.values()).filter(k -> k.code().equals(code)).findFirst().orElseThrow();
    }
}
