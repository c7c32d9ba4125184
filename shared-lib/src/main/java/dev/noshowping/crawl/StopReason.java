package dev.noshowping.crawl;

/** Why a crawl task stopped walking pages; {@code ERROR} goes with a failed task. */
public enum StopReason { EMPTY_PAGE, ALL_KNOWN, TARGET_REACHED, TIME_BUDGET, ERROR }
