package dev.noshowping.watch;

import java.util.Arrays;
import java.util.Optional;

/**
 * What watchers of an article hear of. Each is written to the outbox once, as {@link #topic}, in
 * the transaction that made it happen; its consumer fans it out as one {@link #noticeTopic} row
 * per watcher ({@link WatchRepository#fanOut}).
 */
public enum WatchEvent {
    /** The seller lowered the price of an article on sale. */
    PRICE_DROPPED("article.price_dropped", "watch.price_dropped"),
    /** The article is on sale again: a hold ended unpaid, or staff restored it. */
    BACK_ON_SALE("article.back_on_sale", "watch.back_on_sale");

    private final String topic;
    private final String noticeTopic;

    WatchEvent(String topic, String noticeTopic) {
        this.topic = topic;
        this.noticeTopic = noticeTopic;
    }

    public String topic() {
        return topic;
    }

    public String noticeTopic() {
        return noticeTopic;
    }

    /** The event an outbox topic is, if it is one. */
    public static Optional<WatchEvent> ofTopic(String topic) {
        return Arrays.stream(values()).filter(e -> e.topic.equals(topic)).findFirst();
    }
}
