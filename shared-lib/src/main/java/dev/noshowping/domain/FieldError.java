package dev.noshowping.domain;

/** One invalid input: {@code field} is the JSON path of the offending value (e.g. {@code serviceProduct.guests}). */
public record FieldError(String field, String message) {
}
