package dev.noshowping.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement whose parameters are named ({@code :merchant}), so a column and its value stand together
 * in a statement of many parameters. Parsed once, into JDBC text with {@code ?} and the positions of
 * each name; keep it in a {@code static final} and {@link #prepare} it per use.
 *
 * <p>Only a colon followed by a letter or {@code _}, outside string literals, quoted identifiers and
 * comments, and not right after a letter or digit, starts a name: {@code ::cast}, {@code '10:30'}
 * and {@code a[lo:hi]} stay as written. A bare {@code ?} is refused, so a statement is all names or,
 * when it has a parameter or two, plain JDBC.
 */
public final class NamedSql {

    private final String jdbc;
    private final Map<String, int[]> positions;
    private final String[] names;

    private NamedSql(String jdbc, Map<String, int[]> positions, String[] names) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.names = names;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} on a bare {@code ?} or an unclosed literal. */
    public static NamedSql parse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = closing(text, i, ch);
                out.append(text, i, end);
                i = end;
            } else if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(text, i, end);
                i = end;
            } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed comment in: " + text);
                }
                out.append(text, i, end + 2);
                i = end + 2;
            } else if (ch == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < n && startsName(text.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                order.add(name);
                found.computeIfAbsent(name, k -> new ArrayList<>()).add(order.size());
                out.append('?');
                i = end;
            } else if (ch == '?') {
                throw new IllegalArgumentException("a bare ? in a statement with names: " + text);
            } else {
                out.append(ch);
                i++;
            }
        }
        Map<String, int[]> positions = new LinkedHashMap<>();
        found.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new NamedSql(out.toString(), Map.copyOf(positions), order.toArray(String[]::new));
    }

    private static boolean startsName(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** The index just past the literal or quoted identifier opened at {@code start}; a doubled quote escapes. */
    private static int closing(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unclosed " + quote + " in: " + text);
    }

    /** The statement as JDBC sees it, every name a {@code ?}. */
    public String jdbc() {
        return jdbc;
    }

    /** The 1-based positions of {@code name}; throws when the statement has no such name. */
    int[] positions(String name) {
        int[] at = positions.get(name);
        if (at == null) {
            throw new IllegalArgumentException("no parameter :" + name + " in: " + jdbc);
        }
        return at;
    }

    /** The name at a 1-based position. */
    String nameAt(int position) {
        return names[position - 1];
    }

    int parameterCount() {
        return names.length;
    }

    public NamedStatement prepare(Connection c) throws SQLException {
        return new NamedStatement(this, c.prepareStatement(jdbc));
    }
}
