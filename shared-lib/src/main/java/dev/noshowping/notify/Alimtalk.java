package dev.noshowping.notify;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alimtalk ready to send: a template and a value for each of its variables, no more, no fewer.
 * A mismatch is a programming error (the template catalogue and its caller disagree), so it fails
 * at construction, in tests, not at SOLAPI.
 */
public record Alimtalk(AlimtalkTemplate template, Map<String, String> variables) {

    public Alimtalk {
        variables = Map.copyOf(variables);
        if (!variables.keySet().equals(template.variables())) {
            throw new IllegalArgumentException(template + " takes " + sorted(template.variables()) + " but was given " + sorted(variables.keySet()));
        }
        variables.forEach((name, value) -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException(template + ": variable " + name + " is blank");
            }
        });
    }

    /** The message as the user reads it. */
    public String text() {
        return AlimtalkTemplate.fill(template.text(), variables);
    }

    /** SOLAPI's {@code kakaoOptions.variables}: keys written {@code #{name}}. */
    public Map<String, String> solapiVariables() {
        Map<String, String> out = new TreeMap<>();
        variables.forEach((name, value) -> out.put("#{" + name + "}", value));
        return out;
    }

    /** The buttons with their links filled in: web links under {@code webBase}, app links under {@code appScheme}. */
    public List<Map<String, String>> solapiButtons(String webBase, String appScheme) {
        return template.buttons().stream().map(b -> {
            String path = AlimtalkTemplate.fill(b.path(), variables);
            return switch (b.type()) {
                case "WL" -> Map.of("buttonType", "WL", "buttonName", b.name(),
                        "linkMo", webBase + path, "linkPc", webBase + path);
                case "AL" -> Map.of("buttonType", "AL", "buttonName", b.name(),
                        "linkAnd", appScheme + path, "linkIos", appScheme + path,
                        "linkMo", webBase + path, "linkPc", webBase + path);
                default -> throw new IllegalStateException("unknown button type " + b.type());
            };
        }).toList();
    }

    private static List<String> sorted(java.util.Set<String> names) {
        return names.stream().sorted().toList();
    }
}
