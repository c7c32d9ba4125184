package dev.noshowping.domain;

import java.util.List;

/** The input is wrong: every invalid field at once, so a client fixes a form in one round. */
public final class Invalid extends DomainException {

    private final List<FieldError> errors;

    public Invalid(List<FieldError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an Invalid names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    public Invalid(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
    }
}
