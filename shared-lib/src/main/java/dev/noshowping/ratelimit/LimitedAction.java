package dev.noshowping.ratelimit;

/** What a user may do only so often: each has its own bucket per user. */
public enum LimitedAction {
    /** {@code POST /orders}: every attempt, held or refused. */
    HOLD,
    /** {@code POST /articles}. */
    ARTICLE_CREATE
}
