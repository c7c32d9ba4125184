package dev.noshowping.crawl;

/** A crawl task is {@code QUEUED} by the fan-out, {@code RUNNING} once a worker claims it, then {@code DONE} or {@code FAILED}. */
public enum CrawlTaskStatus { QUEUED, RUNNING, DONE, FAILED }
