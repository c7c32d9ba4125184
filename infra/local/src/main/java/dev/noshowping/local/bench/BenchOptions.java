package dev.noshowping.local.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark programs' options: {@code -x N} pairs, each an integer with a default and a
 * minimum. A bad command line ends the program with the problem and the usage line (exit 2), not
 * a stack trace.
 */
final class BenchOptions {

    private record Option(String flag, String meaning, int defaultValue, int minimum) {
    }

    private final String command;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<String, Integer> values = new LinkedHashMap<>();

    /** @param command what the user types, e.g. {@code ./bench.sh checkout} */
    BenchOptions(String command) {
        this.command = command;
    }

    BenchOptions option(String flag, String meaning, int defaultValue, int minimum) {
        options.put(flag, new Option(flag, meaning, defaultValue, minimum));
        return this;
    }

    /** Reads {@code args}; on a bad command line prints why and the usage, and exits with status 2. */
    BenchOptions parse(String[] args) {
        options.values().forEach(o -> values.put(o.flag(), o.defaultValue()));
        for (int i = 0; i < args.length; i += 2) {
            Option option = options.get(args[i]);
            if (option == null) {
                fail("unknown option " + args[i]);
            } else if (i + 1 >= args.length) {
                fail("missing value after " + args[i]);
            } else {
                int value;
                try {
                    value = Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    fail("not a number after " + args[i] + ": " + args[i + 1]);
                    return this;
                }
                if (value < option.minimum()) {
                    fail(args[i] + " must be " + option.minimum() + " or more");
                }
                values.put(option.flag(), value);
            }
        }
        return this;
    }

    int get(String flag) {
        Integer value = values.get(flag);
        if (value == null) {
            throw new IllegalArgumentException("no option " + flag + " (or parse() not called)");
        }
        return value;
    }

    String usage() {
        StringBuilder line = new StringBuilder("usage: ").append(command);
        options.values().forEach(o -> line.append(" [").append(o.flag()).append(' ').append(o.meaning())
                .append(" (").append(o.defaultValue()).append(")]"));
        return line.toString();
    }

    private void fail(String problem) {
        System.err.println(problem);
        System.err.println(usage());
        System.exit(2);
    }
}
