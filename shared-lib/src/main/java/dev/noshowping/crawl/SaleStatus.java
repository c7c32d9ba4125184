package dev.noshowping.crawl;

/** Where a marketplace listing is, in our terms; {@code UNKNOWN} when the marketplace says something else. */
public enum SaleStatus { SELLING, RESERVED, SOLD, DELETED, UNKNOWN }
