package dev.noshowping.crawl;

/**
 * A marketplace answered in a shape we do not know (they change without notice): the task that
 * read it fails with this message, every other task goes on.
 */
public final class MarketFormatException extends RuntimeException {
    public MarketFormatException(String message) {
        super(message);
    }

    public MarketFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
