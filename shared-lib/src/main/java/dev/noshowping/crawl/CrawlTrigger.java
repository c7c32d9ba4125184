package dev.noshowping.crawl;

/** What opened a crawl run: the schedule, or someone by hand. */
public enum CrawlTrigger { SCHEDULE, MANUAL }
