package dev.noshowping.notify;

/** One message an outbox event turns into, on one channel. */
public sealed interface Delivery {

    Channel channel();

    /** A Kakao alimtalk to a user; their phone number is read when it is sent, never copied into the outbox. */
    record ToUser(long userId, Alimtalk message) implements Delivery {
        @Override
        public Channel channel() {
            return Channel.ALIMTALK;
        }
    }

    /** A post to the operations Discord channel. {@code kind} names it in the notification record. */
    record ToOps(String kind, String content) implements Delivery {
        @Override
        public Channel channel() {
            return Channel.DISCORD;
        }
    }

    enum Channel { ALIMTALK, DISCORD }
}
