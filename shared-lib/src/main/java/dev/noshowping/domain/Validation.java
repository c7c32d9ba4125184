package dev.noshowping.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of a request, then fails once with all of them (a client fixes a
 * form in one round, not one field per attempt). Field names are JSON paths.
 */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public boolean required(String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }

    /** Required text of {@code min..max} characters, not blank. */
    public void text(String field, String value, int min, int max) {
        if (!required(field, value)) {
            return;
        }
        optionalText(field, value, min, max);
    }

    public void optionalText(String field, String value, int min, int max) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (min > 0 && value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (length < min || length > max) {
            errors.add(new FieldError(field, "must be " + min + " to " + max + " characters, got " + length));
        }
    }

    public void pattern(String field, String value, Pattern pattern, String description) {
        if (required(field, value) && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + description));
        }
    }

    public void range(String field, Long value, long min, long max) {
        if (required(field, value) && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }

    /** A whole number of {@code min..max} written as {@code text}; null (and an error) when it is not one. */
    public Long wholeNumber(String field, String text, long min, long max) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be an integer"));
            return null;
        }
        range(field, n, min, max);
        return n < min || n > max ? null : n;
    }

    /** A required value that must name a constant of {@code type}; null (and an error) when it does not. */
    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (!required(field, value)) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        errors.add(new FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
        return null;
    }

    /** Every query parameter not in {@code known} is an error naming it. */
    public void onlyKnown(java.util.Map<String, String> params, java.util.Set<String> known) {
        params.keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k -> add(k, "is not a known parameter"));
    }

    public void check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
    }

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean hasErrorFor(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Refuses the input with every invalid field, if any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
